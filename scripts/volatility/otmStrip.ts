// The strip of out-of-the-money options that Cboe's VIX methodology (and the SKEW index's) integrates over,
// built from a model smile instead of quotes:
//   - strikes on a grid of `strikeStep` index points; K0 = the first strike below the forward;
//   - puts below K0, calls above it, the average of the put and the call at K0;
//   - moving away from K0, a strike whose model price is below `minTick` has a zero bid and is left out,
//     and two consecutive zero bids end the strip (Cboe's rule);
//   - the strip never leaves [bandLow, bandHigh] × the band's base: for the equity index the index itself
//     (the pool's strikeBandLow / strikeBandHigh, so the index is computed from the pool's own option
//     prices); for VIX options the forward (they are listed around the futures price, which sits far below
//     spot in a spike).
// Prices are undiscounted (Cboe multiplies its discounted quotes by e^(RT)).
import { black76Call, black76Put } from "./black76.js";

/** How the strip is cut. */
export interface StripSettings {
  /** Strike increment, index points. */
  strikeStep: number;
  /** A model price below this has a zero bid (index points). */
  minTick: number;
  /** Lowest strike as a multiple of the band's base. */
  bandLow: number;
  /** Highest strike as a multiple of the band's base. */
  bandHigh: number;
  /** What the band multiplies: the index (spot) or the forward. */
  bandBase: "index" | "forward";
}

/** One strike of the strip and its out-of-the-money price. */
export interface StripOption {
  strike: number;
  price: number;
}

/** The strip: K0 and the options in increasing strike order. */
export interface OtmStrip {
  k0: number;
  options: StripOption[];
}

/** Builds the strip for a smile `volAt(x)`, `x = ln(K/F)`. */
export function otmStrip(
  forward: number,
  years: number,
  index: number,
  volAt: (x: number) => number,
  s: StripSettings,
): OtmStrip {
  const base = s.bandBase === "index" ? index : forward;
  const low = s.bandLow * base;
  const high = s.bandHigh * base;
  let k0 = Math.floor(forward / s.strikeStep) * s.strikeStep;
  if (k0 >= forward) k0 -= s.strikeStep;
  if (k0 < low || k0 <= 0)
    throw new Error(`otmStrip: no strike below the forward ${forward} within the band`);
  const price = (k: number, kind: "put" | "call"): number => {
    const v = volAt(Math.log(k / forward));
    return kind === "put" ? black76Put(forward, k, years, v) : black76Call(forward, k, years, v);
  };
  const walk = (
    from: number,
    step: number,
    kind: "put" | "call",
    limit: (k: number) => boolean,
  ): StripOption[] => {
    const out: StripOption[] = [];
    let zeros = 0;
    for (let k = from; limit(k) && zeros < 2; k += step) {
      const p = price(k, kind);
      if (p < s.minTick) {
        zeros++;
        continue;
      }
      zeros = 0;
      out.push({ strike: k, price: p });
    }
    return out;
  };
  const puts = walk(k0 - s.strikeStep, -s.strikeStep, "put", (k) => k >= low - 1e-9 && k > 0);
  const calls = walk(k0 + s.strikeStep, s.strikeStep, "call", (k) => k <= high + 1e-9);
  const atK0 = { strike: k0, price: (price(k0, "put") + price(k0, "call")) / 2 };
  return { k0, options: [...puts.reverse(), atK0, ...calls] };
}

/** ΔK_i of Cboe's formula: half the distance between the neighbours (the one neighbour at either end). */
export function strikeIntervals(options: readonly StripOption[]): number[] {
  const n = options.length;
  return options.map((o, i) => {
    if (n === 1) return 0;
    if (i === 0) return options[1]!.strike - o.strike;
    if (i === n - 1) return o.strike - options[i - 1]!.strike;
    return (options[i + 1]!.strike - options[i - 1]!.strike) / 2;
  });
}

/** The strip with each option's weight ΔK_i/K_i²·Q(K_i) in Cboe's sums. */
export function weightedStrip(
  forward: number,
  years: number,
  index: number,
  volAt: (x: number) => number,
  s: StripSettings,
): { k0: number; options: (StripOption & { weight: number })[] } {
  const { k0, options } = otmStrip(forward, years, index, volAt, s);
  const dk = strikeIntervals(options);
  return {
    k0,
    options: options.map((o, i) => ({ ...o, weight: (dk[i]! / (o.strike * o.strike)) * o.price })),
  };
}
