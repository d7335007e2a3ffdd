// The term structure of implied variance of the equity index: 30-, 93- and 182-day variance-swap rates
// (VIX, VIX3M, VIX6M), total variance w(T) = σ(T)²·T linear in T between them.
//
// Where VIX3M or VIX6M is missing, a mean-reverting model fills it in (Zhang & Zhu 2006's square-root
// variance, whose expected variance E[v_u] = θ + (v0 − θ)e^(−κu) gives the T-day rate
// σ_base(T)² = θ + (v0 − θ)·g(κT), g(y) = (1 − e^(−y))/y), plus a term premium that keeps calm markets in
// contango: σ(T) = σ_base(T) + π·ln(T/30 d)/ln(182/30). v0 (and θ, where two points are given) are solved
// from the observed points; κ, θ and π default to the values of settings.ts (docs/volatility.md).
import { checkMarketInputs } from "./marketInputs.js";
import type { TermStructureSettings } from "./settings.js";
import type { MarketInputs, ModelledInput } from "./types.js";

/** Annualised volatilities (fractions) at 30, 93 and 182 days. */
export interface VarianceTermStructure {
  vol30: number;
  vol93: number;
  vol182: number;
}

const T30 = 30 / 365;
const T93 = 93 / 365;
const T182 = 182 / 365;

const g = (y: number): number => (y < 1e-12 ? 1 : (1 - Math.exp(-y)) / y);

/** The term premium π(T) in vol (fraction) at `days` ≥ 30. */
export function termPremium(days: number, s: TermStructureSettings): number {
  return (s.termPremium182 * Math.log(Math.max(days, 30) / 30)) / Math.log(182 / 30);
}

/** The model's volatility at `days` given the instantaneous expected variance `v0` and level `theta`. */
function modelVol(days: number, v0: number, theta: number, s: TermStructureSettings): number {
  const base = theta + (v0 - theta) * g((s.kappa * days) / 365);
  return Math.sqrt(Math.max(base, 0)) + termPremium(days, s);
}

/** v0 and θ from two points (30 days and `days`), θ floored at (1 %)² then v0 from the 30-day point alone. */
function solveTwoPoints(
  vol30: number,
  days: number,
  vol: number,
  s: TermStructureSettings,
): [number, number] {
  const g30 = g(s.kappa * T30);
  const gT = g((s.kappa * days) / 365);
  const baseT = Math.max(vol - termPremium(days, s), 0) ** 2;
  // vol30² = θ(1 − g30) + v0·g30 ;  baseT = θ(1 − gT) + v0·gT
  const det = (1 - g30) * gT - (1 - gT) * g30;
  let theta = (vol30 * vol30 * gT - baseT * g30) / det;
  if (!(theta >= 1e-4)) theta = 1e-4;
  const v0 = theta + (vol30 * vol30 - theta) / g30;
  return [v0, theta];
}

/**
 * The day's term structure and which of its points were modelled. Throws a MarketInputError for bad inputs.
 */
export function varianceTermStructure(
  inputs: MarketInputs,
  s: TermStructureSettings,
): { termStructure: VarianceTermStructure; modelled: ModelledInput[] } {
  checkMarketInputs(inputs);
  const vol30 = inputs.vix / 100;
  const given93 = inputs.vix3m === undefined ? undefined : inputs.vix3m / 100;
  const given182 = inputs.vix6m === undefined ? undefined : inputs.vix6m / 100;
  const modelled: ModelledInput[] = [];
  let v0: number;
  let theta = s.longRunVol ** 2;
  if (given93 !== undefined) [v0, theta] = solveTwoPoints(vol30, 93, given93, s);
  else if (given182 !== undefined) [v0, theta] = solveTwoPoints(vol30, 182, given182, s);
  else v0 = theta + (vol30 * vol30 - theta) / g(s.kappa * T30);
  let vol93 = given93;
  if (vol93 === undefined) {
    modelled.push("vix3m");
    vol93 = modelVol(93, v0, theta, s);
    // The model's total variance never falls: at worst the forward variance is zero.
    vol93 = Math.max(vol93, vol30 * Math.sqrt(T30 / T93));
  }
  let vol182 = given182;
  if (vol182 === undefined) {
    modelled.push("vix6m");
    vol182 = Math.max(modelVol(182, v0, theta, s), vol93 * Math.sqrt(T93 / T182));
  }
  return { termStructure: { vol30, vol93, vol182 }, modelled };
}

/** Total implied variance σ²·T at `days` (flat volatility below 30 days, linear beyond 182 days). */
export function totalVariance(ts: VarianceTermStructure, days: number): number {
  const t = days / 365;
  const w30 = ts.vol30 ** 2 * T30;
  const w93 = ts.vol93 ** 2 * T93;
  const w182 = ts.vol182 ** 2 * T182;
  if (t <= T30) return ts.vol30 ** 2 * t;
  if (t <= T93) return w30 + ((w93 - w30) * (t - T30)) / (T93 - T30);
  return w93 + ((w182 - w93) * (t - T93)) / (T182 - T93);
}

/** Annualised forward variance over [fromDays, toDays]. */
export function forwardVariance(ts: VarianceTermStructure, fromDays: number, toDays: number): number {
  return ((totalVariance(ts, toDays) - totalVariance(ts, fromDays)) * 365) / (toDays - fromDays);
}
