import type { Amount, CondorPolicy, LadderPolicy, LayerPolicy } from "../types.js";
import type { IntensityPolicy } from "./signals/intensityMultiplier.js";

const WAD = 10n ** 18n;

/**
 * The founders' default ladder: three layers 15 % / 30 % / 50 % out of the money with ~30 / 60 / 90-day
 * tenors, carrying 50 % / 30 % / 20 % of the ladder's stress payoff. Each tenor window spans four weeks, so it
 * always holds four grid Wednesdays: FOMC decisions fall on Wednesdays and CPI/PPI days knock out the following
 * days, and the other two layers take up to two weeks; narrower windows (10 days, then 3 weeks) ran out of
 * candidates in the year-long replay test. Premium caps scale with the vault; governance sets the real values
 * on-chain (scripts/deploy/hedgeSide.ts).
 */
export function defaultLayerPolicies(maxPremiumPerRoll: Amount): LayerPolicy[] {
  const common = { maxPremium: maxPremiumPerRoll, cooldownSeconds: 86_400, monetiseTriggerBps: 3_000 };
  return [
    {
      otmBps: 1_500,
      widthBps: 2_000,
      minTenorDays: 17,
      maxTenorDays: 45,
      rollWindowDays: 7,
      weight: WAD / 2n,
    },
    {
      otmBps: 3_000,
      widthBps: 2_500,
      minTenorDays: 46,
      maxTenorDays: 74,
      rollWindowDays: 10,
      weight: (3n * WAD) / 10n,
    },
    {
      otmBps: 5_000,
      widthBps: 3_000,
      minTenorDays: 76,
      maxTenorDays: 104,
      rollWindowDays: 14,
      weight: WAD / 5n,
    },
  ].map((l) => ({ ...common, ...l }));
}

/**
 * The deployments' default ladder sizing (scripts/deploy/hedgeSide.ts): the ladder pays, with the equity index down
 * 10 % and the volatility index up 100 %, once the condor's loss there; intensity 0.5–2; 5 days before a
 * re-entry; a 6-decimal stablecoin.
 */
export const DEFAULT_LADDER: LadderPolicy = {
  coverage: WAD,
  stressDrop: WAD / 10n,
  stressRise: WAD,
  condorNotional: WAD,
  putDistance: WAD / 20n,
  wingWidth: (3n * WAD) / 100n,
  minIntensity: WAD / 2n,
  maxIntensity: 2n * WAD,
  reentryDelaySeconds: 5 * 86_400,
  cashScale: 10n ** 30n,
};

/**
 * A default condor: short put 5 % and short call 4 % away, 3 % wings, 25–45 days, max loss 5 % of NAV; a side is
 * tested (rolled out, or closed) once the equity index reaches its short strike.
 */
export function defaultCondorPolicy(maxRollPremium: Amount): CondorPolicy {
  return {
    shortPutDistanceBps: 500,
    shortCallDistanceBps: 400,
    wingWidthBps: 300,
    minTenorDays: 25,
    maxTenorDays: 45,
    maxLossShareBps: 500,
    testedDistanceBps: 0,
    maxRollPremium,
    eventBlackoutHours: 24,
  };
}

/**
 * Intensity bounds 0.5–2.0; the equity index's RSI and trend, the breadth and the volatility level weigh 0.25 each;
 * a volatility index of 20 scores 0 (below it protection is cheap, above it dear).
 */
export const DEFAULT_INTENSITY_POLICY: IntensityPolicy = {
  min: 0.5,
  max: 2,
  rsiWeight: 0.25,
  macdWeight: 0.25,
  breadthWeight: 0.25,
  levelWeight: 0.25,
  calmLevel: 20,
};
