// Deploys the whole system for the demo through the Ignition modules (scripts/demo/alvhDemoModule.ts: the
// Alvh module plus the unhedged comparison vault) and seeds it like its first users would: the flash vault's
// lender, one stablecoin/WETH pair per DEX, the option pool's LP, and one depositor per hedge vault
// (request → processEpoch → claim). Feeds start at the first replayed day's values.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";
import type {
  ConstantProductRouter,
  FlashLoanVault,
  HedgeLayerVault,
  HedgeTimelock,
  HedgeUpkeep,
  IndexFeed,
  IUniswapV2Pair,
  MockERC20,
  OptionPool,
  FlashArbitrageur,
  VolSurfaceOracle,
} from "../../types/ethers-contracts/index.js";
import {
  DEFAULT_FLASH_SIDE,
  latestTimestamp,
  seedFlashSide,
  usdc,
  type FlashSide,
} from "../deploy/flashSide.js";
import {
  DEFAULT_LAYERS,
  type CondorPolicy,
  type LayerPolicy,
  type VaultPolicy,
} from "../deploy/hedgeSide.js";
import { pushIndexValues } from "../feeds/pushIndexValues.js";
import { pushSurfaces, type MarketSurfaces } from "../feeds/pushSurfaces.js";
import AlvhDemo from "./alvhDemoModule.js";

export type DemoConnection = Pick<NetworkConnection, "ethers" | "ignition" | "provider">;

export interface DemoSeed {
  /** Stablecoin the option pool's LP deposits, whole units. */
  poolLiquidity: bigint;
  /** Each hedge vault's depositor deposits this much, whole units. */
  deposit: bigint;
  /** Timelock delay of the governance module, seconds. */
  timelockDelay: bigint;
}

export const DEFAULT_DEMO_SEED: DemoSeed = {
  poolLiquidity: 10_000_000n,
  deposit: 1_000_000n,
  timelockDelay: 2n * 86_400n,
};

export interface DemoSystem {
  /** The flash side, as scripts/demo/flashSide.ts runs it. */
  flash: FlashSide;
  vixFeed: IndexFeed;
  spxFeed: IndexFeed;
  /** The volatility surfaces of both feeds (the pool prices from them). */
  volOracle: VolSurfaceOracle;
  pool: OptionPool;
  /** The ALVH vault (condor + layers). */
  hedged: HedgeLayerVault;
  /** The comparison vault: the same condor, layer weights zero. */
  unhedged: HedgeLayerVault;
  upkeep: HedgeUpkeep;
  timelock: HedgeTimelock;
  /** Deployer: admin until the timelock took over, feed reporter, volatility oracle, LP of everything. */
  admin: HardhatEthersSigner;
  keeper: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  multisig: HardhatEthersSigner;
  /** Depositors of the hedged and the unhedged vault. */
  hedgedDepositor: HardhatEthersSigner;
  unhedgedDepositor: HardhatEthersSigner;
  /** Every signer the demo sends from (to count its transactions). */
  senders: HardhatEthersSigner[];
}

/**
 * Layer weight of the unhedged comparison vault: zero, so its layers are switched off (the keeper plans
 * nothing for a zero-weight layer) and it holds only the condor.
 */
export const UNHEDGED_LAYER_WEIGHT = 0n;

/** Hardhat account index of the keeper (signers: admin, keeper, guardian, multisig, two depositors). */
export const KEEPER_ACCOUNT_INDEX = 1;

/** 8-decimal feed units from index points. */
export const feedUnits = (points: number): bigint => BigInt(Math.round(points * 1e8));

const DAY_SECONDS = 86_400;

/** Policies of the hedged vault at deployment (the HedgeVault module's parameters); absent: its defaults. */
export interface HedgedVaultPolicy {
  layers?: LayerPolicy[];
  condor?: CondorPolicy;
  vaultPolicy?: VaultPolicy;
}

/**
 * Deploys and seeds everything. `start`: the first feed values (index points) and the surfaces built from the
 * first day's market; `hedgedPolicy`: the hedged vault's policies (the backtest's grid), else the defaults.
 */
