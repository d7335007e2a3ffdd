import type { UnixSeconds } from "../types.js";
import { DAY, HOUR, utcDateKey, utcDayStart, utcWeekday } from "./time.js";

/** Expiries are placed at 08:00 UTC, options-style. */
export const EXPIRY_HOUR_UTC = 8;

/**
 * The expiry grid between `from` and `to` (inclusive): Wednesdays at 08:00 UTC, like VIX options.
 * When a Wednesday is a market holiday the expiry moves to the business day before it (Tuesday);
 * if that is a holiday too, the week has no expiry.
 */
export function expiryCandidates(
  from: UnixSeconds,
  to: UnixSeconds,
  holidays: ReadonlySet<string>,
): UnixSeconds[] {
  const out: UnixSeconds[] = [];
  let day = utcDayStart(from);
  while (utcWeekday(day) !== 3) day += DAY;
  for (; day <= to; day += 7 * DAY) {
    let expiryDay = day;
    if (holidays.has(utcDateKey(expiryDay))) {
      expiryDay -= DAY;
      if (holidays.has(utcDateKey(expiryDay))) continue;
    }
    const expiry = expiryDay + EXPIRY_HOUR_UTC * HOUR;
    if (expiry >= from && expiry <= to) out.push(expiry);
  }
  return out;
}
