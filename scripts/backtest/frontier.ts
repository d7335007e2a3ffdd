// The policy frontier (out/frontier.json): for each policy of the grid, its yearly net hedge cost against its
// worst event loss, next to the unhedged condor, with the default marked, the efficient policies (no other is
// both cheaper and safer) and the one closest to the issue's targets. Pure: built from the runs' results.
import type { MarketDay } from "../demo/marketDay.js";
import type { PnlLinesJson } from "../demo/pnl.js";
import { condorNet, layerNet } from "../demo/reportPnl.js";
import { DEFAULT_SPIKE_RULE, eventLoss, findSpikes, type Spike, type SpikeRule } from "../demo/spikes.js";
import type { AxisName, GridPoint } from "./grid.js";
import type { PolicyOutcome } from "./workerPool.js";

/** Trading days in a year, to annualise. */
const TRADING_DAYS_PER_YEAR = 252;
/** The target: in every spike the hedged event loss is at most this share of the unhedged one. */
export const EVENT_LOSS_TARGET = 0.5;

/** One calendar year of one policy (dollars; percentages of the NAV before the replay). */
export interface FrontierYear {
  year: string;
  /** Layer premium paid minus everything the layers returned that year (closes, monetisations, payoffs). */
  layerNetCost: number;
  layerNetCostPct: number;
  /** Condor premium received net of buy-backs and settlement losses that year. */
  condorNetIncome: number;
  condorNetIncomePct: number;
}

/** One policy's event loss in one spike. */
export interface FrontierEvent {
  start: string;
  loss: number;
  fraction: number;
  lowestOn: string;
  /** Its loss as a multiple of the unhedged condor's in the same spike (null when the condor did not lose). */
  ratioToUnhedged: number | null;
}

/** One point of the frontier. */
export interface FrontierPoint {
  name: string;
  values: Record<AxisName, string>;
  detail: string;
  isDefault: boolean;
  /** The unhedged condor (layers off): the reference point. */
  isReference: boolean;
  /** Set when the policy's replay failed (then every figure is 0 and the point is not drawn). */
  error: string | null;
  startNav: number;
  endNav: number;
  /**
   * Net hedge cost per year: layer premium paid - what the layers returned (closes, monetisations, payoffs) -
   * the bid of layers still held at the end, over the replayed years (trading days / 252). Dollars and % of
   * the NAV before the replay (the x axis).
   */
  annualNetHedgeCost: number;
  annualNetHedgeCostPct: number;
  /** The bid of the layers still held at the end (credited in the annual figure, not in the years). */
  openLayersAtEnd: number;
  years: FrontierYear[];
  events: FrontierEvent[];
  /** The most negative event loss (dollars and fraction of the NAV at the spike's start; y axis); 0 without one. */
  worstEventLoss: number;
  worstEventLossPct: number;
  /** The hedged vault's P&L lines over the replay. */
  pnl: PnlLinesJson | null;
  targets: {
    /** Every spike: event loss <= 0.5 x the unhedged condor's. */
    eventLossAtMostHalfUnhedged: boolean;
    /** Every calendar year: layer net cost <= condor net income. */
    layerCostWithinCondorIncome: boolean;
    /** How far from each target, as a fraction of the NAV before the replay (0 when met). */
    eventShortfall: number;
    cashPressShortfall: number;
  };
  elapsedSeconds: number;
}

export interface FrontierRunInfo {
  elapsedSeconds: number;
  workers: number;
  cpus: number;
  /** `os.loadavg()` when the backtest started and when it ended (1, 5, 15 minutes). */
  loadAverageStart: number[];
  loadAverageEnd: number[];
}

/** The shape of `out/frontier.json`. */
export interface FrontierJson {
  version: 1;
  title: string;
  source: string;
  syntheticMarket: boolean;
  firstDate: string;
  lastDate: string;
  dayCount: number;
  gridMode: string;
  spikeRule: SpikeRule;
  spikes: { start: string; peak: string; end: string; startVix: number; peakVix: number }[];
  points: FrontierPoint[];
  /** Names of the efficient points (no other point both cheaper and with a smaller worst loss), by cost. */
  efficient: string[];
  /** The policy that meets both targets, or comes closest (smallest sum of the two shortfalls); null if none ran. */
  closestToTargets: string | null;
  run: FrontierRunInfo;
}

