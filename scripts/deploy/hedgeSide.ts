// Deploys the hedge side on any network: the flash side (stablecoin, FlashLoanVault, two DEXes), a VIX-like
// and an SPX-like IndexFeed, the OptionPricer and OptionPool (seeded by an LP), the two modules and the
// HedgeLayerVault, and optionally a TimelockController as its governor. Shared by the tests, the bench and
// the demo so that all of them exercise the same wiring.
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type {
  HedgeLayerVault,
  HedgeUpkeep,
  IndexFeed,
  OptionPool,
  OptionPricer,
  HedgeTimelock,
  VolSurfaceOracle,
} from "../../types/ethers-contracts/index.js";
import type { IVolSurfaceOracle } from "../../types/ethers-contracts/oracle/VolSurfaceOracle.js";
import {
  deployFlashSide,
  type FlashSide,
  type FlashSideConnection,
  DEFAULT_FLASH_SIDE,
  latestTimestamp,
  usdc,
} from "./flashSide.js";

export const WAD = 10n ** 18n;
export const DAY = 86_400n;
/** Expiries of the pool are at 08:00 UTC. */
export const EXPIRY_TIME_OF_DAY = 28_800n;

/**
 * The option pool's default parameters (docs/options.md); fractions and volatilities are 18-decimal (WAD).
 * Used by this deployer, the Ignition OptionPool module (as its parameters' defaults) and the gas bench.
 */
export const DEFAULT_POOL_PARAMS = {
  minTenor: DAY,
  maxTenor: 365n * DAY,
  expiryTimeOfDay: EXPIRY_TIME_OF_DAY,
  settlementWindow: 3_600n,
  gracePeriod: 7n * DAY,
  strikeBandLow: WAD / 2n,
  strikeBandHigh: 3n * WAD,
  halfSpread: WAD / 200n, // 0.5 % of the width
  fee: WAD / 100n, // 1 % of the fair value
  maxUtilisation: (8n * WAD) / 10n,
  rate: WAD / 20n, // 5 %
  minVol: WAD / 20n,
  maxVol: 3n * WAD,
} as const;

/** One pillar of a volatility surface as the oracle stores it (tenor in seconds, the rest WAD). */
export type VolPillar = IVolSurfaceOracle.VolPillarStruct;

/**
 * A one-pillar surface (30 days): forward factor 1 and a flat volatility `vol` (WAD) at every strike, i.e. the
 * index is the forward of every expiry. The tests' simple market; the demo and the pusher push surfaces built
 * from market inputs (scripts/volatility).
 */
export function flatSurface(vol: bigint): VolPillar[] {
  return [{ tenor: 30n * DAY, forwardFactor: WAD, atmVol: vol, skew: 0n, curvature: 0n }];
}

/** Points (18 decimals) from a decimal string, e.g. pts("23.5"). */
export function pts(value: string): bigint {
  const [whole, frac = ""] = value.split(".");
  return BigInt(whole!) * WAD + BigInt((frac + "0".repeat(18)).slice(0, 18));
}

/** A fraction in WAD from a decimal string, e.g. wad("0.15"). */
export const wad = pts;

export interface LayerPolicy {
  otm: bigint;
  width: bigint;
  strikeBand: bigint;
  tenorMin: bigint;
  tenorMax: bigint;
  rollWindow: bigint;
  cooldown: bigint;
  weight: bigint;
  maxPremium: bigint;
  trigger: bigint;
}

export interface CondorPolicy {
  putDistance: bigint;
  callDistance: bigint;
  wingWidth: bigint;
  strikeBand: bigint;
  tenorMin: bigint;
  tenorMax: bigint;
  maxLoss: bigint;
  notional: bigint;
  lossCap: bigint;
  maxOpens: bigint;
  minCredit: bigint;
}

