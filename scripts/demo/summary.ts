// The run's headline figures, as label/value rows (shared by the terminal table and the HTML page).
import { formatPct, formatUsd } from "./format.js";
import { buildReportJson } from "./reportJson.js";
import type { DemoReport } from "./reportTypes.js";

/** Label/value rows of the summary table. */
export function summaryRows(report: DemoReport): [string, string][] {
  const j = buildReportJson(report);
  const { layerPremiumPaid, condorPremiumEarned } = j.premiums;
  const share =
    condorPremiumEarned > 0 ? ` (${formatPct(layerPremiumPaid / condorPremiumEarned)} of earned)` : "";
  return [
    ["Market", `${j.source}: ${j.firstDate} .. ${j.lastDate}, ${j.dayCount} days`],
    ["Layer rolls", String(j.rolls)],
    ["Macro events covered", String(j.eventsCovered)],
    ["Layer premium paid", `${formatUsd(layerPremiumPaid)}${share}`],
    ["Condor premium earned", formatUsd(condorPremiumEarned)],
    ["Flash fees earned by the reserve", formatUsd(j.flashFeesEarned)],
    ["Worst drawdown, hedged", formatPct(j.hedged.maxDrawdown)],
    ["Worst drawdown, unhedged condor", formatPct(j.unhedged.maxDrawdown)],
    ["Worst drawdown, cash", formatPct(j.cash.maxDrawdown)],
    [
      "Final NAV hedged / unhedged / cash",
      [j.hedged, j.unhedged, j.cash].map((s) => formatUsd(s.endNav)).join(" / "),
    ],
    ["Transactions sent", j.transactions.toLocaleString("en-US")],
    ["Time", `${j.elapsedSeconds.toFixed(1)} s`],
  ];
}

/** The summary as a boxed plain-text table for the terminal. */
export function formatSummaryTable(report: DemoReport): string {
  const rows = summaryRows(report);
  const w0 = Math.max(...rows.map(([l]) => l.length));
  const w1 = Math.max(...rows.map(([, v]) => v.length));
  const rule = `+${"-".repeat(w0 + 2)}+${"-".repeat(w1 + 2)}+`;
  const lines = rows.map(([l, v]) => `| ${l.padEnd(w0)} | ${v.padEnd(w1)} |`);
  return [rule, ...lines, rule].join("\n");
}
