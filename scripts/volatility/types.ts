// Types of the volatility oracle: market inputs, the surface (floats) and its on-chain form (WAD integers).

/** Closes of one trading day, in index points. Optional fields are filled in by a model when absent. */
export interface MarketInputs {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Equity-index (S&P 500-like) close. */
  spx: number;
  /** Volatility-index (VIX-like) close: the 30-day variance-swap rate of the equity index, in vol points. */
  vix: number;
  /** 93-day sibling of the VIX (Cboe VIX3M). */
  vix3m?: number;
  /** 182-day sibling of the VIX (Cboe VIX6M). */
  vix6m?: number;
  /** 30-day implied volatility of the VIX itself (Cboe VVIX), in vol points. */
  vvix?: number;
}

/** An optional market input that a model filled in. */
export type ModelledInput = "vix3m" | "vix6m" | "vvix";

/**
 * One tenor pillar of a surface (floats). The smile at this tenor is
 * `vol(x) = atmVol + skew·x + curvature·x²` with `x = ln(K / F)`, `F = index × forwardFactor`.
 */
export interface VolPillar {
  /** Seconds to expiry. */
  tenor: number;
  /** Forward / index at this tenor. */
  forwardFactor: number;
  /** At-the-money implied volatility (0.2 = 20 %). */
  atmVol: number;
  /** d vol / d x. */
  skew: number;
  /** Coefficient of x². */
  curvature: number;
}

/** A surface: 1..4 pillars with strictly increasing tenors. */
export interface VolSurface {
  pillars: VolPillar[];
}

/** The surface at one time to expiry, interpolated between pillars. */
export interface VolSlice {
  forwardFactor: number;
  atmVol: number;
  skew: number;
  curvature: number;
}

/** A pillar as `IOptionPool.VolPillar` / `IVolSurfaceOracle.VolPillar` stores it (WAD = 1e18). */
export interface OnChainVolPillar {
  /** uint32 seconds. */
  tenor: number;
  /** uint64 WAD. */
  forwardFactor: bigint;
  /** uint64 WAD. */
  atmVol: bigint;
  /** int64 WAD. */
  skew: bigint;
  /** int64 WAD. */
  curvature: bigint;
}

/** A surface ready for `pushSurface(feed, updatedAt, pillars)`. */
export interface OnChainVolSurface {
  /** Unix seconds: the time as of which the inputs were observed. */
  updatedAt: bigint;
  pillars: OnChainVolPillar[];
}

/** The pool's volatility clamp: every smile value is clamped to `[minVol, maxVol]` before Black-76. */
export interface VolClamp {
  minVol: number;
  maxVol: number;
}
