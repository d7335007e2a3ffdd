// Every default constant of the oracle, in one place. docs/volatility.md gives the source or the
// reasoning of each one and the checks that were run against published figures.
import { DEFAULT_SURFACE_LIMITS, type SurfaceLimits } from "./checkSurface.js";
import type { StripSettings } from "./otmStrip.js";
import { DEFAULT_VOL_CLAMP } from "./smileVol.js";
import type { VolClamp } from "./types.js";

/** The equity-index (S&P 500-like) surface. */
export interface EquitySettings {
  /** Pillar tenors, days: the maturities of VIX, VIX3M and VIX6M. */
  tenorsDays: readonly number[];
  /** Continuously compounded rate of the carry: the pool's discount rate, so that parity holds in the pool. */
  rate: number;
  /** Continuous dividend yield of the index. */
  dividendYield: number;
  /** ATM skew d vol / d ln K at 30 days (negative: a put skew). */
  skew30: number;
  /** Skew term structure b(T) = skew30 · (30 d / T)^skewDecay. */
  skewDecay: number;
  /** Smile curvature (all tenors). */
  curvature: number;
  /** The strip of the VIX formula on the equity index. */
  strip: StripSettings;
}

/** The variance term structure's fill-in model (used only where VIX3M or VIX6M is missing). */
export interface TermStructureSettings {
  /** Mean-reversion speed of expected variance, per year. */
  kappa: number;
  /** Long-run level the expected variance reverts to, as a volatility. */
  longRunVol: number;
  /** Term premium at 182 days (vol points as a fraction), growing with ln(T / 30 d) from 0 at 30 days. */
  termPremium182: number;
}

/** The volatility-index (VIX-like) surface. */
export interface VolIndexSettings {
  /** Pillar tenors, days (cover the hedge layers' 17–104 days). */
  tenorsDays: readonly number[];
  /** The averaging window of the index itself: VIX at T is the variance rate over [T, T + 30 d]. */
  indexWindowDays: number;
  /** VVIX fill-in: VVIX = vvixAtMean · (VIX / vixMean)^vvixExponent, clamped to [vvixFloor, vvixCap]. */
  vixMean: number;
  vvixAtMean: number;
  vvixExponent: number;
  vvixFloor: number;
  vvixCap: number;
  /** ATM vol-of-vol term structure ν(T) = ν30 · (T / 30 d)^(−volOfVolDecay). */
  volOfVolDecay: number;
  /** Call skew d vol / d ln K at 30 days (positive: VIX calls carry higher vols). */
  skew30: number;
  /** b(T) = skew30 · (30 d / T)^skewDecay. */
  skewDecay: number;
  curvature: number;
  /** The strip of the VIX formula on VIX options (VVIX). */
  strip: StripSettings;
}

export interface OracleSettings {
  equity: EquitySettings;
  termStructure: TermStructureSettings;
  volIndex: VolIndexSettings;
  /** The pool's clamp of every smile value. */
  clamp: VolClamp;
  /** The bounds the pool enforces on a push. */
  limits: SurfaceLimits;
}

export const DEFAULT_ORACLE_SETTINGS: OracleSettings = {
  equity: {
    tenorsDays: [30, 93, 182],
    rate: 0.05,
    dividendYield: 0.019,
    skew30: -0.9,
    skewDecay: 0.5,
    curvature: 0,
    strip: { strikeStep: 5, minTick: 0.05, bandLow: 0.5, bandHigh: 3, bandBase: "index" },
  },
  termStructure: { kappa: 6, longRunVol: 0.16, termPremium182: 0.015 },
  volIndex: {
    tenorsDays: [30, 60, 91, 121],
    indexWindowDays: 30,
    vixMean: 19.5,
    vvixAtMean: 90,
    vvixExponent: 0.53,
    vvixFloor: 80,
    vvixCap: 212,
    volOfVolDecay: 0.4,
    skew30: 0.8,
    skewDecay: 0.5,
    curvature: 0,
    strip: { strikeStep: 0.5, minTick: 0.01, bandLow: 0.5, bandHigh: 3, bandBase: "forward" },
  },
  clamp: DEFAULT_VOL_CLAMP,
  limits: DEFAULT_SURFACE_LIMITS,
};

/** Settings with some fields replaced (one level deep per section). */
export interface OracleSettingsOverride {
  equity?: Partial<EquitySettings>;
  termStructure?: Partial<TermStructureSettings>;
  volIndex?: Partial<VolIndexSettings>;
  clamp?: VolClamp;
  limits?: SurfaceLimits;
}

/** The defaults with `override` applied. */
export function oracleSettings(override: OracleSettingsOverride = {}): OracleSettings {
  const d = DEFAULT_ORACLE_SETTINGS;
  return {
    equity: { ...d.equity, ...override.equity },
    termStructure: { ...d.termStructure, ...override.termStructure },
    volIndex: { ...d.volIndex, ...override.volIndex },
    clamp: override.clamp ?? d.clamp,
    limits: override.limits ?? d.limits,
  };
}
