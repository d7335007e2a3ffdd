// The checks the pool runs before it accepts a surface (mirrored so that the oracle never builds a surface the
// chain refuses): field bounds, tenor order and, on the log-moneyness grid x ∈ {−1, −½, −¼, 0, ¼, ½, 1}:
//   (a) calendar: total variance vol(x)²·t non-decreasing from each pillar to the next;
//   (b) strikes, per pillar, with F = 1, K_j = e^(x_j) and undiscounted Black-76 calls C_j:
//       C_j − C_{j+1} within [0, K_{j+1} − K_j] (vertical) and the slopes (C_j − C_{j+1})/(K_{j+1} − K_j)
//       non-increasing in j (butterfly).
import { black76Call, black76Put } from "./black76.js";
import { smileVol } from "./smileVol.js";
import type { VolClamp, VolSurface } from "./types.js";
import { DAY, years } from "./units.js";

/** The hard bounds of a push. */
export interface SurfaceLimits {
  maxPillars: number;
  /** Seconds. */
  minTenor: number;
  maxTenor: number;
  minForwardFactor: number;
  maxForwardFactor: number;
  minAtmVol: number;
  maxAtmVol: number;
  maxAbsSkew: number;
  minCurvature: number;
  maxCurvature: number;
  /** The clamp applied to vol(x) on the grid. */
  gridClamp: VolClamp;
}

/**
 * The bounds of the surface format: the on-chain VolSurfaceOracle's (curvature 0..5, grid vols clamped to
 * Black-76's 1 %..500 % exactly as `pushSurface` clamps them), with the ATM vol kept inside the pool's default
 * minVol..maxVol (tighter than the oracle's 1 %..500 %, so the pool never clamps an ATM vol).
 */
export const DEFAULT_SURFACE_LIMITS: SurfaceLimits = {
  maxPillars: 4,
  minTenor: DAY,
  maxTenor: 730 * DAY,
  minForwardFactor: 0.2,
  maxForwardFactor: 5,
  minAtmVol: 0.05,
  maxAtmVol: 3,
  maxAbsSkew: 5,
  minCurvature: 0,
  maxCurvature: 5,
  gridClamp: { minVol: 0.01, maxVol: 5 },
};

/** The log-moneyness grid of the strike and calendar checks. */
export const CHECK_GRID: readonly number[] = [-1, -0.5, -0.25, 0, 0.25, 0.5, 1];

export type SurfaceProblemKind =
  | "PillarCount"
  | "FieldOutOfBounds"
  | "TenorsNotIncreasing"
  | "CalendarArbitrage"
  | "VerticalArbitrage"
  | "ButterflyArbitrage";

/** One reason a surface would be refused; `pillar` is 0-based. */
export interface SurfaceProblem {
  kind: SurfaceProblemKind;
  pillar?: number;
  field?: string;
  /** The grid point (log-moneyness) at fault, for the arbitrage checks. */
  x?: number;
  value?: number;
  min?: number;
  max?: number;
  message: string;
}

/**
 * Every problem of `surface` (empty: the pool accepts it). The strike checks are exact in floating point,
 * stricter than the chain's (which tolerates a few wei of Black-76 error); the calendar check, exact on
 * integers on-chain, can demand a relative margin `calendarMargin` (w_next ≥ w·(1 + margin)) so that WAD
 * rounding never flips it.
 */
