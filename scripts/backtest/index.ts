// `npm run backtest`: replays a market once per hedge policy of a grid (each on its own fresh in-process
// chain, in worker processes) plus the unhedged condor, and writes out/frontier.html and out/frontier.json:
// each policy's yearly net hedge cost against its worst event loss. Settings: --help (docs/frontier.md).
import { DemoArgsError } from "../demo/cli.js";
import { formatPct, formatSignedPct } from "../demo/format.js";
import { loadMarket, marketSourceText } from "../demo/market.js";
import { BACKTEST_USAGE, parseBacktestArgs } from "./cli.js";
import { DEFAULT_GRID, GridError, readGridFile } from "./grid.js";
import { runBacktest } from "./runBacktest.js";

let options;
let market;
let grid;
try {
  options = parseBacktestArgs(process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--")));
  if (options.help) {
    console.log(BACKTEST_USAGE);
    process.exit(0);
  }
  market = loadMarket(options.market);
  grid = options.gridFile === undefined ? DEFAULT_GRID : readGridFile(options.gridFile);
} catch (error) {
  if (error instanceof DemoArgsError || error instanceof GridError || error instanceof Error) {
    console.error(`backtest: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
const m = options.market;
const source = marketSourceText(m);
console.log(
  `ALVH backtest: ${market.length} days (${source}), grid ${options.gridFile ?? "built-in"}, ` +
    `${options.workers} worker processes\n`,
);
const { json, htmlPath, jsonPath } = await runBacktest({
  market,
  source,
  synthetic: m.kind === "scenario",
  grid,
  workers: options.workers,
  outDir: options.outDir,
});
console.log("");
const width = Math.max(...json.points.map((p) => p.name.length));
console.log(`${"policy".padEnd(width)}  cost/yr  worst event  targets (events / cash press)`);
for (const p of json.points) {
  const figures =
    p.error !== null
      ? `FAILED: ${p.error}`
      : `${formatPct(p.annualNetHedgeCostPct, 2).padStart(7)}  ${formatSignedPct(p.worstEventLossPct, 2).padStart(11)}  ` +
        (p.isReference
          ? "reference"
          : `${p.targets.eventLossAtMostHalfUnhedged ? "yes" : "no"} / ${p.targets.layerCostWithinCondorIncome ? "yes" : "no"}`);
  console.log(`${p.name.padEnd(width)}  ${figures}`);
}
console.log(`\nEfficient: ${json.efficient.join("; ")}`);
console.log(`Closest to the targets: ${json.closestToTargets ?? "none"}`);
console.log(
  `Frontier: ${htmlPath} and ${jsonPath} (${json.run.elapsedSeconds.toFixed(0)} s, load average ` +
    `${json.run.loadAverageStart.map((l) => l.toFixed(1)).join(" ")} -> ${json.run.loadAverageEnd.map((l) => l.toFixed(1)).join(" ")})`,
);
if (json.points.some((p) => p.error !== null)) process.exit(1);