export interface VaultPolicy {
  reserveMin: bigint;
  budgetMultiple: bigint;
  reserveDraw: bigint;
  budgetWindow: bigint;
  epochLength: bigint;
  slippage: bigint;
  minIntensity: bigint;
  maxIntensity: bigint;
  coverage: bigint;
  stressDrop: bigint;
  stressRise: bigint;
  reentryDelay: bigint;
}

/**
 * Three layers: strikes ~15 %, 30 %, 50 % above the volatility index, tenors ~30, 60, 90 days. Each
 * tenor window spans four weeks (the keeper's defaults, keeper/src/rules/defaultPolicies.ts): the keeper
 * places expiries on Wednesdays clear of FOMC/CPI/PPI days and of the other layers' weeks, and 10-day
 * windows left it without a valid expiry often enough for L1 to lapse for weeks in the demo. The weights split
 * the ladder's stress payoff (the vault's coverage x the condor's stress loss): half on the first layer, which
 * pays on the first pop, 30 % and 20 % on the deeper ones.
 */
export const DEFAULT_LAYERS: LayerPolicy[] = (
  [
    ["0.15", 17n, 45n, 7n, "0.5"],
    ["0.30", 46n, 74n, 10n, "0.3"],
    ["0.50", 76n, 104n, 14n, "0.2"],
  ] as const
).map(([otm, min, max, rollWindow, weight]) => ({
  otm: wad(otm),
  width: wad("0.15"),
  strikeBand: wad("0.02"),
  tenorMin: min * DAY,
  tenorMax: max * DAY,
  rollWindow: rollWindow * DAY,
  cooldown: DAY,
  weight: wad(weight),
  maxPremium: wad("0.02"),
  trigger: wad("0.8"),
}));

export const DEFAULT_CONDOR: CondorPolicy = {
  putDistance: wad("0.05"),
  callDistance: wad("0.04"),
  wingWidth: wad("0.03"),
  strikeBand: wad("0.02"),
  tenorMin: 20n * DAY,
  tenorMax: 40n * DAY,
  maxLoss: wad("0.3"),
  notional: wad("1"),
  lossCap: wad("0.05"), // no new condor sale once a budget window's realised condor losses pass 5 % of NAV
  maxOpens: 4n, // condor sales (opens and side rolls) per budget window
  minCredit: wad("0.05"), // a sale brings at least 5 % of the risk it takes (its collateral) as premium
};

export const DEFAULT_VAULT_POLICY: VaultPolicy = {
  reserveMin: wad("0.2"),
  budgetMultiple: wad("1"), // the cash press: layers spend (net) at most the condor's net income...
  reserveDraw: 0n, // ...and nothing of the NAV (a bounded governance option, up to 10 % per window)
  budgetWindow: 30n * DAY,
  epochLength: DAY,
  slippage: wad("0.02"),
  minIntensity: wad("0.5"),
  maxIntensity: wad("2"),
  // The ladder pays, with the equity index down 10 % and the volatility index up 100 % (e.g. 20 -> 40), as much as
  // the condor loses there (docs/hedge.md, "The ladder sized to the condor").
  coverage: wad("1"),
  stressDrop: wad("0.10"),
  stressRise: wad("1"),
  reentryDelay: 5n * DAY, // after a monetisation, the layer stays empty at least 5 days (no buying at the top)
};

export interface HedgeSideOptions {
  /** Stablecoin the pool's LP deposits, whole units. */
  poolLiquidity: bigint;
  /** Starting levels of the feeds. */
  vol: bigint;
  index: bigint;
  /** Flat implied volatilities of the first surfaces pushed (WAD); see `flatSurface`. */
  volOfVol: bigint;
  volOfIndex: bigint;
  /** Use a TimelockController (proposer: `multisig`) as the governor instead of the deployer. */
  timelockDelay?: bigint;
  layers: LayerPolicy[];
  condor: CondorPolicy;
  vaultPolicy: VaultPolicy;
}

