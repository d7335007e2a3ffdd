// The report page is a list of sections, one per concern (summary, each chart, each table). A new concern
// (e.g. a P&L section) is one more builder in REPORT_SECTIONS (scripts/demo/reportHtml.ts); each builder
// gets the run and its report.json and returns its own <section>.
import { escapeHtml } from "./escapeHtml.js";
import type { ReportJson } from "./reportJson.js";
import type { DemoReport } from "./reportTypes.js";

/** What every section builder gets: the run as the demo recorded it and its report.json. */
export interface ReportContext {
  report: DemoReport;
  json: ReportJson;
  /** One `YYYY-MM-DD` per replayed day (chart x axis). */
  dates: readonly string[];
}

/** One section of the page: its element id and its inner HTML (escaped by the builder). */
export interface ReportSection {
  id: string;
  html: string;
}

export type ReportSectionBuilder = (ctx: ReportContext) => ReportSection;

/** Index of the first day on or after `date` (clamped to the last day). */
export function dayIndex(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid]! < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A table: `numeric` holds the indices of right-aligned (number) columns; every cell is escaped. */
export function htmlTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: ReadonlySet<number> = new Set(),
  caption?: string,
  className?: string,
): string {
  const th = head.map((h, i) => `<th${numeric.has(i) ? ' class="num"' : ""}>${escapeHtml(h)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numeric.has(i) ? ' class="num"' : ""}>${escapeHtml(c)}</td>`).join("")}</tr>`,
    )
    .join("\n");
  const cap = caption === undefined ? "" : `<caption>${escapeHtml(caption)}</caption>`;
  const cls = className === undefined ? "" : ` class="${escapeHtml(className)}"`;
  return `<table${cls}>${cap}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
