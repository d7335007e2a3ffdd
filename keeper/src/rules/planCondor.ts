import type {
  Action,
  Amount,
  Condor,
  CondorPolicy,
  IndexLevel,
  MacroEvent,
  PlanWarning,
  UnixSeconds,
} from "../types.js";
import { expiryCandidates } from "./expiryCandidates.js";
import { formatLevel, formatTime } from "./format.js";
import { shareOf, strikeAbove, strikeBelow, unitsForAmount } from "./strikes.js";
import { DAY, HOUR } from "./time.js";

export interface PlanCondorInput {
  now: UnixSeconds;
  condor: Condor | null;
  policy: CondorPolicy;
  /** Current equity index level. */
  equityIndex: IndexLevel;
  nav: Amount;
  events: readonly MacroEvent[];
  holidays: ReadonlySet<string>;
  strikeTick: IndexLevel;
}

/** The event whose blackout (last H hours before it) contains `now`. */
function blackout(now: UnixSeconds, events: readonly MacroEvent[], hours: number): MacroEvent | undefined {
  return events.find((e) => now < e.at && now >= e.at - hours * HOUR);
}

/**
 * Condor management: settle an expired condor, close one inside its roll window, open a new one
 * (strikes at the policy distances, size so that the max loss is `maxLossShareBps` of NAV) and roll
 * the tested side when the equity index comes within `testedDistanceBps` of a short strike. No
 * opening and no roll in the last `eventBlackoutHours` before a macro event; closing is allowed.
 */
export function planCondor(input: PlanCondorInput): { actions: Action[]; warnings: PlanWarning[] } {
  const { now, condor, policy: p, equityIndex, strikeTick } = input;
  const actions: Action[] = [];
  const warnings: PlanWarning[] = [];
  const event = blackout(now, input.events, p.eventBlackoutHours);
  const blocked = (what: string): void => {
    warnings.push({
      level: "warn",
      code: "CondorEventBlackout",
      message: `${what} blocked: ${event?.kind} at ${formatTime(event?.at ?? 0)} is within ${p.eventBlackoutHours} h`,
    });
  };
  let open = condor === null;
  if (condor !== null) {
    // The short strikes, not break-evens: the vault stores no credit per condor to move them by.
    const tag = `condor (short put/call ${formatLevel(condor.shortPutStrike)}/${formatLevel(condor.shortCallStrike)})`;
    if (condor.expiry <= now) {
      actions.push({
        type: "SettleSeries",
        seriesId: condor.seriesId,
        maxPremium: 0n,
        reason: `${tag} expired: settle`,
      });
      open = true;
    } else if (condor.expiry - now <= p.rollWindowDays * DAY) {
      actions.push({
        type: "CloseCondor",
        seriesId: condor.seriesId,
        maxPremium: 0n,
        reason: `${tag} expires in ${((condor.expiry - now) / DAY).toFixed(1)} days ≤ roll window ${p.rollWindowDays}: close`,
      });
      open = true;
    } else {
      const putTested =
        equityIndex <= (condor.shortPutStrike * BigInt(Math.round(10_000 + p.testedDistanceBps))) / 10_000n;
      const callTested =
        equityIndex >= (condor.shortCallStrike * BigInt(Math.round(10_000 - p.testedDistanceBps))) / 10_000n;
      for (const side of [putTested ? "put" : null, callTested ? "call" : null] as const) {
        if (side === null) continue;
        if (event !== undefined) {
          blocked(`rolling the tested ${side} side`);
          continue;
        }
        const short =
          side === "put"
            ? strikeBelow(equityIndex, p.shortPutDistanceBps, strikeTick)
            : strikeAbove(equityIndex, p.shortCallDistanceBps, strikeTick);
        const long =
          side === "put"
            ? strikeBelow(short, p.wingWidthBps, strikeTick)
            : strikeAbove(short, p.wingWidthBps, strikeTick);
        const strike = side === "put" ? condor.shortPutStrike : condor.shortCallStrike;
        actions.push({
          type: "RollCondorSide",
          side,
          newShortStrike: short,
          newLongStrike: long,
          maxPremium: p.maxRollPremium,
          reason: `${tag}: ${side} side tested, index ${formatLevel(equityIndex)} within ${p.testedDistanceBps / 100} % of ${formatLevel(strike)} → re-strike ${formatLevel(short)}/${formatLevel(long)}`,
        });
      }
    }
  }
  if (!open) return { actions, warnings };
  if (event !== undefined) {
    blocked("opening the condor");
    return { actions, warnings };
  }
  const candidates = expiryCandidates(now + p.minTenorDays * DAY, now + p.maxTenorDays * DAY, input.holidays);
  const expiry = candidates.at(-1);
  if (expiry === undefined) {
    warnings.push({
      level: "critical",
      code: "NoValidExpiry",
      message: `condor: no grid expiry in ${p.minTenorDays}–${p.maxTenorDays} days`,
    });
    return { actions, warnings };
  }
  const shortPut = strikeBelow(equityIndex, p.shortPutDistanceBps, strikeTick);
  const longPut = strikeBelow(shortPut, p.wingWidthBps, strikeTick);
  const shortCall = strikeAbove(equityIndex, p.shortCallDistanceBps, strikeTick);
  const longCall = strikeAbove(shortCall, p.wingWidthBps, strikeTick);
  const widest = shortPut - longPut > longCall - shortCall ? shortPut - longPut : longCall - shortCall;
  const size = unitsForAmount(shareOf(input.nav, p.maxLossShareBps), widest);
  actions.push({
    type: "OpenCondor",
    shortPutStrike: shortPut,
    longPutStrike: longPut,
    shortCallStrike: shortCall,
    longCallStrike: longCall,
    expiry,
    size,
    maxPremium: 0n,
    reason: `open condor ${formatLevel(longPut)}/${formatLevel(shortPut)}–${formatLevel(shortCall)}/${formatLevel(longCall)} exp ${formatTime(expiry)}, max loss ${p.maxLossShareBps / 100} % of NAV`,
  });
  return { actions, warnings };
}
