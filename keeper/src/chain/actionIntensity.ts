import type { KeeperState as RulesState } from "../rules/planKeeperActions.js";
import { shareOf, unitsForAmount } from "../rules/strikes.js";
import type { Action } from "../types.js";

/**
 * The intensity to send with a layer action. The vault sizes a roll itself (notional × intensity ×
 * NAV), so when the budget rule scaled a layer's size down, the scale goes into the intensity: the
 * vault then buys the smaller size the plan promised (and may refuse it below its minimum intensity).
 */
export function actionIntensity(action: Action, state: RulesState, planIntensity: number): number {
  if (action.type !== "RollLayer" && action.type !== "MonetiseLayer") return planIntensity;
  const layer = state.layers[action.layer];
  if (layer === undefined) return planIntensity;
  const notional = shareOf(
    shareOf(state.nav, layer.policy.notionalShareBps),
    Math.round(planIntensity * 10_000),
  );
  const full = unitsForAmount(notional, action.newLowerStrike);
  if (full <= 0n || action.size >= full) return planIntensity;
  // Rounded down to 1e-6: never more exposure than the budget allows.
  return (planIntensity * Number((action.size * 1_000_000n) / full)) / 1_000_000;
}
