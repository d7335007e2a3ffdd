import type { PlanWarning } from "../types.js";
import type { KeeperStateOnChain } from "./readVaults.js";
import { POINTS_TO_LEVEL } from "./toRulesState.js";

const WAD = 10n ** 18n;

/** Tick sizes the keeper falls back to (8-decimal levels): 1, 2.5 and 5 × powers of ten, largest first. */
const NICE_TICKS: readonly bigint[] = Array.from({ length: 12 }, (_, i) => 10n ** BigInt(11 - i)).flatMap(
  (p) => (p >= 10n ? [5n * p, (5n * p) / 2n, p] : [5n * p, p]),
);

/** "0.25" for 25_000_000n: the exact decimal of an 8-decimal level. */
function levelText(level: bigint): string {
  const whole = level / 100_000_000n;
  const frac = (level % 100_000_000n).toString().padStart(8, "0").replace(/0+$/, "");
  return frac === "" ? whole.toString() : `${whole}.${frac}`;
}

/** The largest nice tick ≤ `limit` (never below one unit of the 8th decimal). */
function niceTickAtMost(limit: bigint): bigint {
  return NICE_TICKS.find((t) => t <= limit) ?? 1n;
}

export interface StrikeTicks {
  strikeTick: bigint;
  equityStrikeTick: bigint;
  warnings: PlanWarning[];
}

/**
 * The strike ticks to plan with: the configured ones, lowered when rounding to them could put a strike outside
 * the vault's strike band (`strikeBand` × target, on the strike and on the width) at the current index levels —
 * e.g. a 0.5-point tick against a 2 % band at a volatility index of 12 (the band is 0.28 point wide). The keeper
 * rounds the lower strike up by less than a tick and the upper one again (less than a tick × (1 + width)), so a
 * tick must stay below band × target / (1 + relative width), here with a 10 % margin; the condor's wings use half
 * the band. A lowered tick is an `info` warning naming the numbers.
 */
export function strikeTicksWithinBands(
  state: KeeperStateOnChain,
  volLevel: bigint,
  equityLevel: bigint,
  configured: { strikeTick: bigint; equityStrikeTick: bigint },
): StrikeTicks {
  const warnings: PlanWarning[] = [];
  const vol = volLevel * POINTS_TO_LEVEL;
  let layerLimit: bigint | undefined;
  let layerBand = 0n;
  state.layerPolicies.forEach((p) => {
    if (p.weight === 0n || vol <= 0n) return;
    const target = (vol * (WAD + p.otm)) / WAD;
    const tol = (target * p.strikeBand) / WAD;
    const relWidth = (p.width * WAD) / (WAD + p.otm);
    const limit = (tol * 9n * WAD) / (10n * (WAD + relWidth)) / POINTS_TO_LEVEL;
    if (layerLimit === undefined || limit < layerLimit) [layerLimit, layerBand] = [limit, p.strikeBand];
  });
  const c = state.condorPolicy;
  const spot = equityLevel * POINTS_TO_LEVEL;
  const nearest = WAD - c.putDistance < WAD + c.callDistance ? WAD - c.putDistance : WAD + c.callDistance;
  const condorLimit =
    spot > 0n ? (((spot * nearest) / WAD) * c.strikeBand) / WAD / 2n / POINTS_TO_LEVEL : undefined;
  const lower = (
    name: string,
    tick: bigint,
    limit: bigint | undefined,
    band: bigint,
    level: bigint,
  ): bigint => {
    if (limit === undefined || tick <= limit) return tick;
    const lowered = niceTickAtMost(limit);
    warnings.push({
      level: "info",
      code: "StrikeTickLowered",
      message: `${name} ${levelText(tick)} lowered to ${levelText(lowered)}: the vault's strike band (${Number((band * 10_000n) / WAD) / 100} %) at index ${levelText(level)} allows ${levelText(limit)} of rounding`,
    });
    return lowered;
  };
  return {
    strikeTick: lower("strike tick", configured.strikeTick, layerLimit, layerBand, volLevel),
    equityStrikeTick: lower(
      "equity strike tick",
      configured.equityStrikeTick,
      condorLimit,
      c.strikeBand,
      equityLevel,
    ),
    warnings,
  };
}
