// One policy of the backtest: a fresh in-process chain, the whole system deployed with the hedged vault's
// policies from the grid, the market replayed through the real keeper (the demo's simulateMarket: the same
// replay, the same P&L ledger), and what the frontier needs from it.
import type { HedgedVaultPolicy } from "../demo/hedgeSide.js";
import type { MarketDay } from "../demo/marketDay.js";
import type { PnlJson } from "../demo/pnl.js";
import { simulateMarket } from "../demo/simulate.js";

/** What one policy's replay hands back to the frontier. */
export interface PolicyRunResult {
  /** The hedged vault's NAV at each close, dollars. */
  navs: number[];
  /** The P&L of the run (the hedged vault's lines are the policy's). */
  pnl: PnlJson;
  /** Keeper transactions sent. */
  keeperTransactions: number;
  elapsedSeconds: number;
}

/** Replays `market` with the hedged vault deployed under `policy`; the keeper manages only that vault. */
export async function runPolicy(
  market: readonly MarketDay[],
  policy: HedgedVaultPolicy,
  onDay: (day: MarketDay) => void = () => {},
): Promise<PolicyRunResult> {
  const started = performance.now();
  const { replay, close } = await simulateMarket({
    market,
    hedgedPolicy: policy,
    keeperVaults: "hedged",
    onDay,
  });
  try {
    return {
      navs: replay.days.map((d) => d.nav.hedged),
      pnl: replay.pnl,
      keeperTransactions: replay.keeperTransactions,
      elapsedSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await close();
  }
}
