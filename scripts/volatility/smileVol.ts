// The quadratic smile in log-moneyness, clamped like the pool clamps it.
import type { VolClamp } from "./types.js";

/** The pool's default clamp (`DEFAULT_POOL_PARAMS.minVol` / `maxVol`: 5 % and 300 %). */
export const DEFAULT_VOL_CLAMP: VolClamp = { minVol: 0.05, maxVol: 3 };

/** `clamp(atm + skew·x + curvature·x², minVol, maxVol)`. */
export function smileVol(
  x: number,
  smile: { atmVol: number; skew: number; curvature: number },
  clamp: VolClamp = DEFAULT_VOL_CLAMP,
): number {
  const v = smile.atmVol + smile.skew * x + smile.curvature * x * x;
  return Math.min(clamp.maxVol, Math.max(clamp.minVol, v));
}
