import type { CondorPolicy, LayerState, UnixSeconds } from "../types.js";
import { formatTime } from "./format.js";
import { DAY, HOUR } from "./time.js";

/** Default of `RulesConfig.calendarCriticalDays`: an operator gets a week to add a missing year. */
export const DEFAULT_CALENDAR_CRITICAL_DAYS = 7;

export interface CalendarDecisionHorizon {
  /** Events up to this time can change a decision taken within the critical days. */
  until: UnixSeconds;
  /** The decision that reaches furthest, for the warning ("L3 roll due 2026-12-02 08:00Z"). */
  because: string;
}

/**
 * How far ahead the macro calendar must be complete for the decisions the keeper may take within
 * `criticalDays`:
 * - a layer whose next decision (empty or expired: now; live: the start of its roll window, or the end of
 *   its cooldown if later) falls within them chooses an expiry up to `maxTenorDays` after it, kept
 *   `postEventDays` clear of events: events up to decision + maxTenor + postEventDays matter;
 * - a layer whose next decision is later needs nothing yet (its expiry was chosen when it was rolled);
 * - the condor can be opened or re-struck any time and waits out the last `eventBlackoutHours` before an
 *   event: events up to now + criticalDays + blackout matter;
 * - a vault without capital (`nav` 0: no epoch processed yet) opens no layer at all.
 * A calendar year beyond `until` cannot change anything decided soon: missing, it is a warning, not critical.
 */
export function calendarDecisionHorizon(
  now: UnixSeconds,
  layers: readonly LayerState[],
  condor: CondorPolicy,
  criticalDays: number,
  postEventDays: number,
  nav: bigint,
): CalendarDecisionHorizon {
  const soon = now + criticalDays * DAY;
  let horizon: CalendarDecisionHorizon = {
    until: soon + condor.eventBlackoutHours * HOUR,
    because: `the condor's event blackout over the next ${criticalDays} days`,
  };
  for (const layer of nav > 0n ? layers : []) {
    const p = layer.policy;
    if (p.weight === 0n) continue; // switched off: never opened
    const pos = layer.position;
    const decision =
      pos === null || pos.expiry <= now
        ? now
        : Math.max(now, pos.expiry - p.rollWindowDays * DAY, layer.lastRollAt + p.cooldownSeconds);
    if (decision > soon) continue;
    const until = decision + (p.maxTenorDays + postEventDays) * DAY;
    if (until > horizon.until) {
      const what = pos === null ? "opening" : pos.expiry <= now ? "reopening" : "roll";
      horizon = {
        until,
        because: `L${layer.index + 1}'s ${what} (${decision <= now ? "due now" : `due ${formatTime(decision)}`}), which chooses an expiry up to ${formatTime(decision + p.maxTenorDays * DAY)}`,
      };
    }
  }
  return horizon;
}
