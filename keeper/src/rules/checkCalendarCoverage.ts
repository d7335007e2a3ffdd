import type { MacroCalendar, MacroEventKind, PlanWarning, UnixSeconds } from "../types.js";
import type { CalendarDecisionHorizon } from "./calendarDecisionHorizon.js";
import { MacroCalendarYearMissingError } from "./errors.js";
import { formatTime } from "./format.js";
import { utcYear } from "./time.js";

/**
 * Checks that the calendar holds the complete official schedule of every event kind for every year
 * the window [from, to] touches. A year that is missing or only partial is never treated as "no
 * events". It is `critical` (or, when `strict`, throws `MacroCalendarYearMissingError`) when a decision
 * taken soon can depend on it — the year starts before `critical.until` (see calendarDecisionHorizon;
 * without it, the whole window is critical) — and a `warn` otherwise: the planning window reaches it, but
 * nothing decided in the next days does yet.
 */
export function checkCalendarCoverage(
  calendar: MacroCalendar,
  from: UnixSeconds,
  to: UnixSeconds,
  kinds: readonly MacroEventKind[],
  strict = false,
  critical: CalendarDecisionHorizon = { until: to, because: "the planning window" },
): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  for (let year = utcYear(from); year <= utcYear(to); year++) {
    for (const kind of kinds) {
      const status = calendar.coverage[String(year)]?.[kind] ?? "missing";
      if (status === "complete") continue;
      const code = status === "missing" ? "CalendarYearMissing" : "CalendarYearPartial";
      const fix = `add the official dates to keeper/data/macro-calendar.json`;
      if (Date.UTC(year, 0, 1) / 1000 <= critical.until) {
        if (strict) throw new MacroCalendarYearMissingError(year, kind, status);
        warnings.push({
          level: "critical",
          code,
          message:
            `MACRO CALENDAR ${kind} ${year} IS ${status.toUpperCase()}: event rules cannot see ${kind} ` +
            `releases in ${year}, and ${critical.because} depends on them; ${fix}`,
        });
      } else {
        warnings.push({
          level: "warn",
          code,
          message:
            `macro calendar ${kind} ${year} is ${status}: no decision before ${formatTime(critical.until)} ` +
            `depends on it yet (critical once one does); ${fix} when they are published`,
        });
      }
    }
  }
  return warnings;
}
