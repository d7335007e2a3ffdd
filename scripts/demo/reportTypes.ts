// What the demo hands to the report: the day-by-day record of one run. Money is in the stablecoin's units
// (dollars, as plain numbers); index levels in index points; strikes in volatility-index points.
import type { PnlJson } from "./pnl.js";

/** The three portfolios the report compares. */
export const STRATEGIES = ["hedged", "unhedged", "cash"] as const;
/** `hedged`: condor plus ALVH layers; `unhedged`: the same condor alone; `cash`: the deposit left idle. */
export type Strategy = (typeof STRATEGIES)[number];

/** One replayed day. */
export interface ReportDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Volatility-index close. */
  vix: number;
  /** Equity-index close. */
  spx: number;
  /** Net asset value of each portfolio at the close, in dollars. */
  nav: Record<Strategy, number>;
  /**
   * The option pool's LPs (the counterparty of every option trade): what the LP shares outstanding before the
   * replay are worth at the close (the pool's exit value per share), in dollars. Their deposits during the
   * replay, if any, do not move it.
   */
  poolLps: number;
}

/** One life of one hedge layer (a long volatility-index call spread), from opening to closing or expiry. */
export interface LayerEpisode {
  /** Layer index, 1 = the nearest strikes. */
  layer: number;
  /** Long call strike (volatility-index points). */
  lowerStrike: number;
  /** Short call strike (volatility-index points). */
  upperStrike: number;
  /** `YYYY-MM-DD`. */
  openedOn: string;
  /** `YYYY-MM-DD`. */
  expiry: string;
  /** `YYYY-MM-DD` when it was closed, rolled or settled; absent while still open at the end of the run. */
  closedOn?: string;
  /** Why it closed (e.g. "rolled: 21 days to expiry", "settled at expiry"). */
  reason?: string;
}

/** One action the keeper took. */
export interface KeeperAction {
  /** `YYYY-MM-DD`. */
  date: string;
  /**
   * Short name, e.g. "open-layer", "roll-layer", "monetise-layer", "sell-condor", "settle". On the volatility
   * chart, names containing "monetis" are drawn as monetisations (the hedge paid out) and the other names
   * containing "roll" as ordinary rolls.
   */
  action: string;
  /** The layer acted on, when there is one. */
  layer?: number;
  /** Option premium of the action from the hedged vault's side, dollars: paid positive (a layer bought),
   *  received negative (a condor spread sold). The report shows it as a cash flow (received +, paid −). */
  premium?: number;
  /** One human-readable line: why and what. */
  detail: string;
}

/** Counts of the keeper's warnings over a run. */
export interface KeeperWarningCounts {
  /** Actions refused by a rule or a contract, deferred, scaled to the budget or skipped. */
  actions: number;
  /** RSI/MACD (or breadth) signals without enough history yet: expected for the first weeks of a run. */
  warmUp: number;
}

/** Everything the report shows about one demo run. */
export interface DemoReport {
  /** Page title; default "ALVH demo report". */
  title?: string;
  /** Where the market came from, e.g. "generated scenario, seed 8" or "Cboe history 2018-01-02 .. 2020-12-31". */
  source: string;
  days: ReportDay[];
  layers: LayerEpisode[];
  actions: KeeperAction[];
  premiums: {
    /** Total premium the hedged portfolio paid for layers (gross), dollars. */
    layerPremiumPaid: number;
    /** What selling the old layers returned when they were rolled or monetised, dollars. Payoffs of layers
     *  that expired and settled are not included (they are in the NAV). */
    layerCloseProceeds: number;
    /** Total premium the condor's spreads were sold for, dollars. */
    condorPremiumEarned: number;
  };
  /** The market was generated (placeholder dates, synthetic events), not replayed from history. */
  syntheticMarket?: boolean;
  /** The keeper's warnings, split: actions refused, deferred, scaled or skipped vs signal warm-up notices. */
  keeperWarnings?: KeeperWarningCounts;
  /** Flash-loan fees earned by the idle reserve parked in the flash vault, dollars. */
  flashFeesEarned: number;
  /** Who paid whom: each party's P&L lines from on-chain events, reconciled with its value (./pnl.ts). */
  pnl: PnlJson;
  /** Layer rolls the keeper made. */
  rolls: number;
  /** Macro events (FOMC, CPI, PPI days) the layers were positioned for. */
  eventsCovered: number;
  /** Transactions sent during the run. */
  transactions: number;
  /** Wall-clock run time, seconds. */
  elapsedSeconds: number;
}
