// `out/report.html`: one self-contained page (inline CSS and SVG, no scripts, no external assets) made of
// sections, one per concern: the summary, the three charts, who paid whom (P&L lines, their reconciliation,
// the years), the volatility spikes, the layer episodes and the keeper's actions.
// To add a concern, write a ReportSectionBuilder and add it to REPORT_SECTIONS.
import { escapeHtml } from "./escapeHtml.js";
import { formatSignedUsd } from "./format.js";
import { drawdownSection, navSection, vixSection } from "./reportCharts.js";
import { buildReportJson } from "./reportJson.js";
import { eventsSection, pnlSection } from "./reportPnl.js";
import {
  htmlTable,
  type ReportContext,
  type ReportSection,
  type ReportSectionBuilder,
} from "./reportSection.js";
import type { DemoReport } from "./reportTypes.js";
import { summaryRows } from "./summary.js";

export { CHART_IDS } from "./reportCharts.js";

/** The events of the generated scenario, named as what they are (see scripts/demo/scenario.ts). */
export const SYNTHETIC_MARKET_NOTE =
  "Synthetic market: a generated scenario, not history. Its dates are placeholders and its events (a synthetic " +
  "2018-style one-day spike, a synthetic 2020-style crash to 82.69, a synthetic 2024-style spike) are modelled " +
  "on real episodes but happen on made-up days; the macro calendar (FOMC, CPI, PPI) is synthetic too.";

const CSS = `
body{margin:0;background:#f6f7f9;color:#222;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{max-width:1000px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:8px 0}
.source{color:#555;margin:0 0 16px}
.synthetic{background:#fff7e0;border:1px solid #f0c36d;border-radius:6px;padding:8px 12px;margin:0 0 16px}
section{background:#fff;border:1px solid #e2e4e8;border-radius:6px;padding:12px 16px;margin:16px 0;overflow-x:auto}
svg.chart{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
caption{text-align:left;color:#444;font-size:13px;padding:0 0 8px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.summary td:first-child{color:#444;width:40%}
.note{color:#555;font-size:13px;margin:6px 0 0}
footer{color:#777;font-size:12px;margin:24px 0}
`;

/** The headline figures. */
export function summarySection({ report }: ReportContext): ReportSection {
  const rows = summaryRows(report)
    .map(([l, v]) => `<tr><td>${escapeHtml(l)}</td><td>${escapeHtml(v)}</td></tr>`)
    .join("\n");
  return {
    id: "summary",
    html:
      `<h2>Summary</h2>\n<table class="summary"><tbody>\n${rows}\n</tbody></table>\n` +
      '<p class="note">Premiums are the option premiums the hedged vault paid and received; signed figures are ' +
      "received minus paid (+ means money into the vault). Payoffs of layers and condor legs that expired and " +
      'settled, and condor buy-backs, are not premiums: the section "Who paid whom" has every line, for both ' +
      "vaults and the pool's LPs. A drawdown from a peak counts gains given back (e.g. a layer's payoff marked " +
      "at its top and sold lower) as well as losses; the fall below the start counts only capital lost.</p>",
  };
}

/** Every layer's life: strikes, dates and why it ended. */
export function layersSection({ report }: ReportContext): ReportSection {
  const body =
    report.layers.length === 0
      ? "<p>No layer was opened.</p>"
      : htmlTable(
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
          "One row per layer life. Strikes are volatility-index points: the long (bought) call / the short (sold) call.",
        );
  return { id: "layers", html: `<h2>Layer episodes</h2>\n${body}` };
}

/** Every action on the hedged vault, with its premium as a signed cash flow. */
export function actionsSection({ report }: ReportContext): ReportSection {
  const body =
    report.actions.length === 0
      ? "<p>The keeper took no action.</p>"
      : htmlTable(
          ["Date", "Action", "Layer", "Premium", "Detail"],
          report.actions.map((a) => [
            a.date,
            a.action,
            a.layer === undefined ? "" : String(a.layer),
            a.premium === undefined ? "" : formatSignedUsd(-a.premium),
            a.detail,
          ]),
          new Set([2, 3]),
          `${report.actions.length} actions on the hedged vault, in date order. Premium is the option premium of ` +
            "the action as a cash flow of the vault: + received (a condor spread sold), - paid (a layer bought). " +
            'What the old layer sold for on a roll is in the detail; "posting" is the collateral the vault ' +
            "locked in the pool for a sold spread (its maximum loss), released when the spread expires or is " +
            "closed. Amounts are USDC (dollars).",
        );
  return { id: "actions", html: `<h2>Keeper actions</h2>\n${body}` };
}

/** The page's sections, top to bottom. */
export const REPORT_SECTIONS: readonly ReportSectionBuilder[] = [
  summarySection,
  vixSection,
  navSection,
  drawdownSection,
  pnlSection,
  eventsSection,
  layersSection,
  actionsSection,
];

/** A self-contained page: inline CSS, no scripts, no external assets. */
export function renderPage(page: {
  title: string;
  subtitle: string;
  /** A highlighted note under the subtitle (e.g. the synthetic-market warning), escaped. */
  banner?: string | undefined;
  /** The sections, already HTML. */
  body: string;
  /** The footer, HTML. */
  footer: string;
}): string {
  const title = escapeHtml(page.title);
  const banner = page.banner === undefined ? "" : `<p class="synthetic">${escapeHtml(page.banner)}</p>\n`;
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
<p class="source">${escapeHtml(page.subtitle)}</p>
${banner}${page.body}
<footer>${page.footer}</footer>
</main>
</body>
</html>
`;
}

/** Renders the whole report page. */
export function renderReportHtml(
  report: DemoReport,
  sections: readonly ReportSectionBuilder[] = REPORT_SECTIONS,
): string {
  const json = buildReportJson(report);
  const ctx: ReportContext = { report, json, dates: json.market.map((d) => d.date) };
  const body = sections
    .map((build) => build(ctx))
    .map((s) => `<section id="${escapeHtml(s.id)}">\n${s.html}\n</section>`)
    .join("\n");
  return renderPage({
    title: json.title,
    subtitle: `${json.source} — ${json.firstDate} .. ${json.lastDate}, ${json.dayCount} trading days`,
    banner: json.syntheticMarket ? SYNTHETIC_MARKET_NOTE : undefined,
    body,
    footer: "Written by <code>npm run demo</code>. Every number is also in report.json.",
  });
}
