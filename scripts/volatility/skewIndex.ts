// Cboe's SKEW index for a model smile (SKEW white paper): the risk-neutral skewness S of the log return over
// the option's life, from the same out-of-the-money strip as the VIX, and SKEW = 100 − 10·S.
//   P1 = −Σ ΔK/K²·Q + ε1,  P2 = Σ 2(1 − ln(K/F))/K²·ΔK·Q + ε2,  P3 = Σ 3(2 ln(K/F) − ln²(K/F))/K²·ΔK·Q + ε3,
//   ε1 = −(1 + ln(F/K0) − F/K0),  ε2 = 2 ln(K0/F)(F/K0 − 1) + ½ ln²(K0/F),
//   ε3 = 3 ln²(K0/F)(⅓ ln(K0/F) − 1 + F/K0),
//   S = (P3 − 3 P1 P2 + 2 P1³) / (P2 − P1²)^(3/2).
// Used as a cross-check of the default equity skew (a lognormal smile gives S ≈ 0, SKEW ≈ 100).
import { weightedStrip, type StripSettings } from "./otmStrip.js";

/** The SKEW value of the smile `volAt(x)` at `years` to expiry. */
export function cboeSkewIndex(
  forward: number,
  years: number,
  index: number,
  volAt: (x: number) => number,
  strip: StripSettings,
): number {
  const { k0, options } = weightedStrip(forward, years, index, volAt, strip);
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  for (const o of options) {
    const w = o.weight;
    const l = Math.log(o.strike / forward);
    p1 -= w;
    p2 += 2 * (1 - l) * w;
    p3 += 3 * (2 * l - l * l) * w;
  }
  const e = Math.log(k0 / forward);
  p1 += -(1 + Math.log(forward / k0) - forward / k0);
  p2 += 2 * e * (forward / k0 - 1) + 0.5 * e * e;
  p3 += 3 * e * e * (e / 3 - 1 + forward / k0);
  const skewness = (p3 - 3 * p1 * p2 + 2 * p1 ** 3) / (p2 - p1 * p1) ** 1.5;
  return 100 - 10 * skewness;
}
