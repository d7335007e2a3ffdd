// `out/report.html`: one self-contained page (inline CSS and SVG, no scripts, no external assets) with the
// three charts, the summary table, the layer episodes and the keeper's actions.
import { escapeHtml } from "./escapeHtml.js";
import { formatPct, formatUsd } from "./format.js";
import { buildReportJson } from "./reportJson.js";
import type { DemoReport } from "./reportTypes.js";
import { summaryRows } from "./summary.js";
import { renderLineChart, type ChartMarker, type ChartSegment, type LegendEntry } from "./svg.js";

export const CHART_IDS = { vix: "chart-vix-layers", nav: "chart-nav", drawdown: "chart-drawdown" } as const;

const COLORS = { vix: "#34495e", hedged: "#1b7f3b", unhedged: "#c0392b", cash: "#7f8c8d", roll: "#9b9b9b" };
const LAYER_COLORS = ["#2e86de", "#8e44ad", "#e67e22", "#16a085", "#d35400", "#c2185b"];
const layerColor = (layer: number): string =>
  LAYER_COLORS[(((layer - 1) % LAYER_COLORS.length) + LAYER_COLORS.length) % LAYER_COLORS.length]!;

/** Index of the first day on or after `date` (clamped to the last day). */
function dayIndex(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid]! < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const CSS = `
body{margin:0;background:#f6f7f9;color:#222;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{max-width:1000px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:8px 0}
.source{color:#555;margin:0 0 16px}
section{background:#fff;border:1px solid #e2e4e8;border-radius:6px;padding:12px 16px;margin:16px 0}
svg.chart{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.summary td:first-child{color:#444;width:45%}
.note{color:#555;font-size:13px;margin:6px 0 0}
footer{color:#777;font-size:12px;margin:24px 0}
`;

