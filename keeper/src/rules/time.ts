import type { UnixSeconds } from "../types.js";

/** Seconds in a day / hour. */
export const DAY = 86_400;
export const HOUR = 3_600;

/** Start (00:00 UTC) of the day containing `t`. */
export function utcDayStart(t: UnixSeconds): UnixSeconds {
  return Math.floor(t / DAY) * DAY;
}

/** "YYYY-MM-DD" of the UTC day containing `t`. */
export function utcDateKey(t: UnixSeconds): string {
  return new Date(t * 1000).toISOString().slice(0, 10);
}

/** Unix seconds of "YYYY-MM-DD" at 00:00 UTC, NaN if malformed. */
export function parseUtcDate(date: string): UnixSeconds {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return Number.NaN;
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return Number.NaN;
  return ms / 1000;
}

/** Day of week, 0 = Sunday … 6 = Saturday (UTC). */
export function utcWeekday(t: UnixSeconds): number {
  return new Date(t * 1000).getUTCDay();
}

/** ISO-8601 week key, e.g. "2026-W09" (weeks start Monday; week 1 holds the year's first Thursday). */
export function isoWeekKey(t: UnixSeconds): string {
  const day = utcDayStart(t);
  const isoDow = (utcWeekday(day) + 6) % 7; // Monday = 0
  const thursday = day + (3 - isoDow) * DAY;
  const year = new Date(thursday * 1000).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / 1000;
  const week = Math.floor((thursday - jan1) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** UTC calendar year of `t`. */
export function utcYear(t: UnixSeconds): number {
  return new Date(t * 1000).getUTCFullYear();
}
