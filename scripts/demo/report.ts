// Writes the demo's report: `report.json` (every number) and `report.html` (charts, no external assets).
//
// Wiring in scripts/demo.ts, in outline:
//   const options = parseDemoArgs(demoArgv(), process.env);      // ./cli.js (flags or ALVH_DEMO_* variables)
//   if (options.help) { console.log(DEMO_USAGE); process.exit(0); }
//   const market = loadMarket(options.market);                  // ./market.js: MarketDay[] {date, vix, spx}
//   const bar = createProgressBar(market.length, { label: "Replay" }); // ./progress.js
//   for (const day of market) { /* push feeds, advance time, run the keeper, record a ReportDay */ bar.tick(day.date); }
//   bar.finish();
//   const { htmlPath } = writeReport(report, options.outDir);    // report: DemoReport (./reportTypes.js)
//   console.log(formatSummaryTable(report));                    // ./summary.js
//   await screenshotReport(htmlPath, "docs/report.png");          // ./screenshot.js, for the README picture
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderReportHtml } from "./reportHtml.js";
import { buildReportJson, type ReportJson } from "./reportJson.js";
import type { DemoReport } from "./reportTypes.js";

/** Writes `report.json` and `report.html` into `outDir` (created if missing) and returns their paths. */
export function writeReport(
  report: DemoReport,
  outDir: string,
): { jsonPath: string; htmlPath: string; json: ReportJson } {
  const json = buildReportJson(report);
  const html = renderReportHtml(report);
  mkdirSync(outDir, { recursive: true });
  const jsonPath = path.join(outDir, "report.json");
  const htmlPath = path.join(outDir, "report.html");
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(htmlPath, html);
  return { jsonPath, htmlPath, json };
}
