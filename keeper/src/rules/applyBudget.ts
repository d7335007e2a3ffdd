import type { Action, Amount, PlanWarning } from "../types.js";
import { formatAmount, formatUnits } from "./format.js";

const RANK: Record<Action["type"], number> = {
  SettleSeries: 0,
  ProcessEpoch: 1,
  CloseCondor: 2,
  RollCondorSide: 3,
  MonetiseLayer: 4,
  RollLayer: 5,
  OpenCondor: 6,
};

/** Priority of an action for the budget and the execution order (lower runs first). */
export function actionPriority(a: Action): number {
  const layer = a.type === "RollLayer" || a.type === "MonetiseLayer" ? a.layer : 0;
  return RANK[a.type] * 1_000 + layer;
}

/**
 * Keeps the plan's premium within the on-chain hedge budget: actions are taken in priority order
 * (settlements and epochs, condor defence, monetisation, layer rolls from L1 outwards, new condor);
 * an action whose `maxPremium` no longer fits is scaled down (layer actions only, size and premium
 * together, if at least `minScaleBps` of it fits) or dropped, with a warning saying why.
 * Postcondition: Σ maxPremium ≤ remaining.
 */
export function applyBudget(
  actions: readonly Action[],
  remaining: Amount,
  minScaleBps = 2_500,
): { actions: Action[]; warnings: PlanWarning[] } {
  const sorted = [...actions].sort((a, b) => actionPriority(a) - actionPriority(b));
  const kept: Action[] = [];
  const warnings: PlanWarning[] = [];
  let left = remaining < 0n ? 0n : remaining;
  for (const a of sorted) {
    if (a.maxPremium <= left) {
      kept.push(a);
      left -= a.maxPremium;
      continue;
    }
    const scalable = a.type === "RollLayer" || a.type === "MonetiseLayer";
    if (scalable && left * 10_000n >= a.maxPremium * BigInt(Math.round(minScaleBps)) && left > 0n) {
      const size = (a.size * left) / a.maxPremium;
      warnings.push({
        level: "warn",
        code: "BudgetScaled",
        message: `${a.type} L${a.layer + 1}: max premium ${formatAmount(a.maxPremium)} > remaining budget ${formatAmount(left)}; size scaled ${formatUnits(a.size)} → ${formatUnits(size)}`,
      });
      kept.push({ ...a, size, maxPremium: left, reason: `${a.reason} (scaled to the remaining budget)` });
      left = 0n;
      continue;
    }
    warnings.push({
      level: "warn",
      code: "BudgetDropped",
      message: `${a.type}${scalable ? ` L${a.layer + 1}` : ""} dropped: max premium ${formatAmount(a.maxPremium)} > remaining budget ${formatAmount(left)} (${a.reason})`,
    });
  }
  return { actions: kept, warnings };
}
