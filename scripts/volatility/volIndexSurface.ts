// The volatility-index surface: pillars at about 1, 2, 3 and 4 months.
//   forward   F(T) = sqrt(ξ(T))·e^(−ν(T)²T/2): ξ(T) the equity forward variance over [T, T + 30 d] (the
//             index's own window) less the lognormal convexity adjustment (vixFuture.ts);
//   ATM vol   ν(T) = ν30·(T/30 d)^(−decay); ν30 such that Cboe's formula on the model's 30-day VIX options
//             reproduces VVIX (observed or filled in from the VIX level);
//   skew      b(T) = skew30·(30 d/T)^skewDecay > 0 (VIX calls carry the higher vols), curvature c.
// F depends on ν through the convexity and the VVIX calibration on F through the strip, so the two are
// iterated (three rounds settle them to well below a basis point).
import { calibrateAtmVol } from "./calibrateAtmVol.js";
import type { OracleSettings } from "./settings.js";
import type { VolPillar, VolSurface } from "./types.js";
import { DAY } from "./units.js";
import { forwardVariance, type VarianceTermStructure } from "./varianceTermStructure.js";
import { vixFuture } from "./vixFuture.js";
import { volIndexSkewAt, volOfVolAt } from "./volOfVol.js";

/** The volatility-index surface for spot `vix` (points), VVIX `vvix` (points) and the term structure. */
export function volIndexSurface(
  vix: number,
  vvix: number,
  ts: VarianceTermStructure,
  s: OracleSettings,
): { surface: VolSurface; futures: number[] } {
  const v = s.volIndex;
  const smileAt = (nu30: number, days: number): { atmVol: number; skew: number; curvature: number } => ({
    atmVol: volOfVolAt(nu30, days, v),
    skew: volIndexSkewAt(days, v),
    curvature: v.curvature,
  });
  const futureAt = (nu30: number, days: number): number => {
    const xi = forwardVariance(ts, days, days + v.indexWindowDays) * 1e4; // index points²
    return vixFuture(xi, volOfVolAt(nu30, days, v), days / 365);
  };
  // VVIX prices options on the 30-day future; start from ν30 = VVIX and settle F30 and ν30 together.
  let nu30 = vvix / 100;
  for (let round = 0; round < 3; round++) {
    nu30 = calibrateAtmVol({
      target: vvix / 100,
      skew: volIndexSkewAt(30, v),
      curvature: v.curvature,
      forward: futureAt(nu30, 30),
      years: 30 / 365,
      index: vix,
      strip: v.strip,
      clamp: s.clamp,
    }).atmVol;
  }
  const futures = v.tenorsDays.map((days) => futureAt(nu30, days));
  const pillars: VolPillar[] = v.tenorsDays.map((days, i) => ({
    tenor: days * DAY,
    forwardFactor: futures[i]! / vix,
    ...smileAt(nu30, days),
  }));
  return { surface: { pillars }, futures };
}
