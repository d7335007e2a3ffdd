// `out/frontier.html`: the policy frontier as one self-contained page (the report's page and chart code): a
// scatter of each policy's yearly net hedge cost against its worst event loss, the unhedged condor as the
// reference point, the default policy marked, the efficient policies joined; then a table of every policy.
import { escapeHtml } from "../demo/escapeHtml.js";
import { formatPct, formatSignedPct } from "../demo/format.js";
import { SYNTHETIC_MARKET_NOTE, renderPage } from "../demo/reportHtml.js";
import { htmlTable } from "../demo/reportSection.js";
import { spikeRuleText } from "../demo/spikes.js";
import { renderScatterChart, type ScatterPoint } from "../demo/svg.js";
import type { FrontierJson, FrontierPoint } from "./frontier.js";

export const FRONTIER_CHART_ID = "chart-frontier";

const COLORS = { policy: "#2e86de", default: "#1b7f3b", reference: "#c0392b", efficient: "#e67e22" };

/** The label of a point on the chart: its row number in the table ("U": the unhedged condor). */
export function pointLabel(p: FrontierPoint, index: number): string {
  if (p.isReference) return "U (unhedged)";
  return p.isDefault ? `${index + 1} (default)` : String(index + 1);
}

const yesNo = (ok: boolean): string => (ok ? "yes" : "no");