export const DEFAULT_HEDGE_SIDE: HedgeSideOptions = {
  poolLiquidity: 10_000_000n,
  vol: pts("20"),
  index: pts("5000"),
  volOfVol: wad("0.8"),
  volOfIndex: wad("0.18"),
  layers: DEFAULT_LAYERS,
  condor: DEFAULT_CONDOR,
  vaultPolicy: DEFAULT_VAULT_POLICY,
};

export interface HedgeSide extends FlashSide {
  volFeed: IndexFeed;
  indexFeed: IndexFeed;
  volOracle: VolSurfaceOracle;
  pricer: OptionPricer;
  pool: OptionPool;
  hedge: HedgeLayerVault;
  upkeep: HedgeUpkeep;
  timelock: HedgeTimelock | undefined;
  /** Signers: deployer/admin (also feed reporter and pool admin), keeper, guardian, multisig (timelock proposer). */
  admin: HardhatEthersSigner;
  keeper: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  multisig: HardhatEthersSigner;
  /** Pushes a round to a feed, observed at the latest block's time, and that feed's current surface again. */
  push: (feed: IndexFeed, points: bigint) => Promise<void>;
  /** Pushes a feed's volatility surface (it becomes its current one), stamped with the latest block's time. */
  pushSurface: (feed: IndexFeed, pillars: VolPillar[]) => Promise<void>;
}

/**
 * Deploys and wires the hedge side. Signers 0..3 are admin, keeper, guardian and multisig. The admin governs
 * the vault unless `timelockDelay` is given (then a TimelockController whose only proposer is the multisig).
 */
