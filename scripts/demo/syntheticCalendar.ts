// A SYNTHETIC macro calendar for the replayed dates. The keeper's real calendar (keeper/data/macro-calendar.json)
// covers 2026-2027 only, while the scenario is dated from 2022 and history replays go back further. These dates
// are NOT the official schedules: they follow the usual pattern (8 FOMC decisions a year on Wednesdays — late
// January, mid March, early May, mid June, late July, mid September, early November, mid December — at
// 19:00 UTC; CPI on the second Tuesday and PPI on the second Wednesday of every month at 13:30 UTC) so the
// keeper's event rules have something realistic to plan around. The report says so too.
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

const at = (day: Date, hour: number, minute: number): number =>
  Math.floor(day.getTime() / 1000) + hour * 3600 + minute * 60;

/** The synthetic calendar for every year from `fromYear` to `toYear` inclusive. */
export function syntheticMacroCalendar(fromYear: number, toYear: number): MacroCalendar {
  const events: MacroEvent[] = [];
  const coverage: Record<string, { FOMC: "complete"; CPI: "complete"; PPI: "complete" }> = {};
  for (let year = fromYear; year <= toYear; year++) {
    for (const [month, n] of FOMC) {
      events.push({
        kind: "FOMC",
        at: at(nthWeekday(year, month, WEDNESDAY, n), 19, 0),
        source: SYNTHETIC_SOURCE,
      });
    }
    for (let month = 0; month < 12; month++) {
      events.push({
        kind: "CPI",
        at: at(nthWeekday(year, month, TUESDAY, 2), 13, 30),
        source: SYNTHETIC_SOURCE,
      });
      events.push({
        kind: "PPI",
        at: at(nthWeekday(year, month, WEDNESDAY, 2), 13, 30),
        source: SYNTHETIC_SOURCE,
      });
    }
    coverage[String(year)] = { FOMC: "complete", CPI: "complete", PPI: "complete" };
  }
  events.sort((a, b) => a.at - b.at);
  return { events, coverage, marketHolidays: [] };
}