/** Renders the frontier page. */
export function renderFrontierHtml(json: FrontierJson): string {
  const drawn = json.points.map((p, i) => ({ p, i })).filter(({ p }) => p.error === null);
  const points: ScatterPoint[] = drawn.map(({ p, i }) => ({
    x: 100 * p.annualNetHedgeCostPct,
    y: 100 * p.worstEventLossPct,
    color: p.isReference ? COLORS.reference : p.isDefault ? COLORS.default : COLORS.policy,
    shape: p.isReference ? "square" : p.isDefault ? "diamond" : "circle",
    size: p.isDefault || p.isReference ? 6 : 5,
    label: pointLabel(p, i),
    title:
      `${p.name}: net hedge cost ${formatPct(p.annualNetHedgeCostPct, 2)} of NAV a year, worst event loss ` +
      `${formatSignedPct(p.worstEventLossPct, 2)}`,
  }));
  const efficient = json.efficient
    .map((name) => json.points.find((p) => p.name === name)!)
    .map((p) => ({ x: 100 * p.annualNetHedgeCostPct, y: 100 * p.worstEventLossPct }));
  const chart = renderScatterChart({
    id: FRONTIER_CHART_ID,
    title: "Yearly net hedge cost against worst event loss",
    xLabel: "Net hedge cost per year (% of the starting NAV)",
    yLabel: "Worst event loss (% of NAV)",
    points,
    line: {
      points: efficient,
      legend: { name: "Efficient policies (none cheaper and safer)", color: COLORS.efficient, dash: "6 4" },
    },
    legend: [
      { name: "Policy (number = row below)", color: COLORS.policy },
      { name: "Default policy", color: COLORS.default },
      { name: "Unhedged condor (reference)", color: COLORS.reference },
    ],
    includeX: [0],
    includeY: [0],
    formatX: (v) => `${v.toFixed(1)} %`,
    formatY: (v) => `${v.toFixed(1)} %`,
  });

  const number = (p: FrontierPoint, i: number): string => (p.isReference ? "U" : String(i + 1));
  const table = htmlTable(
    [
      "#",
      "Policy",
      "What changes",
      "Net hedge cost / year",
      "Worst event loss",
      "Targets: events / cash press",
      "Final NAV",
    ],
    json.points.map((p, i) => [
      number(p, i),
      `${p.name}${p.isDefault && p.name !== "default" ? " (default)" : ""}${
        p.name === json.closestToTargets ? " (closest to the targets)" : ""
      }`,
      p.error === null ? p.detail : `FAILED: ${p.error}`,
      formatPct(p.annualNetHedgeCostPct, 2),
      formatSignedPct(p.worstEventLossPct, 2),
      p.isReference
        ? "reference"
        : `${yesNo(p.targets.eventLossAtMostHalfUnhedged)} / ${yesNo(p.targets.layerCostWithinCondorIncome)}`,
      `$${Math.round(p.endNav).toLocaleString("en-US")}`,
    ]),
    new Set([3, 4, 6]),
    "One row per policy, each replayed on its own fresh chain. Net hedge cost per year: layer premium paid " +
      "minus what the layers returned (closes, monetisations, settlement payoffs) minus the bid of layers " +
      "still held at the end, per replayed year (trading days / 252), as a share of the NAV before the replay. " +
      "Worst event loss: the most negative of the spikes' event losses below. Targets (issue 13): in every " +
      "spike an event loss at most half the unhedged condor's; in every calendar year a layer net cost at " +
      "most the condor's net income.",
    "frontier",
  );
  const events = htmlTable(
    ["#", ...json.spikes.map((s) => `${s.start} (${s.startVix} -> ${s.peakVix})`)],
    json.points.map((p, i) => [
      number(p, i),
      ...json.spikes.map((_, k) => {
        const e = p.events[k];
        if (e === undefined) return "";
        const ratio =
          e.ratioToUnhedged === null || p.isReference ? "" : ` (${e.ratioToUnhedged.toFixed(2)}x)`;
        return `${formatSignedPct(e.fraction, 2)}${ratio}`;
      }),
    ]),
    new Set(json.spikes.map((_, k) => k + 1)),
    "Event loss per spike (column: the close before the spike, the volatility index from there to its peak): " +
      "the lowest NAV in the 30 trading days after that close minus the NAV at it, as a share of it; in " +
      "brackets, as a multiple of the unhedged condor's loss in the same spike (below 0.5 meets the target).",
    "events",
  );
  const yearNames = [...new Set(json.points.flatMap((p) => p.years.map((y) => y.year)))].sort();
  const years = htmlTable(
    ["#", ...yearNames],
    json.points.map((p, i) => [
      number(p, i),
      ...yearNames.map((name) => {
        const y = p.years.find((v) => v.year === name);
        return y === undefined
          ? ""
          : `${formatPct(y.layerNetCostPct, 1)} / ${formatPct(y.condorNetIncomePct, 1)}`;
      }),
    ]),
    new Set(yearNames.map((_, k) => k + 1)),
    "Per calendar year, as shares of the NAV before the replay: the layers' net cost (premium paid minus " +
      "closes, monetisations and payoffs; negative: they returned more) / the condor's net income (premium " +
      "received minus buy-backs and settlement losses). The cash-press target holds when the first is at most " +
      "the second.",
    "years",
  );
  const failed = json.points.filter((p) => p.error !== null);
  const run = json.run;
  const notes = [
    `Spikes: ${spikeRuleText(json.spikeRule)}; ${json.spikes.length} in this window${
      json.spikes.length === 0
        ? ""
        : ` (${json.spikes.map((s) => `${s.start}: ${s.startVix} -> ${s.peakVix}`).join(", ")})`
    }.`,
    `Efficient policies, cheapest first: ${json.efficient.join("; ") || "none"}.`,
    `Closest to the targets (both met, or the smallest sum of the two shortfalls): ${json.closestToTargets ?? "none"}.`,
    `Run: ${json.points.length} replays in ${run.workers} worker processes, ${run.elapsedSeconds.toFixed(0)} s on ${
      run.cpus
    } CPUs, load average ${run.loadAverageStart.map((l) => l.toFixed(1)).join(" ")} at the start, ${run.loadAverageEnd
      .map((l) => l.toFixed(1))
      .join(" ")} at the end.`,
    ...(failed.length === 0 ? [] : [`FAILED: ${failed.map((p) => `${p.name}: ${p.error}`).join("; ")}`]),
  ];
  const body =
    `<section id="frontier-chart">\n${chart}\n${notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n")}\n</section>\n` +
    `<section id="frontier-table">\n<h2>Policies</h2>\n${table}\n</section>\n` +
    `<section id="frontier-events">\n<h2>Event loss by spike</h2>\n${events}\n</section>\n` +
    `<section id="frontier-years">\n<h2>Layer cost and condor income by year</h2>\n${years}\n</section>`;
  return renderPage({
    title: json.title,
    subtitle: `${json.source} — ${json.firstDate} .. ${json.lastDate}, ${json.dayCount} trading days, grid ${json.gridMode}`,
    banner: json.syntheticMarket ? SYNTHETIC_MARKET_NOTE : undefined,
    body,
    footer: "Written by <code>npm run backtest</code>. Every number is also in frontier.json.",
  });
}