export async function deployHedgeSide(
  ethers: HardhatEthers,
  options: HedgeSideOptions = DEFAULT_HEDGE_SIDE,
  ignition?: FlashSideConnection["ignition"],
): Promise<HedgeSide> {
  const [admin, keeper, guardian, multisig] = await ethers.getSigners();
  if (admin === undefined || keeper === undefined || guardian === undefined || multisig === undefined) {
    throw new Error("deployHedgeSide: four signers needed");
  }
  // Merge fix (wip/demo): main's deployFlashSide takes the connection ({ ethers, ignition }); callers pass
  // `ignition` or an `ethers` that also carries both (keeper/test/support/hedgeSystem.ts does).
  const connection =
    ignition === undefined ? (ethers as unknown as FlashSideConnection) : { ethers, ignition };
  const flash = await deployFlashSide(connection, DEFAULT_FLASH_SIDE);
  const usdcAddress = await flash.usdc.getAddress();

  const feedOf = async (description: string, max: bigint): Promise<IndexFeed> => {
    const feed = await ethers.deployContract("IndexFeed", [admin.address, description, 1n, max]);
    await (await feed.grantRole(await feed.REPORTER_ROLE(), admin.address)).wait();
    return feed as unknown as IndexFeed;
  };
  const volFeed = await feedOf("VIX-like volatility index", 1_000n * 10n ** 8n);
  const indexFeed = await feedOf("SPX-like equity index", 100_000n * 10n ** 8n);

  const volOracle = (await ethers.deployContract("VolSurfaceOracle", [
    admin.address,
  ])) as unknown as VolSurfaceOracle;
  await (await volOracle.grantRole(await volOracle.VOL_ORACLE_ROLE(), admin.address)).wait();
  // The pusher's habit: a feed's surface is pushed with its index, so both are as fresh as each other.
  const currentSurface = new Map<IndexFeed, VolPillar[]>([
    [volFeed, flatSurface(options.volOfVol)],
    [indexFeed, flatSurface(options.volOfIndex)],
  ]);
  const pushSurface = async (feed: IndexFeed, pillars: VolPillar[]): Promise<void> => {
    currentSurface.set(feed, pillars);
    await (
      await volOracle.pushSurface(await feed.getAddress(), await latestTimestamp(ethers), pillars)
    ).wait();
  };
  const push = async (feed: IndexFeed, points: bigint): Promise<void> => {
    await (await feed.pushRound(points / 10n ** 10n, await latestTimestamp(ethers))).wait();
    await pushSurface(feed, currentSurface.get(feed)!);
  };
  await push(volFeed, options.vol);
  await push(indexFeed, options.index);
  const pricer = (await ethers.deployContract("OptionPricer", [
    await volOracle.getAddress(),
  ])) as unknown as OptionPricer;
  const pool = (await ethers.deployContract("OptionPool", [
    usdcAddress,
    await pricer.getAddress(),
    admin.address,
    DEFAULT_POOL_PARAMS,
    "ALVH option pool LP",
    "aOPT",
  ])) as unknown as OptionPool;
  for (const feed of [volFeed, indexFeed]) {
    await (await pool.configureFeed(await feed.getAddress(), DAY, DAY)).wait();
  }
  await (await flash.usdc.mint(admin.address, usdc(options.poolLiquidity))).wait();
  await (await flash.usdc.approve(await pool.getAddress(), ethers.MaxUint256)).wait();
  await (await pool.deposit(usdc(options.poolLiquidity), admin.address)).wait();

  let timelock: HedgeTimelock | undefined;
  let governor = admin.address;
  if (options.timelockDelay !== undefined) {
    timelock = (await ethers.deployContract("HedgeTimelock", [
      options.timelockDelay,
      [multisig.address],
      [ethers.ZeroAddress],
      ethers.ZeroAddress,
    ])) as unknown as HedgeTimelock;
    governor = await timelock.getAddress();
  }

  const wiring = {
    asset: usdcAddress,
    pool: await pool.getAddress(),
    flashVault: await flash.vault.getAddress(),
    volFeed: await volFeed.getAddress(),
    indexFeed: await indexFeed.getAddress(),
    feedHeartbeat: DAY,
    layerCount: BigInt(options.layers.length),
    tradingCutoff: await pool.TRADING_CUTOFF(),
    assetDecimals: await flash.usdc.decimals(),
  };
  const keeperModule = await ethers.deployContract("HedgeKeeperModule", [wiring]);
  const lensModule = await ethers.deployContract("HedgeLensModule", [wiring]);
  const condorModule = await ethers.deployContract("HedgeCondorModule", [wiring]);
  const hedge = (await ethers.deployContract("HedgeLayerVault", [
    {
      asset: usdcAddress,
      pool: await pool.getAddress(),
      flashVault: await flash.vault.getAddress(),
      volFeed: await volFeed.getAddress(),
      indexFeed: await indexFeed.getAddress(),
      feedHeartbeat: DAY,
      tradingCutoff: await pool.TRADING_CUTOFF(),
      governor: admin.address,
      name: "ALVH hedge vault shares",
      symbol: "alvhUSDC",
    },
    [await keeperModule.getAddress(), await lensModule.getAddress(), await condorModule.getAddress()],
    options.vaultPolicy,
    options.condor,
    options.layers,
  ])) as unknown as HedgeLayerVault;
  await (await hedge.grantRole(await hedge.KEEPER_ROLE(), keeper.address)).wait();
  await (await hedge.grantRole(await hedge.GUARDIAN_ROLE(), guardian.address)).wait();
  if (governor !== admin.address) {
    await (await hedge.grantRole(await hedge.DEFAULT_ADMIN_ROLE(), governor)).wait();
    await (await hedge.renounceRole(await hedge.DEFAULT_ADMIN_ROLE(), admin.address)).wait();
  }
  const upkeep = (await ethers.deployContract("HedgeUpkeep", [
    await hedge.getAddress(),
  ])) as unknown as HedgeUpkeep;

  return {
    ...flash,
    volFeed,
    indexFeed,
    volOracle,
    pricer,
    pool,
    hedge,
    upkeep,
    timelock,
    admin,
    keeper,
    guardian,
    multisig,
    push,
    pushSurface,
  };
}

/** First expiry on the pool's grid (08:00 UTC) at or after `t`. */
export function gridExpiry(t: bigint): bigint {
  const candidate = t - (t % DAY) + EXPIRY_TIME_OF_DAY;
  return candidate >= t ? candidate : candidate + DAY;
}
