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
 * - Policy fractions are basis points (`Bps`, 10_000 = 100 %), plain numbers, except where the rules must compute
 *   exactly what the vault computes (the ladder's sizes): there they are the vault's own WAD values (`Wad`).
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
/** An on-chain fraction, 18 decimals (1e18 = 100 %), exactly as the vault stores it. */
export type Wad = bigint;

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
  /** Share of the ladder's stress payoff this layer carries (0: the layer is switched off). */
  weight: Wad;
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
  /** Last roll (or monetisation) time, 0 if never rolled. */
  lastRollAt: UnixSeconds;
  /**
   * After a monetisation, while the layer is empty: it is bought again only once the volatility index is back at
   * or below this level (or the term structure is back in contango) and the re-entry delay has passed. Null: no
   * re-entry pending.
   */
  reentryLevel: IndexLevel | null;
}

/**
 * How the vault sizes the ladder: each layer pays `weight × coverage × intensity ×` the condor's loss in the stress
 * scenario (the equity index down `stressDrop`, the volatility index up `stressRise`). The vault's own values, so
 * that the rules compute its sizes to the unit (`ladderSize.ts`).
 */
export interface LadderPolicy {
  coverage: Wad;
  stressDrop: Wad;
  stressRise: Wad;
  /** The condor policy's fields the stress loss needs. */
  condorNotional: Wad;
  putDistance: Wad;
  wingWidth: Wad;
  /** The vault's intensity bounds (a re-entry is capped at 1). */
  minIntensity: Wad;
  maxIntensity: Wad;
  /** After a monetisation, the layer stays empty at least this long. */
  reentryDelaySeconds: number;
  /** 10^(36 − stablecoin decimals): cash = size × points / cashScale. */
  cashScale: bigint;
}

/** One short spread of the condor (a put spread or a call spread). */
export interface CondorLeg {
  seriesId: bigint;
  shortStrike: IndexLevel;
  longStrike: IndexLevel;
  expiry: UnixSeconds;
  size: Units;
}

/**
 * A short iron condor on the equity index: a short put spread and a short call spread. A tested side is rolled out
 * in time, so the two legs may expire on different days; a side closed without a new sale is null.
 */
export interface Condor {
  put: CondorLeg | null;
  call: CondorLeg | null;
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
  /** Max loss (units × wing width) as a share of NAV. */
  maxLossShareBps: Bps;
  /** A side is "tested" when the equity index is within this distance of its short strike (0: at or through it). */
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
  /**
   * The layer's target size: its share of the ladder sized to the condor, exactly as the vault computes it from
   * `intensity`. The vault buys it, or less when the cash press cuts it (never under a quarter of it).
   */
  size: Units;
  /** The intensity multiplier sent to the vault (WAD, inside its bounds; at most 1 on a re-entry). */
  intensity: Wad;
  maxPremium: Amount;
  reason: string;
}

/** Sells a layer deep in the money and leaves it empty until re-entry is allowed (no buying at the top). */
export interface MonetiseLayer {
  type: "MonetiseLayer";
  layer: number;
  closeSeriesId: bigint;
  /** A monetisation buys nothing: 0. */
  maxPremium: Amount;
  reason: string;
}

/** Sells the condor's missing sides (both, or the one a defence closed or that expired first). */
export interface OpenCondor {
  type: "OpenCondor";
  /** The sides sold (the vault sells every side that holds nothing; the others' strikes are ignored). */
  sides: readonly ("put" | "call")[];
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

/**
 * Defends a tested side: the vault buys it back and sells the new spread (rolled out to `newExpiry`) only when its
 * premium is worth the risk (the condor policy's minCredit × its collateral); otherwise the side stays closed.
 */
export interface RollCondorSide {
  type: "RollCondorSide";
  side: "put" | "call";
  newShortStrike: IndexLevel;
  newLongStrike: IndexLevel;
  newExpiry: UnixSeconds;
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
