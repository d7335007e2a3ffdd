import type { Action, Amount, PlanWarning } from "../types.js";
import { formatAmount } from "./format.js";

const RANK: Record<Action["type"], number> = {
  SettleSeries: 0,
  ProcessEpoch: 1,
  CloseCondor: 2,
  RollCondorSide: 3,
  MonetiseLayer: 4,
  OpenCondor: 5,
  RollLayer: 6,
};

/** Priority of an action for the budget and the execution order (lower runs first). */
export function actionPriority(a: Action): number {
  const layer = a.type === "RollLayer" || a.type === "MonetiseLayer" ? a.layer : 0;
  return RANK[a.type] * 1_000 + layer;
}

/**
 * Orders the plan (settlements and epochs, condor defence, monetisations, condor sales — whose premium funds the
 * layers — then layer purchases from L1 outwards) and drops the layer purchases the cash press cannot fund.
 *
 * The vault fits each purchase to the budget itself: it buys the layer's target size, or what the window's room
 * (at least what the old layer returned) pays for at the pool's ask, and refuses less than a quarter of the target
 * (`LayerBudgetShort`, which the keeper skips as "not now"). So the keeper only drops a purchase that cannot be
 * funded at all: an empty layer (nothing to sell) while the window has no room left and nothing earlier in the plan
 * (a condor sale, a monetisation, a settlement) may refill it — with a `BudgetDropped` warning.
 */
export function applyBudget(
  actions: readonly Action[],
  remaining: Amount,
): { actions: Action[]; warnings: PlanWarning[] } {
  const sorted = [...actions].sort((a, b) => actionPriority(a) - actionPriority(b));
  const refills = sorted.some(
    (a) => a.type === "OpenCondor" || a.type === "MonetiseLayer" || a.type === "SettleSeries",
  );
  const kept: Action[] = [];
  const warnings: PlanWarning[] = [];
  for (const a of sorted) {
    if (a.type === "RollLayer" && a.closeSeriesId === null && remaining <= 0n && !refills) {
      warnings.push({
        level: "warn",
        code: "BudgetDropped",
        message: `RollLayer L${a.layer + 1} dropped: the cash press has no room left this window (${formatAmount(remaining)}) and the layer holds nothing to sell (${a.reason})`,
      });
      continue;
    }
    kept.push(a);
  }
  return { actions: kept, warnings };
}
