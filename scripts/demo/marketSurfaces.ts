// The volatility surfaces the demo pushes for a market day: built by the volatility oracle module
// (scripts/volatility, docs/volatility.md) from the day's closes — the volatility index and, where the market
// gives them, VIX3M, VIX6M and VVIX (a documented model fills in the others).
import type { MarketSurfaces } from "../feeds/pushSurfaces.js";
import { buildSurfaces, toOnChainSurface, type ModelledInput } from "../volatility/index.js";
import type { MarketDay } from "./marketDay.js";

/** Both feeds' surfaces for `day`, in the oracle's on-chain form, and the inputs that were modelled. */
export function surfacesOf(day: MarketDay): { surfaces: MarketSurfaces; modelled: ModelledInput[] } {
  const built = buildSurfaces({
    date: day.date,
    spx: day.spx,
    vix: day.vix,
    ...(day.vix3m === undefined ? {} : { vix3m: day.vix3m }),
    ...(day.vix6m === undefined ? {} : { vix6m: day.vix6m }),
    ...(day.vvix === undefined ? {} : { vvix: day.vvix }),
  });
  return {
    surfaces: {
      vix: toOnChainSurface(built.volIndex, 0).pillars,
      spx: toOnChainSurface(built.equity, 0).pillars,
    },
    modelled: built.modelled,
  };
}
