// Cboe's volatility-index formula (VIX white paper; the same formula gives VIX3M, VIX6M and, on VIX options,
// VVIX) for one constant maturity:
//   σ² = (2/T)·Σ ΔK_i/K_i² · e^(RT)·Q(K_i) − (1/T)·(F/K0 − 1)²,   index = 100·σ.
// The model stands at the target maturity itself, so Cboe's interpolation between two expiries is not needed.
import { weightedStrip, type StripSettings } from "./otmStrip.js";

/** σ of Cboe's formula (0.2 = an index of 20) for the smile `volAt(x)` at `years` to expiry. */
export function cboeVarianceIndex(
  forward: number,
  years: number,
  index: number,
  volAt: (x: number) => number,
  strip: StripSettings,
): number {
  const { k0, options } = weightedStrip(forward, years, index, volAt, strip);
  const sum = options.reduce((acc, o) => acc + o.weight, 0);
  const variance = (2 / years) * sum - (1 / years) * (forward / k0 - 1) ** 2;
  return Math.sqrt(Math.max(variance, 0));
}
