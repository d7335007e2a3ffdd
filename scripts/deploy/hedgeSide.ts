// The hedge side's defaults and units: the option pool's parameters, the three policies of the hedge vault (the
// Ignition modules' parameter defaults, ignition/modules/OptionPool.ts and HedgeVault.ts), the options of
// `deployHedgeSide` (./deployHedgeSide.ts, which deploys through those modules) and small helpers (points, WAD
// fractions, the pool's expiry grid, a flat volatility surface).
import type { IVolSurfaceOracle } from "../../types/ethers-contracts/oracle/VolSurfaceOracle.js";

export const WAD = 10n ** 18n;
export const DAY = 86_400n;
/** Expiries of the pool are at 08:00 UTC. */
export const EXPIRY_TIME_OF_DAY = 28_800n;

/**
 * The option pool's default parameters (docs/options.md); fractions and volatilities are 18-decimal (WAD).
 * The Ignition OptionPool module's parameter defaults (so every deployment through it), and the gas bench.
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
  notional: bigint;
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
}

/**
 * Three layers: strikes ~15 %, 30 %, 50 % above the volatility index, tenors ~30, 60, 90 days. Each
 * tenor window spans four weeks (the keeper's defaults, keeper/src/rules/defaultPolicies.ts): the keeper
 * places expiries on Wednesdays clear of FOMC/CPI/PPI days and of the other layers' weeks, and 10-day
 * windows left it without a valid expiry often enough for L1 to lapse for weeks in the demo.
 */
export const DEFAULT_LAYERS: LayerPolicy[] = (
  [
    ["0.15", 17n, 45n, 7n, "0.3"],
    ["0.30", 46n, 74n, 10n, "0.2"],
    ["0.50", 76n, 104n, 14n, "0.1"],
  ] as const
).map(([otm, min, max, rollWindow, notional]) => ({
  otm: wad(otm),
  width: wad("0.15"),
  strikeBand: wad("0.02"),
  tenorMin: min * DAY,
  tenorMax: max * DAY,
  rollWindow: rollWindow * DAY,
  cooldown: DAY,
  notional: wad(notional),
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
  /**
   * Deploy governance too (the Alvh module: a TimelockController whose only proposer is `multisig` becomes the admin
   * of the vault, the pool, the feeds and the surface oracle) instead of leaving the deployer their admin.
   */
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

/** First expiry on the pool's grid (08:00 UTC) at or after `t`. */
export function gridExpiry(t: bigint): bigint {
  const candidate = t - (t % DAY) + EXPIRY_TIME_OF_DAY;
  return candidate >= t ? candidate : candidate + DAY;
}
