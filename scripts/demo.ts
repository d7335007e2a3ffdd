// `npm run demo`: the main job. Deploys the whole system on the in-process Hardhat network with the same
// Ignition modules an operator uses on a testnet, shows the flash-loan side (the one-transaction obligation),
// then replays a market day by day through the keeper (the multi-month obligation) and compares the hedged
// vault with an unhedged condor and with cash. Settings: ALVH_DEMO_* variables (or flags with
// `npx tsx scripts/demo.ts`); `--help` lists them. ALVH_DEMO_SCREENSHOT=FILE also saves a PNG of the report
// (headless Chromium; docs/report.png, the README picture, is made this way).
import { DEMO_USAGE, DemoArgsError, demoArgv, parseDemoArgs } from "./demo/cli.js";
import { loadMarket, marketSourceText } from "./demo/market.js";
import { runDemo } from "./demo/runDemo.js";
import { screenshotReportCharts } from "./demo/readmePicture.js";
import { formatSummaryTable } from "./demo/summary.js";

const started = performance.now();
let options;
let market;
try {
  options = parseDemoArgs(demoArgv(), process.env);
  if (options.help) {
    console.log(DEMO_USAGE);
    process.exit(0);
  }
  market = loadMarket(options.market);
} catch (error) {
  if (error instanceof DemoArgsError || error instanceof Error) {
    console.error(`demo: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
const m = options.market;
const source = marketSourceText(m);

console.log("ALVH demo — in-process Hardhat network\n");
const { report, htmlPath, jsonPath } = await runDemo({
  market,
  source,
  synthetic: m.kind === "scenario",
  outDir: options.outDir,
  log: (line) => console.log(line),
});
console.log("");
console.log(formatSummaryTable(report));
console.log(`\nReport: ${htmlPath} and ${jsonPath}`);
const screenshot = process.env["ALVH_DEMO_SCREENSHOT"];
if (screenshot !== undefined && screenshot !== "") {
  // Summary and charts only: the whole page also lists every action and is very tall.
  console.log(`Screenshot: ${await screenshotReportCharts(htmlPath, screenshot)}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `Done in ${seconds.toFixed(1)} s, ${report.transactions.toLocaleString("en-US")} transactions sent.`,
);
