// The backtest end to end (scripts/backtest/index.ts prints around it; test/backtest runs a small case): every
// policy of the grid and the unhedged reference replayed in worker processes, then frontier.json and
// frontier.html written.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MarketDay } from "../demo/marketDay.js";
import { createProgressBar, type ProgressStream } from "../demo/progress.js";
import { buildFrontierJson, type FrontierJson } from "./frontier.js";
import { renderFrontierHtml } from "./frontierHtml.js";
import { expandGrid, REFERENCE_POINT, type GridDefinition } from "./grid.js";
import { runPoliciesInWorkers } from "./workerPool.js";

export interface BacktestRunOptions {
  market: readonly MarketDay[];
  /** Where the market came from (shown on the page). */
  source: string;
  synthetic: boolean;
  grid: GridDefinition;
  workers: number;
  outDir: string;
  /** Where the progress bar goes (default stdout). */
  progress?: ProgressStream;
}

export interface BacktestRunResult {
  json: FrontierJson;
  jsonPath: string;
  htmlPath: string;
}

/** Replays the grid's policies and the unhedged reference, then writes the frontier. */
export async function runBacktest(options: BacktestRunOptions): Promise<BacktestRunResult> {
  const started = performance.now();
  const loadAverageStart = os.loadavg();
  const { market } = options;
  if (market.length === 0) throw new Error("backtest: the market has no day");
  const points = expandGrid(options.grid);
  const all = [...points, REFERENCE_POINT];
  const names = all.map((p) => p.name);
  const bar = createProgressBar(all.length * market.length, {
    label: "Backtest",
    ...(options.progress === undefined ? {} : { stream: options.progress }),
  });
  let done = 0;
  let finished = 0;
  const daysOf = all.map(() => 0);
  const outcomes = await runPoliciesInWorkers(
    market,
    all.map((p) => p.policy),
    {
      workers: options.workers,
      onDay: (id, date) => {
        daysOf[id]!++;
        bar.update(++done, `${finished}/${all.length} policies done; ${names[id]} ${date}`);
      },
      onFinished: (id, outcome) => {
        finished++;
        // A failed policy's remaining days count as done, so the bar still ends at 100 %.
        if (!outcome.ok) done += market.length - daysOf[id]!;
        bar.update(
          done,
          `${finished}/${all.length} policies done; ${names[id]} ${outcome.ok ? "finished" : "FAILED"}`,
        );
      },
    },
  );
  bar.finish();
  const json = buildFrontierJson({
    source: options.source,
    syntheticMarket: options.synthetic,
    gridMode: options.grid.mode,
    market,
    points,
    outcomes: outcomes.slice(0, points.length),
    reference: { point: REFERENCE_POINT, outcome: outcomes[points.length]! },
    run: {
      elapsedSeconds: (performance.now() - started) / 1000,
      workers: Math.min(options.workers, all.length),
      cpus: os.cpus().length,
      loadAverageStart,
      loadAverageEnd: os.loadavg(),
    },
  });
  mkdirSync(options.outDir, { recursive: true });
  const jsonPath = path.join(options.outDir, "frontier.json");
  const htmlPath = path.join(options.outDir, "frontier.html");
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(htmlPath, renderFrontierHtml(json));
  return { json, jsonPath, htmlPath };
}
