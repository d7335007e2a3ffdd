// The ATM level that makes Cboe's formula, applied to the model's own option prices, reproduce an observed
// index. A volatility index is a variance-swap rate over the whole strip, so it exceeds the ATM volatility by
// the smile's contribution; with the skew and curvature fixed, the index rises monotonically with the ATM
// level, and a bracketing root search (Illinois regula falsi on σ² − target²) finds it.
import type { StripSettings } from "./otmStrip.js";
import { smileVol } from "./smileVol.js";
import type { VolClamp } from "./types.js";
import { cboeVarianceIndex } from "./varianceIndex.js";

/** The smile's shape, the forward and the strip of one maturity. */
export interface AtmCalibrationInput {
  /** Observed index as a fraction (0.2 for an index of 20). */
  target: number;
  skew: number;
  curvature: number;
  forward: number;
  years: number;
  index: number;
  strip: StripSettings;
  clamp: VolClamp;
}

/** `atmVol`, and whether the target was reachable inside the clamp (if not, the nearest bound). */
export function calibrateAtmVol(input: AtmCalibrationInput): { atmVol: number; exact: boolean } {
  const f = (atm: number): number =>
    cboeVarianceIndex(
      input.forward,
      input.years,
      input.index,
      (x) => smileVol(x, { atmVol: atm, skew: input.skew, curvature: input.curvature }, input.clamp),
      input.strip,
    ) **
      2 -
    input.target ** 2;
  let a = input.clamp.minVol;
  let b = input.clamp.maxVol;
  let fa = f(a);
  let fb = f(b);
  if (fa >= 0) return { atmVol: a, exact: fa === 0 };
  if (fb <= 0) return { atmVol: b, exact: fb === 0 };
  let side = 0;
  for (let i = 0; i < 100; i++) {
    const c = (a * fb - b * fa) / (fb - fa);
    const fc = f(c);
    if (Math.abs(fc) < 1e-14 || b - a < 1e-12) return { atmVol: c, exact: true };
    if (fc * fb > 0) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return { atmVol: (a + b) / 2, exact: true };
}