function table(head: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): string {
  const th = head.map((h, i) => `<th${numeric.has(i) ? ' class="num"' : ""}>${escapeHtml(h)}</th>`).join("");
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${numeric.has(i) ? ' class="num"' : ""}>${escapeHtml(c)}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Renders the whole report page. */
export function renderReportHtml(report: DemoReport): string {
  const j = buildReportJson(report);
  const dates = j.market.map((d) => d.date);
  const last = dates.length - 1;

  const segments: ChartSegment[] = [];
  for (const l of report.layers) {
    const from = dayIndex(dates, l.openedOn);
    const end = l.closedOn ?? l.expiry;
    const to = end > dates[last]! ? last : dayIndex(dates, end);
    const life = `layer ${l.layer}, ${l.openedOn} .. ${l.closedOn ?? `expiry ${l.expiry}`}`;
    const color = layerColor(l.layer);
    segments.push({ from, to, y: l.lowerStrike, color, title: `${life}: long ${l.lowerStrike} call` });
    segments.push({
      from,
      to,
      y: l.upperStrike,
      color,
      dash: "5 3",
      title: `${life}: short ${l.upperStrike} call`,
    });
  }
  const layerNumbers = [...new Set(report.layers.map((l) => l.layer))].sort((a, b) => a - b);
  const layerLegend: LegendEntry[] = layerNumbers.map((n) => ({
    name: `Layer ${n} strikes (solid long, dashed short)`,
    color: layerColor(n),
  }));
  const markers: ChartMarker[] = report.actions
    .filter((a) => /roll/i.test(a.action))
    .map((a) => ({ at: dayIndex(dates, a.date), title: `${a.date}: ${a.action} ${a.detail}` }));

  const vixChart = renderLineChart({
    id: CHART_IDS.vix,
    title: "Volatility index and hedge layers",
    dates,
    yLabel: "Volatility index (points)",
    series: [{ name: "Volatility index close", color: COLORS.vix, values: j.market.map((d) => d.vix) }],
    segments,
    markers,
    markerLegend: { name: "Roll", color: COLORS.roll, dash: "3 3" },
    extraLegend: layerLegend,
    includeY: [0],
    formatY: (v) => v.toFixed(0),
  });
  const navChart = renderLineChart({
    id: CHART_IDS.nav,
    title: "Net asset value: hedged vs unhedged condor vs cash",
    dates,
    yLabel: "NAV (USD)",
    series: [
      {
        name: "Hedged (condor + ALVH layers)",
        color: COLORS.hedged,
        values: j.hedged.series.map((p) => p.nav),
      },
      { name: "Unhedged condor", color: COLORS.unhedged, values: j.unhedged.series.map((p) => p.nav) },
      { name: "Cash", color: COLORS.cash, dash: "6 4", values: j.cash.series.map((p) => p.nav) },
    ],
    formatY: (v) => `$${v.toLocaleString("en-US", { maximumFractionDigits: 0 })}`,
  });
  const ddChart = renderLineChart({
    id: CHART_IDS.drawdown,
    title: "Drawdown below the running peak",
    dates,
    yLabel: "Drawdown (%)",
    series: [
      {
        name: "Hedged",
        color: COLORS.hedged,
        area: true,
        values: j.hedged.drawdowns.map((p) => -100 * p.drawdown),
      },
      {
        name: "Unhedged condor",
        color: COLORS.unhedged,
        area: true,
        values: j.unhedged.drawdowns.map((p) => -100 * p.drawdown),
      },
      {
        name: "Cash",
        color: COLORS.cash,
        dash: "6 4",
        values: j.cash.drawdowns.map((p) => -100 * p.drawdown),
      },
    ],
    includeY: [0],
    formatY: (v) => `${v.toFixed(0)} %`,
  });

  const summary = summaryRows(report)
    .map(([l, v]) => `<tr><td>${escapeHtml(l)}</td><td>${escapeHtml(v)}</td></tr>`)
    .join("\n");
  const layersTable =
    report.layers.length === 0
      ? "<p>No layer was opened.</p>"
      : table(
          ["Layer", "Strikes", "Opened", "Expiry", "Closed", "Reason"],
          report.layers.map((l) => [
            String(l.layer),
            `${l.lowerStrike} / ${l.upperStrike}`,
            l.openedOn,
            l.expiry,
            l.closedOn ?? "open at the end",
            l.reason ?? "",
          ]),
          new Set([0]),
        );
  const actionsTable =
    report.actions.length === 0
      ? "<p>The keeper took no action.</p>"
      : table(
          ["Date", "Action", "Layer", "Premium", "Detail"],
          report.actions.map((a) => [
            a.date,
            a.action,
            a.layer === undefined ? "" : String(a.layer),
            a.premium === undefined ? "" : formatUsd(a.premium),
            a.detail,
          ]),
          new Set([2, 3]),
        );
  const title = escapeHtml(j.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p class="source">${escapeHtml(`${j.source} — ${j.firstDate} .. ${j.lastDate}, ${j.dayCount} trading days`)}</p>
<section id="summary">
<h2>Summary</h2>
<table class="summary"><tbody>
${summary}
</tbody></table>
</section>
<section id="vix-layers">
${vixChart}
<p class="note">Each layer is a long call spread on the volatility index: the solid segment is its lower (bought) strike, the dashed one its upper (sold) strike, drawn over the layer's life. Grey dashed verticals mark rolls.</p>
</section>
<section id="nav">
${navChart}
<p class="note">Hedged worst drawdown ${escapeHtml(formatPct(j.hedged.maxDrawdown))}, unhedged ${escapeHtml(formatPct(j.unhedged.maxDrawdown))}, cash ${escapeHtml(formatPct(j.cash.maxDrawdown))}.</p>
</section>
<section id="drawdown">
${ddChart}
</section>
<section id="layers">
<h2>Layer episodes</h2>
${layersTable}
</section>
<section id="actions">
<h2>Keeper actions</h2>
${actionsTable}
</section>
<footer>Written by <code>npm run demo</code>. Every number is also in report.json.</footer>
</main>
</body>
</html>
`;
}
