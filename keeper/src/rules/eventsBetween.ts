import type { MacroCalendar, MacroEvent, UnixSeconds } from "../types.js";

/** Events with `from ≤ at ≤ to`, in time order. */
export function eventsBetween(calendar: MacroCalendar, from: UnixSeconds, to: UnixSeconds): MacroEvent[] {
  return calendar.events.filter((e) => e.at >= from && e.at <= to);
}
