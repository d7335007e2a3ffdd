// `out/report.json`: every number of the run, in a stable shape for scripts and the README.
import { drawdownSeries, maxDrawdown } from "./drawdown.js";
import { STRATEGIES, type DemoReport, type Strategy } from "./reportTypes.js";
import { validateReport } from "./validateReport.js";

/** One portfolio's path and risk figures. */
export interface StrategyJson {
  series: { date: string; nav: number }[];
  /** Daily drawdown below the running peak, fraction. */
  drawdowns: { date: string; drawdown: number }[];
  /** Worst peak-to-trough fall, fraction of the peak (0.25 = -25 %). */
  maxDrawdown: number;
  maxDrawdownPeakDate: string;
  maxDrawdownTroughDate: string;
  startNav: number;
  endNav: number;
  /** `endNav / startNav - 1`. */
  totalReturn: number;
}

/**
 * Option premium cash flows of the hedged vault, dollars. Sign convention: every field is a positive amount
 * except `layerNet` and `net`, which are received minus paid (positive = money into the vault). They count
 * premiums only: condor buy-backs and settlement payoffs at expiry are not in them (the NAV includes both).
 */
export interface PremiumsJson {
  /** Premium paid for layers, gross. */
  layerPremiumPaid: number;
  /** What selling old layers returned when they were rolled or monetised. */
  layerCloseProceeds: number;
  /** `layerCloseProceeds - layerPremiumPaid`: positive when the layers returned more than they cost. */
  layerNet: number;
  /** Premium received for the condor's spreads. */
  condorPremiumEarned: number;
  /** `condorPremiumEarned + layerNet`: the vault's net option premium. */
  net: number;
}

/** The shape of `report.json` (version 2: premiums with close proceeds, the market kind, warning counts). */
export type ReportJson = {
  version: 2;
  title: string;
  source: string;
  firstDate: string;
  lastDate: string;
  dayCount: number;
  market: { date: string; vix: number; spx: number }[];
  layers: {
    layer: number;
    lowerStrike: number;
    upperStrike: number;
    openedOn: string;
    expiry: string;
    closedOn: string | null;
    reason: string | null;
  }[];
  keeperActions: {
    date: string;
    action: string;
    layer: number | null;
    premium: number | null;
    detail: string;
  }[];
  premiums: PremiumsJson;
  /** True when the market was generated: its dates are placeholders and its events synthetic. */
  syntheticMarket: boolean;
  /** Keeper warnings: actions refused, deferred, scaled or skipped, and signal warm-up notices (null: not counted). */
  keeperWarnings: { actions: number; warmUp: number } | null;
  flashFeesEarned: number;
  rolls: number;
  eventsCovered: number;
  transactions: number;
  elapsedSeconds: number;
} & Record<Strategy, StrategyJson>;

export const DEFAULT_REPORT_TITLE = "ALVH demo report";

/** The premium totals with their nets (see {@link PremiumsJson} for the signs). */
export function premiumsJson(p: DemoReport["premiums"]): PremiumsJson {
  const layerNet = p.layerCloseProceeds - p.layerPremiumPaid;
  return {
    layerPremiumPaid: p.layerPremiumPaid,
    layerCloseProceeds: p.layerCloseProceeds,
    layerNet,
    condorPremiumEarned: p.condorPremiumEarned,
    net: p.condorPremiumEarned + layerNet,
  };
}

/** Builds the content of `report.json` from a run (validated first). */
export function buildReportJson(report: DemoReport): ReportJson {
  validateReport(report);
  const { days } = report;
  const strategy = (s: Strategy): StrategyJson => {
    const navs = days.map((d) => d.nav[s]);
    const dd = drawdownSeries(navs);
    const worst = maxDrawdown(navs);
    const start = navs[0]!;
    const end = navs[navs.length - 1]!;
    return {
      series: days.map((d) => ({ date: d.date, nav: d.nav[s] })),
      drawdowns: days.map((d, i) => ({ date: d.date, drawdown: dd[i]! })),
      maxDrawdown: worst.maxDrawdown,
      maxDrawdownPeakDate: days[worst.peak]!.date,
      maxDrawdownTroughDate: days[worst.trough]!.date,
      startNav: start,
      endNav: end,
      totalReturn: start > 0 ? end / start - 1 : 0,
    };
  };
  const [hedged, unhedged, cash] = STRATEGIES.map(strategy) as [StrategyJson, StrategyJson, StrategyJson];
  return {
    version: 2,
    title: report.title ?? DEFAULT_REPORT_TITLE,
    source: report.source,
    firstDate: days[0]!.date,
    lastDate: days[days.length - 1]!.date,
    dayCount: days.length,
    hedged,
    unhedged,
    cash,
    market: days.map((d) => ({ date: d.date, vix: d.vix, spx: d.spx })),
    layers: report.layers.map((l) => ({
      layer: l.layer,
      lowerStrike: l.lowerStrike,
      upperStrike: l.upperStrike,
      openedOn: l.openedOn,
      expiry: l.expiry,
      closedOn: l.closedOn ?? null,
      reason: l.reason ?? null,
    })),
    keeperActions: report.actions.map((a) => ({
      date: a.date,
      action: a.action,
      layer: a.layer ?? null,
      premium: a.premium ?? null,
      detail: a.detail,
    })),
    premiums: premiumsJson(report.premiums),
    syntheticMarket: report.syntheticMarket ?? false,
    keeperWarnings: report.keeperWarnings ?? null,
    flashFeesEarned: report.flashFeesEarned,
    rolls: report.rolls,
    eventsCovered: report.eventsCovered,
    transactions: report.transactions,
    elapsedSeconds: report.elapsedSeconds,
  };
}
