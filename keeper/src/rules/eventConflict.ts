import type { MacroEvent, UnixSeconds } from "../types.js";
import { DAY, utcDayStart } from "./time.js";

/**
 * The first event that an expiry fails to cover: the expiry lies on the event's UTC day (even hours
 * before the release, which would leave the event uncovered) or within `postEventDays` after it.
 */
export function eventConflict(
  expiry: UnixSeconds,
  events: readonly MacroEvent[],
  postEventDays: number,
): MacroEvent | undefined {
  return events.find((e) => expiry >= utcDayStart(e.at) && expiry <= e.at + postEventDays * DAY);
}
