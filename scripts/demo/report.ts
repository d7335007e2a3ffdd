// Writes the demo's report: `report.json` (every number) and `report.html` (charts, no external assets).
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
