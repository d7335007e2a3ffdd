// Deploys (with the FlashSide Ignition module) and seeds the flash-loan side on any network: the USDC-like
// stablecoin and a WETH-like token (test tokens), the FlashLoanVault over the stablecoin, two independent
// constant-product DEXes (factory + router each) with a stable/WETH pair on each, and the two arbitrage borrowers.
// Used by the demo and by the tests (and, through `attachFlashSide`, by deployHedgeSide), so all of them exercise
// the same wiring.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";
import FlashSideModule from "../../ignition/modules/FlashSide.js";
import type { OrderedReserves } from "./arbitrage.js";
import type {
  ConstantProductFactory,
  ConstantProductRouter,
  FlashArbitrageur,
  FlashLoanVault,
  FlashSwapArbitrageur,
  IUniswapV2Pair,
  MockERC20,
} from "../../types/ethers-contracts/index.js";

/** Units of the two test tokens. */
export const USDC_DECIMALS = 6;
export const WETH_DECIMALS = 18;
/** Virtual-share offset of the FlashLoanVault (inflation defence): shares have 6 + 6 decimals. */
export const VAULT_DECIMALS_OFFSET = 6;

export interface FlashSideOptions {
  /** Flash fee of the vault in basis points (hard cap 100). */
  flashFeeBps: number;
  /** Stablecoin deposited into the vault by the first lender, in whole units. */
  vaultLiquidity: bigint;
  /** WETH price on DEX A and on DEX B, in whole stablecoin units; a gap between them is an arbitrage. */
  priceA: bigint;
  priceB: bigint;
  /** WETH in each pair, in whole units. */
  wethPerPair: bigint;
}

export const DEFAULT_FLASH_SIDE: FlashSideOptions = {
  flashFeeBps: 5,
  vaultLiquidity: 1_000_000n,
  priceA: 2_000n,
  priceB: 2_100n,
  wethPerPair: 1_000n,
};

/** What the deploy helper needs from a network connection (`await network.create()` has both). */
export type FlashSideConnection = Pick<NetworkConnection, "ethers" | "ignition">;

export interface FlashSide {
  usdc: MockERC20;
  weth: MockERC20;
  vault: FlashLoanVault;
  factoryA: ConstantProductFactory;
  factoryB: ConstantProductFactory;
  routerA: ConstantProductRouter;
  routerB: ConstantProductRouter;
  pairA: IUniswapV2Pair;
  pairB: IUniswapV2Pair;
  arbitrageur: FlashArbitrageur;
  flashSwapArbitrageur: FlashSwapArbitrageur;
}

export const usdc = (whole: bigint): bigint => whole * 10n ** BigInt(USDC_DECIMALS);
export const weth = (whole: bigint): bigint => whole * 10n ** BigInt(WETH_DECIMALS);

/**
 * Deploys and seeds the flash-loan side. The first signer is the admin, the liquidity provider of the vault
 * and the pairs, and the owner of the arbitrageurs.
 */
export async function deployFlashSide(
  { ethers, ignition }: FlashSideConnection,
  options: FlashSideOptions = DEFAULT_FLASH_SIDE,
): Promise<FlashSide> {
  const deployed = await ignition.deploy(FlashSideModule, {
    parameters: { FlashSide: flashSideParameters(options) },
  });
  return attachFlashSide(ethers, deployed, options);
}

/** The FlashSide Ignition module's parameters for `options`. */
export function flashSideParameters(options: FlashSideOptions): {
  flashFeeBps: bigint;
  decimalsOffset: bigint;
} {
  return { flashFeeBps: BigInt(options.flashFeeBps), decimalsOffset: BigInt(VAULT_DECIMALS_OFFSET) };
}

/** What the FlashSide Ignition module (or a module using it) deployed: anything with an address. */
export type DeployedFlashSide = Record<
  "usdc" | "weth" | "vault" | "factoryA" | "factoryB" | "routerA" | "routerB",
  { getAddress(): Promise<string> }
>;

/**
 * Typed (TypeChain) handles on a flash side the FlashSide Ignition module deployed, seeded (`seedFlashSide`), with
 * the two arbitrage borrowers deployed next to it. The first signer is the admin, the liquidity provider of the
 * vault and the pairs, and the owner of the arbitrageurs.
 */
