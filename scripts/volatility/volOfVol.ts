// Vol-of-vol of the volatility index: VVIX, its fill-in from the VIX level, and its decay with tenor.
import type { VolIndexSettings } from "./settings.js";

/** VVIX filled in from the VIX level: vvixAtMean·(VIX/vixMean)^exponent, clamped to [floor, cap]. */
export function vvixFromVix(vix: number, s: VolIndexSettings): number {
  const v = s.vvixAtMean * (vix / s.vixMean) ** s.vvixExponent;
  return Math.min(s.vvixCap, Math.max(s.vvixFloor, v));
}

/** ATM vol-of-vol at `days` from its 30-day value: ν30·(days/30)^(−decay). */
export function volOfVolAt(nu30: number, days: number, s: VolIndexSettings): number {
  return nu30 * (days / 30) ** -s.volOfVolDecay;
}

/** The skew of VIX options at `days`: skew30·(30/days)^skewDecay. */
export function volIndexSkewAt(days: number, s: VolIndexSettings): number {
  return s.skew30 * (30 / days) ** s.skewDecay;
}
