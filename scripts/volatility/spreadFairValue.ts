// Fair value of a vertical spread as the pool computes it (before its fee and half-spread): each strike at
// its own surface volatility, Black-76 on the forward, discounted at the pool's rate, clamped to
// [0, D × width] (a skewed smile could otherwise put one spread above its discounted maximum payoff).
import { black76Call, black76Put } from "./black76.js";
import { DEFAULT_VOL_CLAMP } from "./smileVol.js";
import { surfaceVol } from "./surfaceVol.js";
import type { VolClamp, VolSurface } from "./types.js";
import { years } from "./units.js";

/** A call spread or a put spread on a feed whose latest index is `index`. */
export interface SpreadQuery {
  kind: "call" | "put";
  strikeLow: number;
  strikeHigh: number;
  /** Seconds to expiry. */
  tau: number;
  index: number;
  /** The pool's discount rate (default 5 %). */
  rate?: number;
  clamp?: VolClamp;
}

/** Fair value per contract, index points. */
export function spreadFairValue(surface: VolSurface, q: SpreadQuery): number {
  if (!(q.strikeLow > 0 && q.strikeHigh > q.strikeLow)) {
    throw new Error(`spreadFairValue: strikes ${q.strikeLow}/${q.strikeHigh} must satisfy 0 < low < high`);
  }
  const clamp = q.clamp ?? DEFAULT_VOL_CLAMP;
  const t = years(q.tau);
  const discount = Math.exp(-(q.rate ?? 0.05) * t);
  const low = surfaceVol(surface, q.tau, q.strikeLow, q.index, clamp);
  const high = surfaceVol(surface, q.tau, q.strikeHigh, q.index, clamp);
  const raw =
    q.kind === "call"
      ? black76Call(low.forward, q.strikeLow, t, low.vol) -
        black76Call(high.forward, q.strikeHigh, t, high.vol)
      : black76Put(high.forward, q.strikeHigh, t, high.vol) -
        black76Put(low.forward, q.strikeLow, t, low.vol);
  const width = q.strikeHigh - q.strikeLow;
  return Math.min(Math.max(discount * raw, 0), discount * width);
}
