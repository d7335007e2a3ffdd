// The equity-index surface: pillars at the maturities of VIX, VIX3M and VIX6M.
//   forward factor  e^((r − q)·T) (carry: the pool's rate minus the dividend yield);
//   skew            b(T) = skew30·(30 d/T)^skewDecay, curvature c (settings);
//   ATM vol         the level at which Cboe's formula on the model's own option prices (strip: otmStrip.ts)
//                   reproduces the observed (or modelled) index of that maturity.
import { calibrateAtmVol } from "./calibrateAtmVol.js";
import type { OracleSettings } from "./settings.js";
import type { VarianceTermStructure } from "./varianceTermStructure.js";
import type { VolPillar, VolSurface } from "./types.js";
import { DAY } from "./units.js";

/** The equity surface for index level `spx` and the day's variance term structure. */
export function equitySurface(spx: number, ts: VarianceTermStructure, s: OracleSettings): VolSurface {
  const e = s.equity;
  const targets: Record<number, number> = { 30: ts.vol30, 93: ts.vol93, 182: ts.vol182 };
  const pillars: VolPillar[] = e.tenorsDays.map((days) => {
    const target = targets[days];
    if (target === undefined)
      throw new Error(`equitySurface: no index for a ${days}-day pillar (30, 93, 182)`);
    const years = days / 365;
    const forwardFactor = Math.exp((e.rate - e.dividendYield) * years);
    const skew = e.skew30 * (30 / days) ** e.skewDecay;
    const { atmVol } = calibrateAtmVol({
      target,
      skew,
      curvature: e.curvature,
      forward: spx * forwardFactor,
      years,
      index: spx,
      strip: e.strip,
      clamp: s.clamp,
    });
    return { tenor: days * DAY, forwardFactor, atmVol, skew, curvature: e.curvature };
  });
  return { pillars };
}
