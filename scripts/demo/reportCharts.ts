// The report's three chart sections: the volatility index with the hedge layers, the NAVs, the drawdowns.
import { escapeHtml } from "./escapeHtml.js";
import { formatDrawdown } from "./format.js";
import type { StrategyJson } from "./reportJson.js";
import { dayIndex, type ReportContext, type ReportSection } from "./reportSection.js";
import { drawdownText, lossBelowStartText } from "./summary.js";
import { renderLineChart, type ChartPoint, type ChartSegment, type LegendEntry } from "./svg.js";

export const CHART_IDS = { vix: "chart-vix-layers", nav: "chart-nav", drawdown: "chart-drawdown" } as const;

export const COLORS = {
  vix: "#34495e",
  hedged: "#1b7f3b",
  unhedged: "#c0392b",
  cash: "#7f8c8d",
  roll: "#9b9b9b",
  monetise: "#e67e22",
};
const LAYER_COLORS = ["#2e86de", "#8e44ad", "#16a085", "#2c3e50", "#c2185b", "#6d4c41"];
const layerColor = (layer: number): string =>
  LAYER_COLORS[(((layer - 1) % LAYER_COLORS.length) + LAYER_COLORS.length) % LAYER_COLORS.length]!;

/** Action names drawn as monetisations (the hedge paid out) and as ordinary rolls. */
export const isMonetisation = (action: string): boolean => /monetis/i.test(action);
export const isRoll = (action: string): boolean => /roll/i.test(action) && !isMonetisation(action);

/** The volatility index with each layer's strikes over its life, roll dates and monetisations. */
export function vixSection({ report, json, dates }: ReportContext): ReportSection {
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
  const markersOf = (keep: (action: string) => boolean) =>
    report.actions
      .filter((a) => keep(a.action))
      .map((a) => ({ at: dayIndex(dates, a.date), title: `${a.date}: ${a.action} ${a.detail}` }));
  const synthetic = json.syntheticMarket ? " (synthetic scenario)" : "";
  const chart = renderLineChart({
    id: CHART_IDS.vix,
    title: `Volatility index${synthetic} and hedge layers`,
    dates,
    yLabel: "Volatility index (points)",
    series: [{ name: "Volatility index close", color: COLORS.vix, values: json.market.map((d) => d.vix) }],
    segments,
    markerGroups: [
      { legend: { name: "Roll", color: COLORS.roll, dash: "3 3" }, markers: markersOf(isRoll) },
      {
        legend: { name: "Monetisation (the hedge paid)", color: COLORS.monetise },
        markers: markersOf(isMonetisation),
        width: 2,
      },
    ],
    extraLegend: layerLegend,
    includeY: [0],
    formatY: (v) => v.toFixed(0),
  });
  return {
    id: "vix-layers",
    html:
      `${chart}\n<p class="note">Each layer is a long call spread on the volatility index: the solid segment is ` +
      "its lower (bought) strike, the dashed one its upper (sold) strike, drawn over the layer's life. Grey dashed " +
      "verticals mark ordinary rolls (an old layer sold and a new one bought further out); solid orange verticals " +
      "mark monetisations (a layer deep in the money sold for its gain and re-struck higher).</p>",
  };
}

/** Peak and trough of a strategy's worst drawdown, as labelled points on the NAV chart. */
function drawdownPoints(
  name: string,
  s: StrategyJson,
  color: string,
  dates: readonly string[],
): ChartPoint[] {
  if (s.maxDrawdown <= 0) return [];
  const peak = dayIndex(dates, s.maxDrawdownPeakDate);
  const trough = dayIndex(dates, s.maxDrawdownTroughDate);
  return [
    { at: peak, y: s.series[peak]!.nav, color, label: `${name} peak ${s.maxDrawdownPeakDate}` },
    {
      at: trough,
      y: s.series[trough]!.nav,
      color,
      label: `${name} trough ${s.maxDrawdownTroughDate} (${formatDrawdown(s.maxDrawdown)})`,
    },
  ];
}

/** The three NAV paths, with the peak and trough of the hedged and unhedged worst drawdowns. */
export function navSection({ json, dates }: ReportContext): ReportSection {
  const chart = renderLineChart({
    id: CHART_IDS.nav,
    title: "Net asset value: hedged vs unhedged condor vs cash",
    dates,
    yLabel: "NAV (USD)",
    series: [
      {
        name: "Hedged (condor + ALVH layers)",
        color: COLORS.hedged,
        values: json.hedged.series.map((p) => p.nav),
      },
      { name: "Unhedged condor", color: COLORS.unhedged, values: json.unhedged.series.map((p) => p.nav) },
      { name: "Cash", color: COLORS.cash, dash: "6 4", values: json.cash.series.map((p) => p.nav) },
    ],
    points: [
      ...drawdownPoints("hedged", json.hedged, COLORS.hedged, dates),
      ...drawdownPoints("unhedged", json.unhedged, COLORS.unhedged, dates),
    ],
    formatY: (v) => `$${v.toLocaleString("en-US", { maximumFractionDigits: 0 })}`,
  });
  const line = (name: string, s: StrategyJson): string => `${name} ${drawdownText(s)}`;
  return {
    id: "nav",
    html:
      `${chart}\n<p class="note">Worst drawdowns from a running peak: ${escapeHtml(
        [line("hedged", json.hedged), line("unhedged", json.unhedged), line("cash", json.cash)].join("; "),
      )}. The circles mark each peak and trough. A peak may be a gain given back later (a layer's payoff ` +
      `marked at its top), so this is not the capital lost; worst fall below the start: ${escapeHtml(
        `hedged ${lossBelowStartText(json.hedged)}; unhedged ${lossBelowStartText(json.unhedged)}`,
      )}.</p>`,
  };
}

/** How far each portfolio sits below its running peak, day by day. */
export function drawdownSection({ json, dates }: ReportContext): ReportSection {
  const chart = renderLineChart({
    id: CHART_IDS.drawdown,
    title: "Drawdown below the running peak",
    dates,
    yLabel: "Drawdown (%)",
    series: [
      {
        name: "Hedged",
        color: COLORS.hedged,
        area: true,
        values: json.hedged.drawdowns.map((p) => -100 * p.drawdown),
      },
      {
        name: "Unhedged condor",
        color: COLORS.unhedged,
        area: true,
        values: json.unhedged.drawdowns.map((p) => -100 * p.drawdown),
      },
      {
        name: "Cash",
        color: COLORS.cash,
        dash: "6 4",
        values: json.cash.drawdowns.map((p) => -100 * p.drawdown),
      },
    ],
    includeY: [0],
    formatY: (v) => `${v.toFixed(0)} %`,
  });
  return {
    id: "drawdown",
    html:
      `${chart}\n<p class="note">Each portfolio's distance below its own running peak: gains made and given ` +
      "back count as much as losses of the money put in. The fall below the start (summary) counts only the " +
      "latter.</p>",
  };
}
