/**
 * Domain types shared by the keeper's rules, chain client and transaction manager.
 *
 * Units (used consistently everywhere in keeper/):
 * - Times are unix seconds, UTC (`UnixSeconds`, a JS number).
 * - Index levels (volatility index, equity index, strikes) are bigints with 8 decimals, exactly as a
 *   Chainlink-compatible feed reports them: 20.5 → 2_050_000_000n (`IndexLevel`).
 * - Money (premiums, budgets, NAV) is stablecoin amounts with 6 decimals, like USDC (`Amount`).
 * - Position sizes are index units with 18 decimals (`Units`): one unit pays one USD per index point,
 *   so a call spread's max payoff in `Amount` is units × (upper − lower) / 1e20.
 * - Policy fractions are basis points (`Bps`, 10_000 = 100 %), plain numbers.
 * - Signals (RSI, MACD, intensity) are plain floating-point numbers: they steer sizes, never move money.
 */

/** Unix time in seconds (UTC). */
export type UnixSeconds = number;
/** Index level or strike, 8 decimals (Chainlink feed scale). */
export type IndexLevel = bigint;
/** Stablecoin amount, 6 decimals. */
export type Amount = bigint;
/** Position size in index units, 18 decimals. */
export type Units = bigint;
/** Basis points, 10_000 = 100 %. */
export type Bps = number;

/** A long volatility-index call spread held by one hedge layer. */
export interface CallSpread {
  /** Option series id on the pool (used to settle it). */
  seriesId: bigint;
  lowerStrike: IndexLevel;
  upperStrike: IndexLevel;
  expiry: UnixSeconds;
  size: Units;
}

/** Governance-set policy of one layer (mirrors the on-chain policy the vault checks). */
export interface LayerPolicy {
  /** Lower strike distance above the current index level. */
  otmBps: Bps;
  /** Upper strike distance above the lower strike. */
  widthBps: Bps;
  /** Tenor window of a new expiry, in days from now. */
  minTenorDays: number;
  maxTenorDays: number;
  /** Roll when the expiry is this close (days). */
  rollWindowDays: number;
  /** Notional (units × lower strike) as a share of NAV, before the intensity multiplier. */
  notionalShareBps: Bps;
  /** Largest premium one roll may pay. */
  maxPremium: Amount;
  /** Minimum time between two rolls of this layer. */
  cooldownSeconds: number;
  /** Monetise when index ≥ lowerStrike × (1 + monetiseTriggerBps). */
  monetiseTriggerBps: Bps;
}

export interface LayerState {
  /** 0-based layer index (L1 = 0); a lower index is a higher priority for the budget. */
  index: number;
  policy: LayerPolicy;
  position: CallSpread | null;
  /** Last roll time, 0 if never rolled. */
  lastRollAt: UnixSeconds;
}

/** A short iron condor on the equity index (short put spread + short call spread). */
export interface Condor {
  seriesId: bigint;
  shortPutStrike: IndexLevel;
  longPutStrike: IndexLevel;
  shortCallStrike: IndexLevel;
  longCallStrike: IndexLevel;
  expiry: UnixSeconds;
  size: Units;
}

export interface CondorPolicy {
  /** Short put distance below the equity index. */
  shortPutDistanceBps: Bps;
  /** Short call distance above the equity index. */
  shortCallDistanceBps: Bps;
  /** Distance from each short strike to its long wing. */
  wingWidthBps: Bps;
  minTenorDays: number;
  maxTenorDays: number;
  /** Close and reopen when the expiry is this close (days). */
  rollWindowDays: number;
  /** Max loss (units × wing width) as a share of NAV. */
  maxLossShareBps: Bps;
  /** A side is "tested" when the equity index is within this distance of its short strike. */
  testedDistanceBps: Bps;
  /** Largest premium paid to buy back and re-strike one tested side. */
  maxRollPremium: Amount;
  /** Do not open or roll the condor in the last H hours before a macro event. */
  eventBlackoutHours: number;
}

/** A raw feed round (Chainlink `getRoundData` shape reduced to what rules need). */
export interface FeedRound {
  updatedAt: UnixSeconds;
  answer: IndexLevel;
}

export type MacroEventKind = "FOMC" | "CPI" | "PPI";

export interface MacroEvent {
  kind: MacroEventKind;
  at: UnixSeconds;
  source: string;
}

export type CoverageStatus = "complete" | "partial" | "missing";

export interface MacroCalendar {
  events: readonly MacroEvent[];
  /** Per year (e.g. "2026") and kind: how much of the official schedule the file holds. */
  coverage: Readonly<Record<string, Partial<Record<MacroEventKind, CoverageStatus>>>>;
  /** Market holidays as "YYYY-MM-DD" (UTC dates); no expiry is placed on them. */
  marketHolidays: readonly string[];
}

export interface BreadthRow {
  /** "YYYY-MM-DD". */
  date: string;
  advances: number;
  declines: number;
}

// ---------------------------------------------------------------------------------------------
// Plan
// ---------------------------------------------------------------------------------------------

export interface RollLayer {
  type: "RollLayer";
  layer: number;
  /** Series closed/settled by this roll, null when the layer was empty. */
  closeSeriesId: bigint | null;
  newLowerStrike: IndexLevel;
  newUpperStrike: IndexLevel;
  newExpiry: UnixSeconds;
  size: Units;
  maxPremium: Amount;
  reason: string;
}

export interface MonetiseLayer {
  type: "MonetiseLayer";
  layer: number;
  closeSeriesId: bigint;
  newLowerStrike: IndexLevel;
  newUpperStrike: IndexLevel;
  newExpiry: UnixSeconds;
  size: Units;
  maxPremium: Amount;
  reason: string;
}

export interface OpenCondor {
  type: "OpenCondor";
  shortPutStrike: IndexLevel;
  longPutStrike: IndexLevel;
  shortCallStrike: IndexLevel;
  longCallStrike: IndexLevel;
  expiry: UnixSeconds;
  size: Units;
  /** Opening a condor receives premium: it spends no budget. */
  maxPremium: Amount;
  reason: string;
}

export interface RollCondorSide {
  type: "RollCondorSide";
  side: "put" | "call";
  newShortStrike: IndexLevel;
  newLongStrike: IndexLevel;
  maxPremium: Amount;
  reason: string;
}

export interface CloseCondor {
  type: "CloseCondor";
  seriesId: bigint;
  maxPremium: Amount;
  reason: string;
}

export interface SettleSeries {
  type: "SettleSeries";
  seriesId: bigint;
  maxPremium: Amount;
  reason: string;
}

export interface ProcessEpoch {
  type: "ProcessEpoch";
  maxPremium: Amount;
  reason: string;
}

export type Action =
  RollLayer | MonetiseLayer | OpenCondor | RollCondorSide | CloseCondor | SettleSeries | ProcessEpoch;

/** `critical` warnings must be shown loudly (log level error, metric, non-zero CLI exit). */
export type WarningLevel = "info" | "warn" | "critical";

export interface PlanWarning {
  level: WarningLevel;
  code: string;
  message: string;
}

export interface Plan {
  createdAt: UnixSeconds;
  /** Intensity multiplier applied to layer sizes (already clamped). */
  intensity: number;
  actions: Action[];
  warnings: PlanWarning[];
}
