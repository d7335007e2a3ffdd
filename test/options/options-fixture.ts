// Shared fixture of the OptionPool tests: a 6-decimal stablecoin, a VIX-like IndexFeed at 20.00, the volatility
// surface oracle with a flat 80 % surface on it, the pricer, the pool with default parameters, one LP with
// 1,000,000 USDC and two traders with 100,000 USDC each.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import type {
  IndexFeed,
  MockERC20,
  OptionPool,
  OptionPricer,
  OptionToken,
  ReentrantERC20Mock,
  VolSurfaceOracle,
} from "../../types/ethers-contracts/index.js";
import { DEFAULT_POOL_PARAMS, flatSurface, pts, type VolPillar } from "../../scripts/deploy/hedgeSide.js";

export const WAD = 10n ** 18n;
export const USDC = 10n ** 6n;
export const DAY = 86_400n;
export const EIGHT_UTC = 28_800n;
export const CALL = 0n;
export const PUT = 1n;
export const Side = { BUY: 0n, SELL: 1n, CLOSE_LONG: 2n, CLOSE_SHORT: 3n } as const;

/**
 * Overrides that send a transaction with a fixed gas limit, without estimating it first, so that it runs in the block
 * whose timestamp the test set (an estimate would run it against another block's time).
 */
export const AT_SET_TIME = { gasLimit: 8_000_000n };

/** 10^(36 - 6): cash = size x points / CASH_SCALE for the fixture's 6-decimal stablecoin. */
export const CASH_SCALE = 10n ** 30n;

/** Cash for `size` contracts at `points` per contract, rounded up (SeriesMath.cashUp: what the pool takes). */
export function cashUp(size: bigint, points: bigint): bigint {
  return (size * points + CASH_SCALE - 1n) / CASH_SCALE;
}

/** Cash for `size` contracts at `points` per contract, rounded down (SeriesMath.cashDown: what the pool pays). */
export function cashDown(size: bigint, points: bigint): bigint {
  return (size * points) / CASH_SCALE;
}

/** Index points (18 decimals) from a decimal string, e.g. pts("23.5"). */
export { pts };

/** Feed answer (8 decimals) from index points. */
export function answer(points: bigint): bigint {
  return points / 10n ** 10n;
}

export interface PoolParams {
  minTenor: bigint;
  maxTenor: bigint;
  expiryTimeOfDay: bigint;
  settlementWindow: bigint;
  gracePeriod: bigint;
  strikeBandLow: bigint;
  strikeBandHigh: bigint;
  halfSpread: bigint;
  fee: bigint;
  maxUtilisation: bigint;
  rate: bigint;
  minVol: bigint;
  maxVol: bigint;
}

/** The deployed defaults, with the 10 % volatility floor the pool tests were written against. */
export const DEFAULT_PARAMS: PoolParams = { ...DEFAULT_POOL_PARAMS, minVol: WAD / 10n };

export const BASE_VOL = (8n * WAD) / 10n; // 80 %: a typical implied volatility of VIX options
export const HEARTBEAT = DAY;
export const LP_DEPOSIT = 1_000_000n * USDC;
export const TRADER_FUNDS = 100_000n * USDC;

export interface OptionsFixture {
  usdc: MockERC20;
  feed: IndexFeed;
  /** The volatility surface oracle (`volOracle` holds its VOL_ORACLE_ROLE). */
  surfaces: VolSurfaceOracle;
  pricer: OptionPricer;
  pool: OptionPool;
  token: OptionToken;
  admin: HardhatEthersSigner;
  lp: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  volOracle: HardhatEthersSigner;
  /** First 08:00 UTC at least 30 days ahead. */
  expiry: bigint;
  /** Pushes a feed round observed now (the latest block's time), then the current surface again (as fresh). */
  push: (points: bigint) => Promise<void>;
  /**
   * A fresh round at `points` and the surface again, 30 seconds before second `t` (time moved to `t` - 30, then
   * `push`), so that a transaction sent at `t` (setNextBlockTimestamp, then AT_SET_TIME) prices from them.
   */
  freshBefore: (t: bigint, points: bigint) => Promise<void>;
  /** Pushes a new surface for the feed, stamped `at` (default: the latest block's time); it becomes current. */
  pushSurface: (pillars: VolPillar[], at?: bigint) => Promise<void>;
  /** Lists a series and returns its id. */
  list: (kind: bigint, low: bigint, high: bigint, expiry?: bigint) => Promise<bigint>;
  now: () => Promise<bigint>;
  /** Pins the next block's timestamp (now + 5 s) and returns [ask, bid] as the next transaction will see them. */
  quoteNext: (seriesId: bigint, size: bigint) => Promise<[bigint, bigint]>;
}

