import type {
  Action,
  Amount,
  Condor,
  CondorLeg,
  CondorPolicy,
  IndexLevel,
  MacroEvent,
  PlanWarning,
  UnixSeconds,
  Wad,
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
  /**
   * The volatility surface's 30-day forward factor (WAD, as the vault reads it): below 1 the volatility curve is in
   * backwardation, i.e. a spike is under way.
   */
  volTermFactor: Wad;
}

const WAD = 10n ** 18n;

type Side = "put" | "call";

/** The event whose blackout (last H hours before it) contains `now`. */
function blackout(now: UnixSeconds, events: readonly MacroEvent[], hours: number): MacroEvent | undefined {
  return events.find((e) => now < e.at && now >= e.at - hours * HOUR);
}

/** Short and long strikes of a new `side` spread at the policy distances from `index`. */
function sideStrikes(
  side: Side,
  index: IndexLevel,
  p: CondorPolicy,
  tick: IndexLevel,
): [IndexLevel, IndexLevel] {
  if (side === "put") {
    const short = strikeBelow(index, p.shortPutDistanceBps, tick);
    return [short, strikeBelow(short, p.wingWidthBps, tick)];
  }
  const short = strikeAbove(index, p.shortCallDistanceBps, tick);
  return [short, strikeAbove(short, p.wingWidthBps, tick)];
}

/** True when the equity index is within `testedDistanceBps` of the leg's short strike, or through it. */
function isTested(side: Side, leg: CondorLeg, index: IndexLevel, p: CondorPolicy): boolean {
  const d = BigInt(Math.round(p.testedDistanceBps));
  return side === "put"
    ? index <= (leg.shortStrike * (10_000n + d)) / 10_000n
    : index >= (leg.shortStrike * (10_000n - d)) / 10_000n;
}

/**
 * Condor management, as a trader runs a short iron condor:
 * - each side is **held to expiry**: an out-of-the-money spread expires worthless at no cost (cash-settled), where
 *   buying it back days before expiry paid the pool's spread and fee on top of its remaining value;
 * - an expired side is settled, and a side that is gone (expired, or closed by a defence) is sold again at the
 *   policy distances with the latest grid expiry of the tenor window (`OpenCondor` names the sides it opens);
 * - a **tested** side (the equity index within `testedDistanceBps` of its short strike, or through it) is rolled out
 *   in time and in strike: bought back and sold again at the policy distance from today's index with the latest
 *   expiry of the tenor window. The vault sells it only when the new spread's premium is worth its risk (the
 *   policy's minCredit × its collateral, checked on-chain at the pool's bid) and the budget window allows a sale;
 *   otherwise it closes the side (`RollCondorSide`: "roll, or close").
 * No opening and no roll in the last `eventBlackoutHours` before a macro event.
 *
 * **No new risk sold into a spike**: while the volatility curve is in backwardation (the surface's 30-day forward
 * factor < 1), a tested side is held (its loss is bounded by its collateral; a buy-back would pay the spike's wide
 * prices and a re-sale would take new risk that the next leg down tests again) and a missing side is not sold again;
 * both resume once the curve is back in contango (`CondorSpikeHold`). Expired sides are still settled.
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
  const spike = input.volTermFactor < WAD;
  const held = (what: string): void => {
    warnings.push({
      level: "info",
      code: "CondorSpikeHold",
      message: `${what} held: the volatility curve is in backwardation (30-day forward factor ${(Number(input.volTermFactor) / 1e18).toFixed(3)} < 1), no new condor risk in a spike`,
    });
  };
  const candidates = expiryCandidates(now + p.minTenorDays * DAY, now + p.maxTenorDays * DAY, input.holidays);
  const expiry = candidates.at(-1);
  const missing: Side[] = [];
  let settle = false;
  for (const side of ["put", "call"] as const) {
    const leg = condor?.[side] ?? null;
    if (leg === null) {
      missing.push(side);
      continue;
    }
    const tag = `condor ${side} side (short ${formatLevel(leg.shortStrike)}, expires ${formatTime(leg.expiry)})`;
    if (leg.expiry <= now) {
      if (!settle) {
        actions.push({
          type: "SettleSeries",
          seriesId: leg.seriesId,
          maxPremium: 0n,
          reason: `${tag} expired: settle`,
        });
      }
      settle = true;
      missing.push(side);
      continue;
    }
    if (!isTested(side, leg, equityIndex, p)) continue;
    if (spike) {
      held(`rolling the tested ${side} side`);
      continue;
    }
    if (event !== undefined) {
      blocked(`rolling the tested ${side} side`);
      continue;
    }
    if (expiry === undefined) continue; // reported below
    const [short, long] = sideStrikes(side, equityIndex, p, strikeTick);
    actions.push({
      type: "RollCondorSide",
      side,
      newShortStrike: short,
      newLongStrike: long,
      newExpiry: expiry,
      maxPremium: p.maxRollPremium,
      reason:
        `${tag}: tested, index ${formatLevel(equityIndex)} within ${p.testedDistanceBps / 100} % of ` +
        `${formatLevel(leg.shortStrike)} → roll out to ${formatLevel(short)}/${formatLevel(long)} exp ` +
        `${formatTime(expiry)}, or close it if its premium is below the policy's minimum credit`,
    });
  }
  if (missing.length === 0) return { actions, warnings };
  if (spike) {
    held(`selling the condor's ${missing.join(" and ")} side`);
    return { actions, warnings };
  }
  if (event !== undefined) {
    blocked(`opening the condor's ${missing.join(" and ")} side`);
    return { actions, warnings };
  }
  if (expiry === undefined) {
    warnings.push({
      level: "critical",
      code: "NoValidExpiry",
      message: `condor: no grid expiry in ${p.minTenorDays}–${p.maxTenorDays} days`,
    });
    return { actions, warnings };
  }
  const [shortPut, longPut] = sideStrikes("put", equityIndex, p, strikeTick);
  const [shortCall, longCall] = sideStrikes("call", equityIndex, p, strikeTick);
  const widest = shortPut - longPut > longCall - shortCall ? shortPut - longPut : longCall - shortCall;
  const size = unitsForAmount(shareOf(input.nav, p.maxLossShareBps), widest);
  const spreads = missing
    .map((side) =>
      side === "put"
        ? `put ${formatLevel(longPut)}/${formatLevel(shortPut)}`
        : `call ${formatLevel(shortCall)}/${formatLevel(longCall)}`,
    )
    .join(" and ");
  actions.push({
    type: "OpenCondor",
    sides: missing,
    shortPutStrike: shortPut,
    longPutStrike: longPut,
    shortCallStrike: shortCall,
    longCallStrike: longCall,
    expiry,
    size,
    maxPremium: 0n,
    reason: `sell the condor's ${spreads} exp ${formatTime(expiry)}, max loss ${p.maxLossShareBps / 100} % of NAV`,
  });
  return { actions, warnings };
}