export async function attachFlashSide(
  ethers: HardhatEthers,
  deployed: DeployedFlashSide,
  options: FlashSideOptions,
): Promise<FlashSide> {
  const [admin] = await ethers.getSigners();
  if (admin === undefined) throw new Error("attachFlashSide: the network has no signer");
  const usdcToken = await ethers.getContractAt("MockERC20", await deployed.usdc.getAddress());
  const wethToken = await ethers.getContractAt("MockERC20", await deployed.weth.getAddress());
  const vault = await ethers.getContractAt("FlashLoanVault", await deployed.vault.getAddress());
  const factoryA = await ethers.getContractAt("ConstantProductFactory", await deployed.factoryA.getAddress());
  const factoryB = await ethers.getContractAt("ConstantProductFactory", await deployed.factoryB.getAddress());
  const routerA = await ethers.getContractAt("ConstantProductRouter", await deployed.routerA.getAddress());
  const routerB = await ethers.getContractAt("ConstantProductRouter", await deployed.routerB.getAddress());

  await seedFlashSide(ethers, admin, { usdc: usdcToken, weth: wethToken, vault, routerA, routerB }, options);
  const pairs: IUniswapV2Pair[] = [];
  for (const factory of [factoryA, factoryB]) {
    const pairAddress = await factory.getPair(await usdcToken.getAddress(), await wethToken.getAddress());
    pairs.push(await ethers.getContractAt("IUniswapV2Pair", pairAddress));
  }

  const arbitrageur = await ethers.deployContract("FlashArbitrageur", [
    admin.address,
    await vault.getAddress(),
  ]);
  const flashSwapArbitrageur = await ethers.deployContract("FlashSwapArbitrageur", [admin.address]);

  return {
    usdc: usdcToken,
    weth: wethToken,
    vault,
    factoryA,
    factoryB,
    routerA,
    routerB,
    pairA: pairs[0]!,
    pairB: pairs[1]!,
    arbitrageur,
    flashSwapArbitrageur,
  };
}

/**
 * Seeds a deployed flash side: `admin` becomes the vault's first lender (`vaultLiquidity`) and adds liquidity
 * to DEX A and DEX B at their own WETH prices (`wethPerPair` WETH each). Test tokens are minted as needed.
 */
export async function seedFlashSide(
  ethers: HardhatEthers,
  admin: HardhatEthersSigner,
  c: Pick<FlashSide, "usdc" | "weth" | "vault" | "routerA" | "routerB">,
  options: FlashSideOptions,
): Promise<void> {
  await (await c.usdc.mint(admin.address, usdc(options.vaultLiquidity))).wait();
  await (await c.usdc.connect(admin).approve(await c.vault.getAddress(), ethers.MaxUint256)).wait();
  await (await c.vault.connect(admin).deposit(usdc(options.vaultLiquidity), admin.address)).wait();
  for (const [router, price] of [
    [c.routerA, options.priceA],
    [c.routerB, options.priceB],
  ] as const) {
    const amountUsdc = usdc(options.wethPerPair * price);
    const amountWeth = weth(options.wethPerPair);
    await (await c.usdc.mint(admin.address, amountUsdc)).wait();
    await (await c.weth.mint(admin.address, amountWeth)).wait();
    await (await c.usdc.connect(admin).approve(await router.getAddress(), amountUsdc)).wait();
    await (await c.weth.connect(admin).approve(await router.getAddress(), amountWeth)).wait();
    const deadline = (await latestTimestamp(ethers)) + 3600;
    await (
      await router
        .connect(admin)
        .addLiquidity(
          await c.usdc.getAddress(),
          await c.weth.getAddress(),
          amountUsdc,
          amountWeth,
          amountUsdc,
          amountWeth,
          admin.address,
          deadline,
        )
    ).wait();
  }
}

/** Reserves of `pair` ordered as (loan token, other token), for the off-chain arbitrage sizing. */
export async function orderedReserves(pair: IUniswapV2Pair, loanToken: string): Promise<OrderedReserves> {
  const [r0, r1] = await pair.getReserves();
  return (await pair.token0()) === loanToken ? { loan: r0, other: r1 } : { loan: r1, other: r0 };
}

/** Timestamp of the latest block. */
export async function latestTimestamp(ethers: HardhatEthers): Promise<number> {
  const block = await ethers.provider.getBlock("latest");
  if (block === null) throw new Error("latestTimestamp: no latest block");
  return block.timestamp;
}
