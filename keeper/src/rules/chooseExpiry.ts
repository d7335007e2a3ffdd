import type { MacroEvent, UnixSeconds } from "../types.js";
import { eventConflict } from "./eventConflict.js";
import { EXPIRY_HOUR_UTC, expiryCandidates } from "./expiryCandidates.js";
import { formatDays } from "./format.js";
import { DAY, HOUR, isoWeekKey, utcDateKey, utcDayStart, utcWeekday } from "./time.js";

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

/**
 * The steps of the documented relaxation, strictest first. Each keeps the tenor window (the vault's on-chain
 * bounds) and drops one more of the keeper's own preferences:
 * 0. `strict`: a Wednesday (Tuesday before a holiday) 08:00 UTC expiry, not in another layer's ISO week, not on a
 *    macro event's UTC day nor within `postEventDays` after it;
 * 1. `shared week`: may share an ISO week with another layer (the ladder's expiries are less staggered);
 * 2. `after an event`: may fall within `postEventDays` after an event (still never on the event's day);
 * 3. `any business day`: any weekday 08:00 UTC that is not a holiday nor an event's day (the pool lists daily
 *    expiries; the Wednesday grid is the keeper's convention);
 * 4. `event day`: any business day, an event's day included (the layer then expires before that release).
 */
export const EXPIRY_RELAXATIONS = [
  "strict",
  "shared week",
  "after an event",
  "any business day",
  "event day",
] as const;
export type ExpiryRelaxation = (typeof EXPIRY_RELAXATIONS)[number];

export type ChooseExpiryResult =
  { ok: true; expiry: UnixSeconds; relaxation: ExpiryRelaxation } | { ok: false; reason: string };

/** Business days (not a weekend, not a holiday) at 08:00 UTC between `from` and `to`, inclusive. */
function businessDays(from: UnixSeconds, to: UnixSeconds, holidays: ReadonlySet<string>): UnixSeconds[] {
  const out: UnixSeconds[] = [];
  for (let day = utcDayStart(from); day <= to; day += DAY) {
    const weekday = utcWeekday(day);
    const expiry = day + EXPIRY_HOUR_UTC * HOUR;
    if (weekday === 0 || weekday === 6 || holidays.has(utcDateKey(day))) continue;
    if (expiry >= from && expiry <= to) out.push(expiry);
  }
  return out;
}

/**
 * Picks the expiry inside the tenor window closest to the window's middle (ties: the earlier one) at the strictest
 * step of `EXPIRY_RELAXATIONS` that offers one; with `maxRelaxation` "strict" only the strict step is tried. The
 * result names the step used, so that a relaxed choice can be reported.
 */
export function chooseExpiry(
  input: ChooseExpiryInput,
  maxRelaxation: ExpiryRelaxation = "strict",
): ChooseExpiryResult {
  const { now, minTenorDays, maxTenorDays } = input;
  const from = now + minTenorDays * DAY;
  const to = now + maxTenorDays * DAY;
  const target = now + ((minTenorDays + maxTenorDays) / 2) * DAY;
  const grid = expiryCandidates(from, to, input.holidays);
  const days = businessDays(from, to, input.holidays);
  const onEventDay = (c: UnixSeconds): boolean => eventConflict(c, input.events, 0) !== undefined;
  const steps: Record<ExpiryRelaxation, () => UnixSeconds[]> = {
    strict: () =>
      grid.filter(
        (c) =>
          !input.takenWeeks.has(isoWeekKey(c)) &&
          eventConflict(c, input.events, input.postEventDays) === undefined,
      ),
    "shared week": () =>
      grid.filter((c) => eventConflict(c, input.events, input.postEventDays) === undefined),
    "after an event": () => grid.filter((c) => !onEventDay(c)),
    "any business day": () => days.filter((c) => !onEventDay(c)),
    "event day": () => days,
  };
  const last = EXPIRY_RELAXATIONS.indexOf(maxRelaxation);
  for (const relaxation of EXPIRY_RELAXATIONS.slice(0, last + 1)) {
    const allowed = steps[relaxation]();
    if (allowed.length === 0) continue;
    let best = allowed[0] as UnixSeconds;
    for (const c of allowed) if (Math.abs(c - target) < Math.abs(best - target)) best = c;
    return { ok: true, expiry: best, relaxation };
  }
  const window = `between ${formatDays(minTenorDays)} and ${formatDays(maxTenorDays)} days`;
  if (grid.length === 0 && last === 0) return { ok: false, reason: `no grid expiry ${window}` };
  if (days.length === 0) return { ok: false, reason: `no business day ${window}` };
  return {
    ok: false,
    reason: `all ${grid.length} grid expiries ${window} clash with another layer's week or a macro event`,
  };
}
