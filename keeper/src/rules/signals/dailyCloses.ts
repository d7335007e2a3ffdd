import type { FeedRound, UnixSeconds } from "../../types.js";
import { FeedGapError, NotEnoughDataError, StaleFeedError } from "../errors.js";
import { DAY, utcDateKey, utcDayStart, utcWeekday } from "../time.js";

export interface DailyClose {
  /** "YYYY-MM-DD" (UTC). */
  date: string;
  /** Index level as a float (feed answer / 1e8). */
  close: number;
  /** True when no round fell on this day and the previous close was carried forward. */
  carried: boolean;
}

export interface DailyClosesOptions {
  now: UnixSeconds;
  /** The last round must be younger than this, or the feed is stale. */
  maxAgeSeconds: number;
  /** Most consecutive trading days allowed without any round (carried forward). */
  maxMissingDays: number;
  /** Market holidays ("YYYY-MM-DD"); with weekends they are not trading days. */
  holidays: ReadonlySet<string>;
}

/**
 * Derives one close per completed UTC trading day from raw feed rounds: the last valid round of the
 * day. Rounds may arrive unsorted or duplicated; non-positive answers and rounds from the future are
 * ignored. A trading day without a round carries the previous close (a push feed that did not move),
 * up to `maxMissingDays` in a row; rounds on weekends/holidays update the carried value. Today (not
 * yet closed) is excluded. Throws `StaleFeedError` / `FeedGapError` rather than inventing data.
 */
export function dailyCloses(rounds: readonly FeedRound[], options: DailyClosesOptions): DailyClose[] {
  const { now } = options;
  const valid = rounds
    .filter((r) => r.answer > 0n && r.updatedAt <= now)
    .sort((a, b) => a.updatedAt - b.updatedAt);
  const last = valid[valid.length - 1];
  if (last === undefined) throw new NotEnoughDataError("dailyCloses", 1, 0);
  if (now - last.updatedAt > options.maxAgeSeconds) {
    throw new StaleFeedError(last.updatedAt, now, options.maxAgeSeconds);
  }
  const out: DailyClose[] = [];
  const today = utcDayStart(now);
  let i = 0;
  let carry: number | undefined;
  let missing = 0;
  let gapStart = "";
  for (let day = utcDayStart(valid[0]?.updatedAt ?? now); day < today; day += DAY) {
    let sawRound = false;
    while (i < valid.length && (valid[i] as FeedRound).updatedAt < day + DAY) {
      carry = Number((valid[i] as FeedRound).answer) / 1e8;
      sawRound = true;
      i++;
    }
    const dow = utcWeekday(day);
    const date = utcDateKey(day);
    if (dow === 0 || dow === 6 || options.holidays.has(date)) continue;
    if (carry === undefined) continue;
    if (sawRound) {
      missing = 0;
    } else {
      if (missing === 0) gapStart = date;
      missing++;
      if (missing > options.maxMissingDays) {
        throw new FeedGapError(gapStart, date, missing, options.maxMissingDays);
      }
    }
    out.push({ date, close: carry, carried: !sawRound });
  }
  return out;
}