export function checkSurface(
  surface: VolSurface,
  limits: SurfaceLimits = DEFAULT_SURFACE_LIMITS,
  calendarMargin = 0,
): SurfaceProblem[] {
  const problems: SurfaceProblem[] = [];
  const pillars = surface.pillars;
  if (pillars.length === 0 || pillars.length > limits.maxPillars) {
    problems.push({
      kind: "PillarCount",
      value: pillars.length,
      min: 1,
      max: limits.maxPillars,
      message: `a surface has 1..${limits.maxPillars} pillars, got ${pillars.length}`,
    });
    return problems;
  }
  const bound = (pillar: number, field: string, value: number, min: number, max: number): void => {
    if (!(value >= min && value <= max)) {
      problems.push({
        kind: "FieldOutOfBounds",
        pillar,
        field,
        value,
        min,
        max,
        message: `pillar ${pillar}: ${field} ${value} is outside [${min}, ${max}]`,
      });
    }
  };
  let previousVariance: number[] | undefined;
  for (const [i, p] of pillars.entries()) {
    bound(i, "tenor", p.tenor, limits.minTenor, limits.maxTenor);
    if (i > 0 && !(p.tenor > pillars[i - 1]!.tenor)) {
      problems.push({
        kind: "TenorsNotIncreasing",
        pillar: i,
        value: p.tenor,
        min: pillars[i - 1]!.tenor,
        message: `pillar ${i}: tenor ${p.tenor} s is not after pillar ${i - 1}'s ${pillars[i - 1]!.tenor} s`,
      });
    }
    bound(i, "forwardFactor", p.forwardFactor, limits.minForwardFactor, limits.maxForwardFactor);
    bound(i, "atmVol", p.atmVol, limits.minAtmVol, limits.maxAtmVol);
    bound(i, "skew", p.skew, -limits.maxAbsSkew, limits.maxAbsSkew);
    bound(i, "curvature", p.curvature, limits.minCurvature, limits.maxCurvature);
    const vols = CHECK_GRID.map((x) => smileVol(x, p, limits.gridClamp));
    const variance = vols.map((v) => v * v * p.tenor);
    if (previousVariance !== undefined) {
      for (const [j, x] of CHECK_GRID.entries()) {
        if (variance[j]! < previousVariance[j]! * (1 + calendarMargin)) {
          problems.push({
            kind: "CalendarArbitrage",
            pillar: i,
            x,
            value: variance[j]!,
            min: previousVariance[j]!,
            message: `pillar ${i}: total variance at x=${x} falls from ${previousVariance[j]} to ${variance[j]}`,
          });
        }
      }
    }
    previousVariance = variance;
    problems.push(...strikeProblems(i, p.tenor, vols));
  }
  return problems;
}

function strikeProblems(pillar: number, tenor: number, vols: number[]): SurfaceProblem[] {
  const problems: SurfaceProblem[] = [];
  const t = years(tenor);
  const strikes = CHECK_GRID.map((x) => Math.exp(x));
  // Out-of-the-money options carry the precision: below the forward the call spread is computed by parity
  // from the puts (C_j − C_{j+1} = width − (P_{j+1} − P_j)), above it from the calls.
  const calls = strikes.map((k, j) => black76Call(1, k, t, vols[j]!));
  const puts = strikes.map((k, j) => black76Put(1, k, t, vols[j]!));
  let previousSlope = Number.POSITIVE_INFINITY;
  for (let j = 0; j + 1 < CHECK_GRID.length; j++) {
    const width = strikes[j + 1]! - strikes[j]!;
    const drop = CHECK_GRID[j + 1]! <= 0 ? width - (puts[j + 1]! - puts[j]!) : calls[j]! - calls[j + 1]!;
    const x = CHECK_GRID[j]!;
    if (drop < 0 || drop > width) {
      problems.push({
        kind: "VerticalArbitrage",
        pillar,
        x,
        value: drop,
        min: 0,
        max: width,
        message: `pillar ${pillar}: the call spread from x=${x} is worth ${drop}, outside [0, ${width}]`,
      });
    }
    const slope = drop / width;
    if (slope > previousSlope) {
      problems.push({
        kind: "ButterflyArbitrage",
        pillar,
        x,
        value: slope,
        max: previousSlope,
        message: `pillar ${pillar}: the call-spread slope from x=${x} (${slope}) exceeds the previous (${previousSlope})`,
      });
    }
    previousSlope = slope;
  }
  return problems;
}
