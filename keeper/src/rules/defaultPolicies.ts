import type { Amount, CondorPolicy, LayerPolicy } from "../types.js";
import type { IntensityPolicy } from "./signals/intensityMultiplier.js";

/**
 * The founders' default ladder: three layers 15 % / 30 % / 50 % out of the money with ~30 / 60 / 90-day
 * tenors, each taking 10 % of NAV as notional. Each tenor window spans four weeks, so it always holds
 * four grid Wednesdays: FOMC decisions fall on Wednesdays and CPI/PPI days knock out the following
 * days, and the other two layers take up to two weeks; narrower windows (10 days, then 3 weeks) ran
 * out of candidates in the year-long replay test. Premium caps scale with the vault; governance sets the real values on-chain.
 */
export function defaultLayerPolicies(maxPremiumPerRoll: Amount): LayerPolicy[] {
  const common = {
    notionalShareBps: 1_000,
    maxPremium: maxPremiumPerRoll,
    cooldownSeconds: 86_400,
    monetiseTriggerBps: 3_000,
  };
  return [
    { otmBps: 1_500, widthBps: 2_000, minTenorDays: 17, maxTenorDays: 45, rollWindowDays: 7, ...common },
    { otmBps: 3_000, widthBps: 2_500, minTenorDays: 46, maxTenorDays: 74, rollWindowDays: 10, ...common },
    { otmBps: 5_000, widthBps: 3_000, minTenorDays: 76, maxTenorDays: 104, rollWindowDays: 14, ...common },
  ];
}

/** A default condor: short put 5 % and short call 4 % away, 3 % wings, 25–45 days, max loss 5 % of NAV. */
export function defaultCondorPolicy(maxRollPremium: Amount): CondorPolicy {
  return {
    shortPutDistanceBps: 500,
    shortCallDistanceBps: 400,
    wingWidthBps: 300,
    minTenorDays: 25,
    maxTenorDays: 45,
    rollWindowDays: 5,
    maxLossShareBps: 500,
    testedDistanceBps: 100,
    maxRollPremium,
    eventBlackoutHours: 24,
  };
}

/** Intensity bounds 0.5–2.0; RSI weighs twice MACD and breadth. */
export const DEFAULT_INTENSITY_POLICY: IntensityPolicy = {
  min: 0.5,
  max: 2,
  rsiWeight: 0.5,
  macdWeight: 0.25,
  breadthWeight: 0.25,
};