export async function deployDemoSystem(
  connection: DemoConnection,
  start: { vix: number; spx: number; surfaces: MarketSurfaces },
  seed: DemoSeed = DEFAULT_DEMO_SEED,
  hedgedPolicy: HedgedVaultPolicy = {},
): Promise<DemoSystem> {
  const { ethers, ignition } = connection;
  const signers = await ethers.getSigners();
  const [admin, keeper, guardian, multisig, hedgedDepositor, unhedgedDepositor] = signers;
  if (unhedgedDepositor === undefined) throw new Error("deployDemoSystem: six signers needed");

  const unhedgedLayers = DEFAULT_LAYERS.map((l) => ({ ...l, weight: UNHEDGED_LAYER_WEIGHT }));
  const d = await ignition.deploy(AlvhDemo, {
    parameters: {
      HedgeVault: {
        keeper: keeper!.address,
        guardian: guardian!.address,
        // Ignition's parameters are plain objects: the policies are copied into object literals.
        ...(hedgedPolicy.layers === undefined ? {} : { layers: hedgedPolicy.layers.map((l) => ({ ...l })) }),
        ...(hedgedPolicy.condor === undefined ? {} : { condor: { ...hedgedPolicy.condor } }),
        ...(hedgedPolicy.vaultPolicy === undefined ? {} : { vaultPolicy: { ...hedgedPolicy.vaultPolicy } }),
      },
      UnhedgedVault: {
        keeper: keeper!.address,
        guardian: guardian!.address,
        name: "Unhedged condor vault shares",
        symbol: "condorUSDC",
        layers: unhedgedLayers,
      },
      Governance: { multisig: multisig!.address, minDelay: seed.timelockDelay },
      FlashSide: { flashFeeBps: BigInt(DEFAULT_FLASH_SIDE.flashFeeBps) },
    },
  });
  const at = async <T>(name: string, c: { getAddress(): Promise<string> }): Promise<T> =>
    (await ethers.getContractAt(name, await c.getAddress())) as unknown as T;

  const usdcToken = await at<MockERC20>("MockERC20", d.usdc);
  const wethToken = await at<MockERC20>("MockERC20", d.weth);
  const flashVault = await at<FlashLoanVault>("FlashLoanVault", d.vault);
  const routerA = await at<ConstantProductRouter>("ConstantProductRouter", d.routerA);
  const routerB = await at<ConstantProductRouter>("ConstantProductRouter", d.routerB);
  const arbitrageur = (await ethers.deployContract("FlashArbitrageur", [
    admin!.address,
    await flashVault.getAddress(),
  ])) as unknown as FlashArbitrageur;
  const flashSwapArbitrageur = await ethers.deployContract("FlashSwapArbitrageur", [admin!.address]);
  const flash: FlashSide = {
    usdc: usdcToken,
    weth: wethToken,
    vault: flashVault,
    factoryA: await ethers.getContractAt("ConstantProductFactory", await d.factoryA.getAddress()),
    factoryB: await ethers.getContractAt("ConstantProductFactory", await d.factoryB.getAddress()),
    routerA,
    routerB,
    pairA: await at<IUniswapV2Pair>("IUniswapV2Pair", d.pairA),
    pairB: await at<IUniswapV2Pair>("IUniswapV2Pair", d.pairB),
    arbitrageur,
    flashSwapArbitrageur,
  };
  const vixFeed = await at<IndexFeed>("IndexFeed", d.vixFeed);
  const spxFeed = await at<IndexFeed>("IndexFeed", d.spxFeed);
  const volOracle = await at<VolSurfaceOracle>("VolSurfaceOracle", d.volOracle);
  const pool = await at<OptionPool>("OptionPool", d.pool);
  const hedged = await at<HedgeLayerVault>("HedgeLayerVault", d.hedgeVault);
  const unhedged = await at<HedgeLayerVault>("HedgeLayerVault", d.unhedgedVault);
  const system: DemoSystem = {
    flash,
    vixFeed,
    spxFeed,
    volOracle,
    pool,
    hedged,
    unhedged,
    upkeep: await at<HedgeUpkeep>("HedgeUpkeep", d.upkeep),
    timelock: await at<HedgeTimelock>("HedgeTimelock", d.timelock),
    admin: admin!,
    keeper: keeper!,
    guardian: guardian!,
    multisig: multisig!,
    hedgedDepositor: hedgedDepositor!,
    unhedgedDepositor,
    senders: [admin!, keeper!, guardian!, multisig!, hedgedDepositor!, unhedgedDepositor],
  };

  // Seed the flash side: the vault's first lender and one pair per DEX at its own WETH price.
  await seedFlashSide(
    ethers,
    admin!,
    { usdc: usdcToken, weth: wethToken, vault: flashVault, routerA, routerB },
    DEFAULT_FLASH_SIDE,
  );

  const max = ethers.MaxUint256;
  const latest = (): Promise<number> => latestTimestamp(ethers);

  // Seed the option pool's LP, then the feeds' first round and the first surfaces.
  await (await usdcToken.mint(admin!.address, usdc(seed.poolLiquidity))).wait();
  await (await usdcToken.approve(await pool.getAddress(), max)).wait();
  await (await pool.deposit(usdc(seed.poolLiquidity), admin!.address)).wait();
  const observe = async (at: number): Promise<void> => {
    await pushIndexValues({ vixFeed, spxFeed }, { vix: feedUnits(start.vix), spx: feedUnits(start.spx) }, at);
    await pushSurfaces({ volOracle, vixFeed, spxFeed }, start.surfaces, at);
  };
  await observe(await latest());

  // One depositor per hedge vault: request, wait for the epoch, process it, claim the shares.
  for (const [vault, who] of [
    [hedged, hedgedDepositor!],
    [unhedged, unhedgedDepositor],
  ] as const) {
    await (await usdcToken.mint(who.address, usdc(seed.deposit))).wait();
    await (await usdcToken.connect(who).approve(await vault.getAddress(), max)).wait();
    await (await vault.connect(who).requestDeposit(usdc(seed.deposit), who.address, who.address)).wait();
  }
  await ethers.provider.send("evm_increaseTime", [DAY_SECONDS]);
  await observe((await latest()) + DAY_SECONDS);
  for (const [vault, who] of [
    [hedged, hedgedDepositor!],
    [unhedged, unhedgedDepositor],
  ] as const) {
    await (await vault.processEpoch()).wait();
    await (
      await vault
        .connect(who)
        ["deposit(uint256,address,address)"](usdc(seed.deposit), who.address, who.address)
    ).wait();
  }
  return system;
}
