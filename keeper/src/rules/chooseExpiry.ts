import type { MacroEvent, UnixSeconds } from "../types.js";
import { eventConflict } from "./eventConflict.js";
import { expiryCandidates } from "./expiryCandidates.js";
import { formatDays } from "./format.js";
import { DAY, isoWeekKey } from "./time.js";

export interface ChooseExpiryInput {
  now: UnixSeconds;
  minTenorDays: number;
  maxTenorDays: number;
  holidays: ReadonlySet<string>;
  events: readonly MacroEvent[];
  postEventDays: number;
  /** ISO weeks ("2026-W09") already used by other layers' expiries. */
  takenWeeks: ReadonlySet<string>;
}

export type ChooseExpiryResult = { ok: true; expiry: UnixSeconds } | { ok: false; reason: string };

/**
 * Picks the grid expiry inside the tenor window closest to the window's middle that is not in an ISO
 * week another layer uses and does not expire on or within `postEventDays` after a macro event.
 * Ties go to the earlier expiry.
 */
export function chooseExpiry(input: ChooseExpiryInput): ChooseExpiryResult {
  const { now, minTenorDays, maxTenorDays } = input;
  const candidates = expiryCandidates(now + minTenorDays * DAY, now + maxTenorDays * DAY, input.holidays);
  if (candidates.length === 0) {
    return {
      ok: false,
      reason: `no grid expiry between ${formatDays(minTenorDays)} and ${formatDays(maxTenorDays)} days`,
    };
  }
  const target = now + ((minTenorDays + maxTenorDays) / 2) * DAY;
  const allowed = candidates.filter(
    (c) =>
      !input.takenWeeks.has(isoWeekKey(c)) &&
      eventConflict(c, input.events, input.postEventDays) === undefined,
  );
  if (allowed.length === 0) {
    return {
      ok: false,
      reason: `all ${candidates.length} grid expiries between ${formatDays(minTenorDays)} and ${formatDays(maxTenorDays)} days clash with another layer's week or a macro event`,
    };
  }
  let best = allowed[0] as UnixSeconds;
  for (const c of allowed) if (Math.abs(c - target) < Math.abs(best - target)) best = c;
  return { ok: true, expiry: best };
}
