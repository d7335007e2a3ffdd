import type { Amount, IndexLevel, LadderPolicy, Units, Wad } from "../types.js";

const WAD = 10n ** 18n;
/** 8-decimal levels (feeds, rules) → 18-decimal points (the vault): exact. */
const LEVEL_TO_POINTS = 10n ** 10n;

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * The cash one layer must pay in the vault's stress scenario, exactly as `HedgeKeeperRules.ladderCash` computes it:
 * weight × coverage × intensity × the condor's loss there. The condor is the one its policy sizes from lastNav (a
 * put spread short at index × (1 − putDistance), wingWidth × index wide, on notional × lastNav / index contracts),
 * whose gross intrinsic loss with the equity index down `stressDrop` is
 * notional × lastNav × clamp(stressDrop − putDistance, 0, wingWidth). Every step rounds down, as on-chain.
 */
export function ladderCash(lastNav: Amount, ladder: LadderPolicy, weight: Wad, intensity: Wad): Amount {
  if (ladder.stressDrop <= ladder.putDistance) return 0n;
  const depth = min(ladder.stressDrop - ladder.putDistance, ladder.wingWidth);
  let cash = (((lastNav * ladder.condorNotional) / WAD) * depth) / WAD;
  cash = (((cash * ladder.coverage) / WAD) * weight) / WAD;
  return (cash * intensity) / WAD;
}

/**
 * Contracts (18 decimals) of the call spread [lower, upper] whose intrinsic payoff with the volatility index up
 * `stressRise` from `vol` is `cash`, exactly as `HedgeKeeperRules.ladderSize` computes it (rounded down); 0 when the
 * spread pays nothing there.
 */
export function ladderSize(
  cash: Amount,
  vol: IndexLevel,
  stressRise: Wad,
  lower: IndexLevel,
  upper: IndexLevel,
  cashScale: bigint,
): Units {
  const stressed = (vol * LEVEL_TO_POINTS * (WAD + stressRise)) / WAD;
  const low = lower * LEVEL_TO_POINTS;
  if (stressed <= low) return 0n;
  return (cash * cashScale) / min(stressed - low, upper * LEVEL_TO_POINTS - low);
}

/** The plan's float intensity as the vault's WAD multiplier (1e-6 steps), clamped to [min, max]. */
export function intensityWad(intensity: number, minWad: Wad, maxWad: Wad): Wad {
  const raw = BigInt(Math.round(intensity * 1e6)) * 10n ** 12n;
  return raw < minWad ? minWad : raw > maxWad ? maxWad : raw;
}
