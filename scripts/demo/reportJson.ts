// `out/report.json`: every number of the run, in a stable shape for scripts and the README.
import { drawdownSeries, maxDrawdown, maxLossBelowStart } from "./drawdown.js";
import { PNL_PARTIES, type PnlJson, type PnlParty } from "./pnl.js";
import { STRATEGIES, type DemoReport, type ReportDay, type Strategy } from "./reportTypes.js";
import { DEFAULT_SPIKE_RULE, eventLoss, findSpikes, type SpikeRule } from "./spikes.js";
import { validateReport } from "./validateReport.js";

/** One portfolio's path and risk figures. */
export interface StrategyJson {
  series: { date: string; nav: number }[];
  /** Daily drawdown below the running peak, fraction. */
  drawdowns: { date: string; drawdown: number }[];
  /**
   * Worst peak-to-trough fall, fraction of the peak (0.25 = -25 %). The peak may be a gain (e.g. a hedge's
   * payoff marked at its top), so this mixes gains given back with losses of capital: see `maxLossBelowStart`.
   */
  maxDrawdown: number;
  maxDrawdownPeakDate: string;
  maxDrawdownTroughDate: string;
  /**
   * Worst fall below the starting NAV, fraction of it (0.05 = 5 % of the capital lost at the lowest close; 0
   * when it never closed below the start). The replay makes no deposits or withdrawals, so the start needs
   * no cash adjustment.
   */
  maxLossBelowStart: number;
  /** Date of that lowest close, or null when it never closed below the start. */
  maxLossBelowStartDate: string | null;
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

/** One volatility spike (./spikes.ts) and each party's event loss in it. */
export interface SpikeEventJson {
  /** The close before the spike (the base of the rise), `YYYY-MM-DD`. */
  start: string;
  /** The highest close of the spike. */
  peak: string;
  /** The last close that met the rule. */
  end: string;
  startVix: number;
  peakVix: number;
  /** The last day of the loss window and its length in trading days (fewer than the rule's at the end of a run). */
  lossWindowEnd: string;
  lossWindowDays: number;
  /** Per party: lowest value in the loss window minus the value at `start` (dollars, negative: a loss). */
  losses: Record<PnlParty, { loss: number; fraction: number; lowestOn: string }>;
}

/**
 * The shape of `report.json`. Version 3 added `pnl` (who paid whom), `events` and `eventRule` (volatility
 * spikes), `poolLps` (the pool LPs' value path) and `maxLossBelowStart` per portfolio; version 2 premiums
 * with close proceeds, the market kind, warning counts.
 */
export type ReportJson = {
  version: 3;
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
  /** The option pool's LPs: the value of their shares at each close, as a portfolio. */
  poolLps: StrategyJson;
  pnl: PnlJson;
  eventRule: SpikeRule;
  events: SpikeEventJson[];
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

/** Each party's value on each day: the two vaults' NAVs and the pool LPs' share value. */
export function partyValues(days: readonly ReportDay[]): Record<PnlParty, number[]> {
  return {
    hedged: days.map((d) => d.nav.hedged),
    unhedged: days.map((d) => d.nav.unhedged),
    poolLps: days.map((d) => d.poolLps),
  };
}

/** The spikes of the run's volatility index and each party's event loss in them. */
export function spikeEvents(
  days: readonly ReportDay[],
  rule: SpikeRule = DEFAULT_SPIKE_RULE,
): SpikeEventJson[] {
  const values = partyValues(days);
  return findSpikes(
    days.map((d) => d.vix),
    rule,
  ).map((spike) => {
    const losses = Object.fromEntries(
      PNL_PARTIES.map((p) => {
        const l = eventLoss(values[p], spike, rule);
        return [p, { loss: l.loss, fraction: l.fraction, lowestOn: days[l.lowest]!.date }];
      }),
    ) as SpikeEventJson["losses"];
    const windowEnd = Math.min(spike.start + rule.lossWindowDays, days.length - 1);
    return {
      start: days[spike.start]!.date,
      peak: days[spike.peak]!.date,
      end: days[spike.end]!.date,
      startVix: days[spike.start]!.vix,
      peakVix: days[spike.peak]!.vix,
      lossWindowEnd: days[windowEnd]!.date,
      lossWindowDays: windowEnd - spike.start,
      losses,
    };
  });
}

/** One value path with its drawdowns and its worst fall below the start. */
function strategyJson(days: readonly ReportDay[], navs: readonly number[]): StrategyJson {
  const dd = drawdownSeries(navs);
  const worst = maxDrawdown(navs);
  const belowStart = maxLossBelowStart(navs);
  const start = navs[0]!;
  const end = navs[navs.length - 1]!;
  return {
    series: days.map((d, i) => ({ date: d.date, nav: navs[i]! })),
    drawdowns: days.map((d, i) => ({ date: d.date, drawdown: dd[i]! })),
    maxDrawdown: worst.maxDrawdown,
    maxDrawdownPeakDate: days[worst.peak]!.date,
    maxDrawdownTroughDate: days[worst.trough]!.date,
    maxLossBelowStart: belowStart.loss,
    maxLossBelowStartDate: belowStart.loss > 0 ? days[belowStart.at]!.date : null,
    startNav: start,
    endNav: end,
    totalReturn: start > 0 ? end / start - 1 : 0,
  };
}

/** Builds the content of `report.json` from a run (validated first). */
export function buildReportJson(report: DemoReport): ReportJson {
  validateReport(report);
  const { days } = report;
  const strategy = (s: Strategy): StrategyJson =>
    strategyJson(
      days,
      days.map((d) => d.nav[s]),
    );
  const [hedged, unhedged, cash] = STRATEGIES.map(strategy) as [StrategyJson, StrategyJson, StrategyJson];
  return {
    version: 3,
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
    poolLps: strategyJson(
      days,
      days.map((d) => d.poolLps),
    ),
    pnl: report.pnl,
    eventRule: DEFAULT_SPIKE_RULE,
    events: spikeEvents(days),
  };
}
