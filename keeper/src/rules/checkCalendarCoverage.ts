import type { MacroCalendar, MacroEventKind, PlanWarning, UnixSeconds } from "../types.js";
import { MacroCalendarYearMissingError } from "./errors.js";
import { utcYear } from "./time.js";

/**
 * Checks that the calendar holds the complete official schedule of every event kind for every year
 * the window [from, to] touches. A year that is missing or only partial is never treated as "no
 * events": it yields a `critical` warning, or throws `MacroCalendarYearMissingError` when `strict`.
 */
export function checkCalendarCoverage(
  calendar: MacroCalendar,
  from: UnixSeconds,
  to: UnixSeconds,
  kinds: readonly MacroEventKind[],
  strict = false,
): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  for (let year = utcYear(from); year <= utcYear(to); year++) {
    for (const kind of kinds) {
      const status = calendar.coverage[String(year)]?.[kind] ?? "missing";
      if (status === "complete") continue;
      if (strict) throw new MacroCalendarYearMissingError(year, kind, status);
      warnings.push({
        level: "critical",
        code: status === "missing" ? "CalendarYearMissing" : "CalendarYearPartial",
        message:
          `MACRO CALENDAR ${kind} ${year} IS ${status.toUpperCase()}: event rules cannot see ${kind} ` +
          `releases in ${year}; add the official dates to keeper/data/macro-calendar.json`,
      });
    }
  }
  return warnings;
}