/**
 * Turns a deployed MockERC20 into a token that acts in the middle of a transfer (ReentrantERC20Mock: a call back or
 * a top-up on its next balance change): that contract's code is put at the token's address, its storage kept.
 */
export async function hookToken(
  { ethers, networkHelpers }: { ethers: HardhatEthers; networkHelpers: NetworkHelpers },
  token: MockERC20,
): Promise<ReentrantERC20Mock> {
  const template = await ethers.deployContract("ReentrantERC20Mock", [
    "template",
    "T",
    await token.decimals(),
  ]);
  const address = await token.getAddress();
  await networkHelpers.setCode(address, await ethers.provider.getCode(await template.getAddress()));
  return (await ethers.getContractAt("ReentrantERC20Mock", address)) as unknown as ReentrantERC20Mock;
}

/** Next 08:00 UTC at or after `t`. */
export function nextExpiry(t: bigint): bigint {
  const day = t - (t % DAY);
  const candidate = day + EIGHT_UTC;
  return candidate >= t ? candidate : candidate + DAY;
}

export function makeOptionsFixture(
  ethers: HardhatEthers,
  networkHelpers: NetworkHelpers,
): () => Promise<OptionsFixture> {
  return async function optionsFixture(): Promise<OptionsFixture> {
    const [admin, lp, alice, bob, guardian, volOracle] = await ethers.getSigners();
    const usdc = (await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6])) as unknown as MockERC20;
    const feed = (await ethers.deployContract("IndexFeed", [
      admin!.address,
      "VIX / USD-like index",
      1n * 10n ** 8n,
      1_000n * 10n ** 8n,
    ])) as unknown as IndexFeed;
    await feed.grantRole(await feed.REPORTER_ROLE(), admin!.address);
    const surfaces = (await ethers.deployContract("VolSurfaceOracle", [
      admin!.address,
    ])) as unknown as VolSurfaceOracle;
    await surfaces.grantRole(await surfaces.VOL_ORACLE_ROLE(), volOracle!.address);
    const pricer = (await ethers.deployContract("OptionPricer", [
      await surfaces.getAddress(),
    ])) as unknown as OptionPricer;
    const pool = (await ethers.deployContract("OptionPool", [
      await usdc.getAddress(),
      await pricer.getAddress(),
      admin!.address,
      DEFAULT_PARAMS,
      "ALVH option pool LP",
      "aOPT",
    ])) as unknown as OptionPool;
    const token = (await ethers.getContractAt(
      "OptionToken",
      await pool.optionToken(),
    )) as unknown as OptionToken;
    await pool.grantRole(await pool.GUARDIAN_ROLE(), guardian!.address);

    const now = async (): Promise<bigint> => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    let surface = flatSurface(BASE_VOL);
    const pushSurface = async (pillars: VolPillar[], at?: bigint): Promise<void> => {
      surface = pillars;
      await surfaces.connect(volOracle!).pushSurface(await feed.getAddress(), at ?? (await now()), pillars);
    };
    const push = async (points: bigint): Promise<void> => {
      await feed.pushRound(answer(points), await now());
      await pushSurface(surface);
    };
    const freshBefore = async (t: bigint, points: bigint): Promise<void> => {
      await networkHelpers.time.increaseTo(t - 30n);
      await push(points);
    };
    await push(pts("20"));
    await pool.configureFeed(await feed.getAddress(), HEARTBEAT, HEARTBEAT);

    for (const who of [lp!, alice!, bob!]) {
      await usdc.mint(who.address, who === lp ? LP_DEPOSIT : TRADER_FUNDS);
      await usdc.connect(who).approve(await pool.getAddress(), ethers.MaxUint256);
    }
    await pool.connect(lp!).deposit(LP_DEPOSIT, lp!.address);

    const expiry = nextExpiry((await now()) + 30n * DAY);
    const list = async (kind: bigint, low: bigint, high: bigint, exp: bigint = expiry): Promise<bigint> => {
      const feedAddress = await feed.getAddress();
      await pool.listSeries(feedAddress, kind, low, high, exp);
      return pricer.seriesIdOf(feedAddress, kind, low, high, exp);
    };
    const quoteNext = async (seriesId: bigint, size: bigint): Promise<[bigint, bigint]> => {
      await networkHelpers.time.setNextBlockTimestamp((await now()) + 5n);
      const [ask, bid] = await pool.quote(seriesId, size, { blockTag: "pending" });
      return [ask, bid];
    };
    return {
      quoteNext,
      usdc,
      feed,
      surfaces,
      pricer,
      pool,
      token,
      admin: admin!,
      lp: lp!,
      alice: alice!,
      bob: bob!,
      guardian: guardian!,
      volOracle: volOracle!,
      expiry,
      push,
      freshBefore,
      pushSurface,
      list,
      now,
    };
  };
}
