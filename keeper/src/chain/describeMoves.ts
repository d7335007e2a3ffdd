// What moved between the block a plan was read at and now: a feed's round or its volatility surface. A strike-band
// or premium revert after such a move means the plan is outdated (the next cycle re-plans), not wrong.
import { formatLevel, formatTime } from "../rules/format.js";
import type { FeedRoundWithId, VaultSnapshot } from "./readVaults.js";

/** The latest rounds and surface times of a vault's two feeds (VaultReader.latestRounds). */
export interface FeedsNow {
  vol: FeedRoundWithId | null;
  index: FeedRoundWithId | null;
  volSurface: number;
  indexSurface: number;
}

/**
 * "the volatility feed moved from round 5 (20.00) to round 6 (28.00) and the equity feed's surface moved from
 * 2026-12-04 08:00Z to 2026-12-04 08:01Z", or undefined when nothing moved since `planned` was read.
 */
export function describeMoves(planned: VaultSnapshot, now: FeedsNow): string | undefined {
  const moved: string[] = [];
  for (const [name, before, after] of [
    ["volatility", planned.volLatest, now.vol],
    ["equity", planned.indexLatest, now.index],
  ] as const) {
    if (after !== null && after.roundId !== before?.roundId)
      moved.push(
        `the ${name} feed moved from ${before === null ? "no round" : `round ${before.roundId} (${formatLevel(before.answer)})`} to round ${after.roundId} (${formatLevel(after.answer)})`,
      );
  }
  for (const [name, before, after] of [
    ["volatility", planned.surfaces.vol.updatedAt, now.volSurface],
    ["equity", planned.surfaces.index.updatedAt, now.indexSurface],
  ] as const) {
    if (after !== before)
      moved.push(
        `the ${name} feed's surface moved from ${before === 0 ? "none" : formatTime(before)} to ${formatTime(after)}`,
      );
  }
  return moved.length > 0 ? moved.join(" and ") : undefined;
}