/** One policy's figures from its run (the reference's losses give the ratios and the event target). */
function pointOf(
  grid: GridPoint,
  outcome: PolicyOutcome,
  market: readonly MarketDay[],
  spikes: readonly Spike[],
  rule: SpikeRule,
  reference: { navs: number[]; losses: number[] } | undefined,
  flags: { isDefault: boolean; isReference: boolean },
): FrontierPoint {
  const base = { name: grid.name, values: grid.values, detail: grid.detail, ...flags };
  if (!outcome.ok) {
    return {
      ...base,
      error: outcome.error,
      startNav: 0,
      endNav: 0,
      annualNetHedgeCost: 0,
      annualNetHedgeCostPct: 0,
      openLayersAtEnd: 0,
      years: [],
      events: [],
      worstEventLoss: 0,
      worstEventLossPct: 0,
      pnl: null,
      targets: {
        eventLossAtMostHalfUnhedged: false,
        layerCostWithinCondorIncome: false,
        eventShortfall: 0,
        cashPressShortfall: 0,
      },
      elapsedSeconds: 0,
    };
  }
  const { navs, pnl, elapsedSeconds } = outcome.result;
  const nav0 = pnl.reconciliation.hedged.valueBefore;
  const pct = (v: number): number => (nav0 > 0 ? v / nav0 : 0);
  const openLayersAtEnd = pnl.reconciliation.hedged.openMarkAfterLayers;
  const yearsReplayed = market.length / TRADING_DAYS_PER_YEAR;
  const annual = (-layerNet(pnl.hedged) - openLayersAtEnd) / yearsReplayed;
  const years = pnl.yearly.map((y) => ({
    year: y.year,
    layerNetCost: -layerNet(y.hedged),
    layerNetCostPct: pct(-layerNet(y.hedged)),
    condorNetIncome: condorNet(y.hedged),
    condorNetIncomePct: pct(condorNet(y.hedged)),
  }));
  let eventShortfall = 0;
  const events = spikes.map((spike, i) => {
    const l = eventLoss(navs, spike, rule);
    const refLoss = reference?.losses[i];
    if (refLoss !== undefined) {
      // Loss magnitudes: the hedged one may be at most half the unhedged one.
      const over = Math.max(0, -l.loss) - EVENT_LOSS_TARGET * Math.max(0, -refLoss);
      eventShortfall = Math.max(eventShortfall, pct(over));
    }
    return {
      start: market[spike.start]!.date,
      loss: l.loss,
      fraction: l.fraction,
      lowestOn: market[l.lowest]!.date,
      ratioToUnhedged: refLoss !== undefined && refLoss < 0 ? l.loss / refLoss : null,
    };
  });
  const worst = events.reduce((w, e) => (e.fraction < w.fraction ? e : w), { loss: 0, fraction: 0 });
  const cashPressShortfall = Math.max(0, ...years.map((y) => pct(y.layerNetCost - y.condorNetIncome)));
  return {
    ...base,
    error: null,
    startNav: nav0,
    endNav: navs.at(-1) ?? nav0,
    annualNetHedgeCost: annual,
    annualNetHedgeCostPct: pct(annual),
    openLayersAtEnd,
    years,
    events,
    worstEventLoss: worst.loss,
    worstEventLossPct: worst.fraction,
    pnl: pnl.hedged,
    targets: {
      eventLossAtMostHalfUnhedged: reference !== undefined && eventShortfall === 0,
      layerCostWithinCondorIncome: cashPressShortfall === 0,
      eventShortfall,
      cashPressShortfall,
    },
    elapsedSeconds,
  };
}

/** The efficient points: no other point is at most as costly and at most as exposed, and better in one. */
export function efficientPoints(points: readonly FrontierPoint[]): string[] {
  const drawn = points.filter((p) => p.error === null);
  const dominated = (p: FrontierPoint): boolean =>
    drawn.some(
      (q) =>
        q !== p &&
        q.annualNetHedgeCostPct <= p.annualNetHedgeCostPct &&
        q.worstEventLossPct >= p.worstEventLossPct &&
        (q.annualNetHedgeCostPct < p.annualNetHedgeCostPct || q.worstEventLossPct > p.worstEventLossPct),
    );
  return drawn
    .filter((p) => !dominated(p))
    .sort((a, b) => a.annualNetHedgeCostPct - b.annualNetHedgeCostPct)
    .map((p) => p.name);
}

export interface FrontierInput {
  title?: string;
  source: string;
  syntheticMarket: boolean;
  gridMode: string;
  market: readonly MarketDay[];
  /** The grid's policies (the default first) and their outcomes, in the same order. */
  points: readonly GridPoint[];
  outcomes: readonly PolicyOutcome[];
  /** The unhedged condor's run. */
  reference: { point: GridPoint; outcome: PolicyOutcome };
  run: FrontierRunInfo;
  rule?: SpikeRule;
}

/** Builds `frontier.json` from the runs. */
export function buildFrontierJson(input: FrontierInput): FrontierJson {
  const { market } = input;
  const rule = input.rule ?? DEFAULT_SPIKE_RULE;
  if (market.length === 0) throw new Error("frontier: the market has no day");
  const spikes = findSpikes(
    market.map((d) => d.vix),
    rule,
  );
  const refOutcome = input.reference.outcome;
  const reference = refOutcome.ok
    ? {
        navs: refOutcome.result.navs,
        losses: spikes.map((s) => eventLoss(refOutcome.result.navs, s, rule).loss),
      }
    : undefined;
  const points = [
    ...input.points.map((p, i) =>
      pointOf(p, input.outcomes[i]!, market, spikes, rule, reference, {
        isDefault: p.name === "default",
        isReference: false,
      }),
    ),
    pointOf(input.reference.point, refOutcome, market, spikes, rule, reference, {
      isDefault: false,
      isReference: true,
    }),
  ];
  const candidates = points.filter((p) => !p.isReference && p.error === null);
  const shortfall = (p: FrontierPoint): number => p.targets.eventShortfall + p.targets.cashPressShortfall;
  const closest = candidates.reduce<FrontierPoint | undefined>(
    (best, p) => (best === undefined || shortfall(p) < shortfall(best) ? p : best),
    undefined,
  );
  return {
    version: 1,
    title: input.title ?? "ALVH policy frontier",
    source: input.source,
    syntheticMarket: input.syntheticMarket,
    firstDate: market[0]!.date,
    lastDate: market.at(-1)!.date,
    dayCount: market.length,
    gridMode: input.gridMode,
    spikeRule: rule,
    spikes: spikes.map((s) => ({
      start: market[s.start]!.date,
      peak: market[s.peak]!.date,
      end: market[s.end]!.date,
      startVix: market[s.start]!.vix,
      peakVix: market[s.peak]!.vix,
    })),
    points,
    efficient: efficientPoints(points),
    closestToTargets: closest?.name ?? null,
    run: input.run,
  };
}
