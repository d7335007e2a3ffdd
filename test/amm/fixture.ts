// Shared deployment for the AMM tests: two (or three) mock tokens, the factory, the router and one pair.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Signature } from "ethers";
import type {
  ConstantProductFactory,
  ConstantProductPair,
  ConstantProductRouter,
  MockERC20,
} from "../../types/ethers-contracts/index.js";

export const E18 = 10n ** 18n;
export const MINIMUM_LIQUIDITY = 1000n;
export const DEADLINE = 2n ** 40n;

export interface AmmFixture {
  owner: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  factory: ConstantProductFactory;
  router: ConstantProductRouter;
  pair: ConstantProductPair;
  token0: MockERC20;
  token1: MockERC20;
  token2: MockERC20;
}

// The constant-product quotes and the integer square root, shared with the demo and the benchmarks.
export { amountIn, amountOut, sqrtFloor as sqrt } from "../../scripts/deploy/arbitrage.js";

/** What an EIP-2612 permit of the LP token says (owner = the signer). */
export interface LpPermit {
  /** The pair (its LP token) or its address. */
  pair: { getAddress(): Promise<string> };
  spender: string;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
  /** The token's EIP-712 name; the pair's own ("ALVH CP-LP") unless given. */
  name?: string;
}

/** Signs an EIP-2612 permit of the LP token with `owner`; returns its v, r, s. */
export async function signLpPermit(owner: HardhatEthersSigner, permit: LpPermit): Promise<Signature> {
  const provider = owner.provider;
  if (provider === null) throw new Error("signLpPermit: the signer has no provider");
  const signature = await owner.signTypedData(
    {
      name: permit.name ?? "ALVH CP-LP",
      version: "1",
      chainId: (await provider.getNetwork()).chainId,
      verifyingContract: await permit.pair.getAddress(),
    },
    {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    {
      owner: owner.address,
      spender: permit.spender,
      value: permit.value,
      nonce: permit.nonce,
      deadline: permit.deadline,
    },
  );
  return Signature.from(signature);
}

export async function deployAmm(ethers: HardhatEthers): Promise<AmmFixture> {
  const [owner, alice, bob] = await ethers.getSigners();
  if (owner === undefined || alice === undefined || bob === undefined) throw new Error("need 3 signers");
  const tokens: MockERC20[] = [];
  for (const symbol of ["TKA", "TKB", "TKC"]) {
    tokens.push(await ethers.deployContract("MockERC20", [`Token ${symbol}`, symbol, 18]));
  }
  const addresses = await Promise.all(tokens.map((t) => t.getAddress()));
  const sorted = tokens
    .map((t, i) => ({ t, a: addresses[i]!.toLowerCase() }))
    .sort((x, y) => (x.a < y.a ? -1 : 1))
    .map((x) => x.t);
  const [token0, token1, token2] = sorted as [MockERC20, MockERC20, MockERC20];
  const factory = await ethers.deployContract("ConstantProductFactory", [owner.address]);
  const router = await ethers.deployContract("ConstantProductRouter", [await factory.getAddress()]);
  await factory.createPair(await token0.getAddress(), await token1.getAddress());
  const pair = await ethers.getContractAt(
    "ConstantProductPair",
    await factory.getPair(await token0.getAddress(), await token1.getAddress()),
  );
  for (const t of sorted) {
    for (const who of [owner, alice, bob]) {
      await t.mint(who.address, 1_000_000n * E18);
      await t.connect(who).approve(await router.getAddress(), ethers.MaxUint256);
    }
  }
  return { owner, alice, bob, factory, router, pair, token0, token1, token2 };
}

/** Sends `amount0`/`amount1` to the pair and mints LP shares to `to`. */
export async function addLiquidity(
  f: AmmFixture,
  amount0: bigint,
  amount1: bigint,
  to: string,
): Promise<void> {
  const pairAddress = await f.pair.getAddress();
  await f.token0.transfer(pairAddress, amount0);
  await f.token1.transfer(pairAddress, amount1);
  await f.pair.mint(to);
}
