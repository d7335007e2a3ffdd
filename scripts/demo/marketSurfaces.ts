// The volatility surfaces the demo pushes for a market day.
import { flatSurface, WAD } from "../deploy/hedgeSide.js";
import type { MarketSurfaces } from "../feeds/pushSurfaces.js";
import type { MarketDay } from "./marketDay.js";

/** Both feeds' surfaces for `day`. */
export function surfacesOf(day: MarketDay): MarketSurfaces {
  void day;
  return { vix: flatSurface((8n * WAD) / 10n), spx: flatSurface((18n * WAD) / 100n) };
}
