// The demo's market, from its settings: the generated scenario or a real-history replay.
import path from "node:path";
import type { DemoMarketSource } from "./cli.js";
import { readHistory } from "./history.js";
import type { MarketDay } from "./marketDay.js";
import { DEFAULT_SCENARIO_SEED, generateScenario } from "./scenario.js";

/** Builds the day-by-day market the demo replays (history is cut to its first `days` days when given). */
export function loadMarket(source: DemoMarketSource): MarketDay[] {
  if (source.kind === "scenario") {
    return generateScenario({
      ...(source.days === undefined ? {} : { days: source.days }),
      ...(source.seed === undefined ? {} : { seed: source.seed }),
    });
  }
  const days = readHistory(source);
  return source.days === undefined ? days : days.slice(0, source.days);
}

/** Where the market comes from, in words (the report's and the frontier's source line). */
export function marketSourceText(source: DemoMarketSource): string {
  return source.kind === "scenario"
    ? `synthetic scenario (generated, seed ${source.seed ?? DEFAULT_SCENARIO_SEED})`
    : `Cboe history ${path.basename(source.vixFile)} + ${path.basename(source.spxFile)}`;
}
