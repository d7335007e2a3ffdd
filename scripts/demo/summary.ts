// The run's headline figures, as label/value rows (shared by the terminal table and the HTML page).
import {
  formatDrawdown,
  formatPct,
  formatSignedPct,
  formatSignedUsd,
  formatUsd,
  wrapText,
} from "./format.js";
import { buildReportJson, type ReportJson, type StrategyJson } from "./reportJson.js";
import type { DemoReport } from "./reportTypes.js";

/** `-8.0 % (peak 2023-02-01, trough 2023-03-15)`, or `none` for a path that never fell. */
export function drawdownText(s: StrategyJson): string {
  if (s.maxDrawdown <= 0) return "none (never below its running peak)";
  return `${formatDrawdown(s.maxDrawdown)} (peak ${s.maxDrawdownPeakDate}, trough ${s.maxDrawdownTroughDate})`;
}

/** `-3.1 % on 2023-03-15`, or `none` for a path that never closed below its start. */
export function lossBelowStartText(s: StrategyJson): string {
  if (s.maxLossBelowStartDate === null) return "none";
  return `${formatDrawdown(s.maxLossBelowStart)} on ${s.maxLossBelowStartDate}`;
}

/** The most negative event loss of `party` over the run's spikes (0 without a spike), dollars. */
export function worstEvent(j: Pick<ReportJson, "events">, party: "hedged" | "unhedged" | "poolLps"): number {
  return Math.min(0, ...j.events.map((e) => e.losses[party].loss));
}

/** Label/value rows of the summary table. */
export function summaryRows(report: DemoReport): [string, string][] {
  const j = buildReportJson(report);
  const p = j.premiums;
  const share =
    p.condorPremiumEarned > 0
      ? ` (${formatPct(p.layerPremiumPaid / p.condorPremiumEarned)} of the condor premium)`
      : "";
  const monetisations = report.actions.filter((a) => /monetis/i.test(a.action)).length;
  const nav = (s: StrategyJson): string => `${formatUsd(s.endNav)} (${formatSignedPct(s.totalReturn)})`;
  const rows: [string, string][] = [
    [
      "Market",
      `${j.source}: ${j.firstDate} .. ${j.lastDate}, ${j.dayCount} trading days` +
        (j.syntheticMarket ? " (SYNTHETIC: placeholder dates, generated events)" : ""),
    ],
    [
      "Layer rolls",
      `${j.rolls}${monetisations > 0 ? `, of which ${monetisations} monetisations (the hedge paid)` : ""}`,
    ],
    ["Macro events covered", `${j.eventsCovered}${j.syntheticMarket ? " (synthetic calendar)" : ""}`],
    ["Condor premium received", formatUsd(p.condorPremiumEarned)],
    ["Layer premium paid (gross)", `${formatUsd(p.layerPremiumPaid)}${share}`],
    ["Layer close proceeds (old layers sold on rolls)", formatUsd(p.layerCloseProceeds)],
    ["Layers, net (proceeds - premium)", formatSignedUsd(p.layerNet)],
    ["Net option premium (condor + layers)", formatSignedUsd(p.net)],
    ["Flash fees earned by the reserve", formatUsd(j.flashFeesEarned)],
    [
      "Net realised P&L hedged / unhedged / pool LPs",
      [j.pnl.hedged, j.pnl.unhedged, j.pnl.poolLps].map((l) => formatSignedUsd(l.net)).join(" / ") +
        " (see Who paid whom)",
    ],
    [
      "Volatility spikes",
      j.events.length === 0
        ? "none in this window"
        : `${j.events.length}; worst event loss hedged / unhedged: ` +
          [worstEvent(j, "hedged"), worstEvent(j, "unhedged")].map(formatSignedUsd).join(" / "),
    ],
    [
      "Worst fall below the start hedged / unhedged",
      `${lossBelowStartText(j.hedged)} / ${lossBelowStartText(j.unhedged)} (capital lost)`,
    ],
    ["Worst drawdown from a peak, hedged", drawdownText(j.hedged)],
    ["Worst drawdown from a peak, unhedged condor", drawdownText(j.unhedged)],
    ["Worst drawdown from a peak, cash", drawdownText(j.cash)],
    ["Final NAV hedged / unhedged / cash", [j.hedged, j.unhedged, j.cash].map(nav).join(" / ")],
  ];
  if (j.keeperWarnings !== null) {
    const w = j.keeperWarnings;
    rows.push([
      "Keeper warnings",
      `${w.actions} about actions (refused, deferred, scaled or skipped); ` +
        `${w.warmUp} signal warm-up notices (RSI/MACD before enough history)`,
    ]);
  }
  rows.push(["Transactions sent", j.transactions.toLocaleString("en-US")]);
  rows.push(["Time", `${j.elapsedSeconds.toFixed(1)} s`]);
  return rows;
}

/** The summary as a boxed plain-text table for the terminal; values wider than `maxValueWidth` wrap at spaces. */
export function formatSummaryTable(report: DemoReport, maxValueWidth = 72): string {
  const rows = summaryRows(report);
  const w0 = Math.max(...rows.map(([l]) => l.length));
  const wrapped = rows.map(([l, v]): [string, string[]] => [l, wrapText(v, maxValueWidth)]);
  const w1 = Math.max(...wrapped.flatMap(([, v]) => v.map((line) => line.length)));
  const rule = `+${"-".repeat(w0 + 2)}+${"-".repeat(w1 + 2)}+`;
  const lines = wrapped.flatMap(([l, v]) =>
    v.map((line, i) => `| ${(i === 0 ? l : "").padEnd(w0)} | ${line.padEnd(w1)} |`),
  );
  return [rule, ...lines, rule].join("\n");
}
