// The implied volatility the pool uses for a series: strike K, `tau` seconds to expiry, latest index S.
import { sliceAt } from "./sliceAt.js";
import { DEFAULT_VOL_CLAMP, smileVol } from "./smileVol.js";
import type { VolClamp, VolSurface } from "./types.js";

/** F = S·f(τ), x = ln(K/F), vol = clamp(atm(τ) + b(τ)·x + c(τ)·x², minVol, maxVol). Also returns F. */
export function surfaceVol(
  surface: VolSurface,
  tau: number,
  strike: number,
  index: number,
  clamp: VolClamp = DEFAULT_VOL_CLAMP,
): { vol: number; forward: number } {
  const slice = sliceAt(surface, tau);
  const forward = index * slice.forwardFactor;
  return { vol: smileVol(Math.log(strike / forward), slice, clamp), forward };
}
