// A SYNTHETIC macro calendar for the replayed dates. The keeper's real calendar (keeper/data/macro-calendar.json)
// covers 2026-2027 only, while the scenario is dated from 2022 and history replays go back further. These dates
// are NOT the official schedules: they follow the usual pattern (8 FOMC decisions a year on Wednesdays — late
// January, mid March, early May, mid June, late July, mid September, early November, mid December — at
// 14:00 New York time; CPI on the second Tuesday and PPI on the second Wednesday of every month at 08:30 New
// York time) so the keeper's event rules have something realistic to plan around. New York time follows US
// daylight saving time, so the UTC times move by an hour in summer (FOMC 18:00 UTC, CPI 12:30 UTC) and in
// winter (19:00 and 13:30 UTC). The report says the calendar is synthetic too.
import type { MacroCalendar, MacroEvent } from "../../keeper/src/types.js";

/** The `source` of every synthetic event (and the label the report shows). */
export const SYNTHETIC_SOURCE = "synthetic (demo): typical pattern, not the official schedule";

/** The n-th (1-based) `weekday` (0 = Sunday) of a month, or the last one when n = -1, as a UTC day number. */
function nthWeekday(year: number, month: number, weekday: number, n: number): Date {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month, 1));
    const offset = (weekday - first.getUTCDay() + 7) % 7;
    return new Date(Date.UTC(year, month, 1 + offset + 7 * (n - 1)));
  }
  const last = new Date(Date.UTC(year, month + 1, 0));
  const back = (last.getUTCDay() - weekday + 7) % 7;
  return new Date(Date.UTC(year, month, last.getUTCDate() - back));
}

/** FOMC months (0-based) and which Wednesday of the month. */
const FOMC: ReadonlyArray<readonly [number, number]> = [
  [0, -1],
  [2, 3],
  [4, 1],
  [5, 2],
  [6, -1],
  [8, 3],
  [10, 1],
  [11, 2],
];
const WEDNESDAY = 3;
const TUESDAY = 2;

/**
 * Is US daylight saving time in force on this (UTC) calendar day in New York? Since 2007: from the second
 * Sunday of March to the first Sunday of November; 1987-2006: from the first Sunday of April to the last
 * Sunday of October; 1967-1986: from the last Sunday of April to the last Sunday of October. The switches
 * happen at 02:00 local time on Sundays; events fall on Tuesdays and Wednesdays, so the day decides.
 */
export function isNewYorkDst(day: Date): boolean {
  const year = day.getUTCFullYear();
  const SUNDAY = 0;
  const [start, end] =
    year >= 2007
      ? [nthWeekday(year, 2, SUNDAY, 2), nthWeekday(year, 10, SUNDAY, 1)]
      : year >= 1987
        ? [nthWeekday(year, 3, SUNDAY, 1), nthWeekday(year, 9, SUNDAY, -1)]
        : [nthWeekday(year, 3, SUNDAY, -1), nthWeekday(year, 9, SUNDAY, -1)];
  return day.getTime() >= start.getTime() && day.getTime() < end.getTime();
}

/** Unix seconds of `hour:minute` New York time on the UTC calendar day `day` (UTC-4 in summer, UTC-5 else). */
export function newYorkTime(day: Date, hour: number, minute: number): number {
  const offsetHours = isNewYorkDst(day) ? 4 : 5;
  return Math.floor(day.getTime() / 1000) + (hour + offsetHours) * 3600 + minute * 60;
}

/** The synthetic calendar for every year from `fromYear` to `toYear` inclusive. */
export function syntheticMacroCalendar(fromYear: number, toYear: number): MacroCalendar {
  const events: MacroEvent[] = [];
  const coverage: Record<string, { FOMC: "complete"; CPI: "complete"; PPI: "complete" }> = {};
  for (let year = fromYear; year <= toYear; year++) {
    for (const [month, n] of FOMC) {
      events.push({
        kind: "FOMC",
        at: newYorkTime(nthWeekday(year, month, WEDNESDAY, n), 14, 0),
        source: SYNTHETIC_SOURCE,
      });
    }
    for (let month = 0; month < 12; month++) {
      events.push({
        kind: "CPI",
        at: newYorkTime(nthWeekday(year, month, TUESDAY, 2), 8, 30),
        source: SYNTHETIC_SOURCE,
      });
      events.push({
        kind: "PPI",
        at: newYorkTime(nthWeekday(year, month, WEDNESDAY, 2), 8, 30),
        source: SYNTHETIC_SOURCE,
      });
    }
    coverage[String(year)] = { FOMC: "complete", CPI: "complete", PPI: "complete" };
  }
  events.sort((a, b) => a.at - b.at);
  return { events, coverage, marketHolidays: [] };
}
