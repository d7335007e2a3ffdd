import type {
  Action,
  Amount,
  IndexLevel,
  LayerState,
  MacroEvent,
  PlanWarning,
  UnixSeconds,
} from "../types.js";
import { chooseExpiry, type ChooseExpiryResult } from "./chooseExpiry.js";
import { eventConflict } from "./eventConflict.js";
import { formatAmount, formatLevel, formatTime } from "./format.js";
import { shareOf, strikeAbove, unitsForAmount } from "./strikes.js";
import { DAY, isoWeekKey, utcDayStart } from "./time.js";

export interface PlanLayersInput {
  now: UnixSeconds;
  layers: readonly LayerState[];
  /** Current volatility index level. */
  volIndex: IndexLevel;
  /** Vault NAV, 6 decimals. */
  nav: Amount;
  /** Clamped intensity multiplier. */
  intensity: number;
  /** Macro events from now on (the calendar window the plan looks at). */
  events: readonly MacroEvent[];
  holidays: ReadonlySet<string>;
  /** No layer may expire on an event's day or within this many days after it. */
  postEventDays: number;
  /** Strike grid of the option pool (8 decimals). */
  strikeTick: IndexLevel;
}

/**
 * What a layer should do. A roll or a monetisation has a `deadline`: the moment after which acting no
 * longer serves its purpose (the position's expiry, or the start of the event day a roll must precede).
 */
type Decision =
  | { kind: "keep" }
  | { kind: "open"; reason: string; settleSeriesId: bigint | null }
  | { kind: "roll"; reason: string; deadline: UnixSeconds }
  | { kind: "monetise"; reason: string; deadline: UnixSeconds };

function decide(layer: LayerState, input: PlanLayersInput): Decision {
  const { now, volIndex } = input;
  const p = layer.policy;
  const pos = layer.position;
  const name = `L${layer.index + 1}`;
  if (pos === null) return { kind: "open", reason: `${name} holds no spread`, settleSeriesId: null };
  if (pos.expiry <= now) {
    return {
      kind: "open",
      reason: `${name} expired at ${formatTime(pos.expiry)}`,
      settleSeriesId: pos.seriesId,
    };
  }
  const trigger = (pos.lowerStrike * BigInt(Math.round(10_000 + p.monetiseTriggerBps))) / 10_000n;
  if (volIndex >= trigger) {
    return {
      kind: "monetise",
      deadline: pos.expiry,
      reason:
        `${name} deep in the money: index ${formatLevel(volIndex)} ≥ ${formatLevel(trigger)} ` +
        `(lower strike ${formatLevel(pos.lowerStrike)} + ${p.monetiseTriggerBps / 100} %): take profit, re-strike above`,
    };
  }
  const daysLeft = (pos.expiry - now) / DAY;
  if (daysLeft <= p.rollWindowDays) {
    return {
      kind: "roll",
      deadline: pos.expiry,
      reason: `${name} expires in ${daysLeft.toFixed(1)} days ≤ roll window ${p.rollWindowDays}`,
    };
  }
  const clash = eventConflict(pos.expiry, input.events, input.postEventDays);
  if (clash !== undefined && now >= utcDayStart(clash.at) - p.rollWindowDays * DAY) {
    return {
      kind: "roll",
      deadline: utcDayStart(clash.at),
      reason:
        `${name} expiry ${formatTime(pos.expiry)} is within ${input.postEventDays} days after ${clash.kind} ` +
        `${formatTime(clash.at)}: roll before the event so coverage spans it`,
    };
  }
  return { kind: "keep" };
}

/** `chooseExpiry` for a layer's tenor window as of `now`, under the plan's events and taken weeks. */
function layerExpiry(
  now: UnixSeconds,
  p: LayerState["policy"],
  input: PlanLayersInput,
  takenWeeks: ReadonlySet<string>,
): ChooseExpiryResult {
  return chooseExpiry({
    now,
    minTenorDays: p.minTenorDays,
    maxTenorDays: p.maxTenorDays,
    holidays: input.holidays,
    events: input.events,
    postEventDays: input.postEventDays,
    takenWeeks,
  });
}

/**
 * The warning for a layer that found no valid expiry today. While its position stays live the grid
 * window moves forward a day at a time, so a later day may offer a valid expiry before the decision's
 * deadline: then the roll is only deferred (`RollDeferred`, naming that day). With no such day, or with
 * no live position to wait on, the vault would be left without the layer: `NoValidExpiry`, critical.
 */
function noExpiryWarning(
  name: string,
  why: string,
  decision: Exclude<Decision, { kind: "keep" }>,
  input: PlanLayersInput,
  p: LayerState["policy"],
  takenWeeks: ReadonlySet<string>,
): PlanWarning {
  if (decision.kind !== "open") {
    // At most one check per day until the deadline, which lies within the layer's tenor.
    for (let day = input.now + DAY; day < decision.deadline; day += DAY) {
      const later = layerExpiry(day, p, input, takenWeeks);
      if (later.ok) {
        return {
          level: "warn",
          code: "RollDeferred",
          message:
            `${name}: ${why} today; a valid expiry (${formatTime(later.expiry)}) opens up on ` +
            `${formatTime(day)}, before ${formatTime(decision.deadline)} (${decision.reason})`,
        };
      }
    }
  }
  return { level: "critical", code: "NoValidExpiry", message: `${name}: ${why} (${decision.reason})` };
}

/**
 * Time-shifting, event and monetisation rules for the hedge layers. Each layer is kept, opened,
 * rolled or monetised; new expiries come from the Wednesday 08:00 UTC grid inside the layer's tenor
 * window, never in the ISO week of another layer's expiry and never on/just after a macro event.
 * Layers inside their cooldown are left alone with a warning (the vault would reject the roll).
 */
export function planLayers(input: PlanLayersInput): { actions: Action[]; warnings: PlanWarning[] } {
  const actions: Action[] = [];
  const warnings: PlanWarning[] = [];
  const decisions = input.layers.map((l) => ({ layer: l, decision: decide(l, input) }));
  const takenWeeks = new Set<string>();
  for (const { layer, decision } of decisions) {
    if (decision.kind === "keep" && layer.position !== null)
      takenWeeks.add(isoWeekKey(layer.position.expiry));
  }
  for (const { layer, decision } of decisions) {
    if (decision.kind === "keep") continue;
    const p = layer.policy;
    const name = `L${layer.index + 1}`;
    if (decision.kind === "open" && decision.settleSeriesId !== null) {
      actions.push({
        type: "SettleSeries",
        seriesId: decision.settleSeriesId,
        maxPremium: 0n,
        reason: `${decision.reason}: settle series ${decision.settleSeriesId}`,
      });
    }
    if (p.notionalShareBps === 0) {
      // Governance switched the layer off (zero notional): nothing to open, and the vault would refuse a
      // zero-size trade. An expired position is still settled above.
      warnings.push({
        level: "info",
        code: "LayerDisabled",
        message: `${name} has zero notional: not opened`,
      });
      continue;
    }
    const readyAt = layer.lastRollAt + p.cooldownSeconds;
    if (input.now < readyAt) {
      warnings.push({
        level: "warn",
        code: "LayerCooldown",
        message: `${name} wants to act (${decision.reason}) but is in cooldown until ${formatTime(readyAt)}`,
      });
      if (layer.position !== null && layer.position.expiry > input.now)
        takenWeeks.add(isoWeekKey(layer.position.expiry));
      continue;
    }
    const lower = strikeAbove(input.volIndex, p.otmBps, input.strikeTick);
    let upper = strikeAbove(lower, p.widthBps, input.strikeTick);
    if (upper <= lower) upper = lower + input.strikeTick;
    const pos = layer.position;
    // A monetised layer keeps its expiry when that is still a valid, uncontested choice.
    let expiry: UnixSeconds | undefined;
    if (
      decision.kind === "monetise" &&
      pos !== null &&
      pos.expiry - input.now >= p.minTenorDays * DAY &&
      eventConflict(pos.expiry, input.events, input.postEventDays) === undefined &&
      !takenWeeks.has(isoWeekKey(pos.expiry))
    ) {
      expiry = pos.expiry;
    } else {
      const chosen = layerExpiry(input.now, p, input, takenWeeks);
      if (!chosen.ok) {
        warnings.push(noExpiryWarning(name, chosen.reason, decision, input, p, takenWeeks));
        if (pos !== null && pos.expiry > input.now) takenWeeks.add(isoWeekKey(pos.expiry));
        continue;
      }
      expiry = chosen.expiry;
    }
    takenWeeks.add(isoWeekKey(expiry));
    const intensityBps = Math.round(input.intensity * 10_000);
    const notional = shareOf(shareOf(input.nav, p.notionalShareBps), intensityBps);
    const size = unitsForAmount(notional, lower);
    if (size === 0n) {
      warnings.push({
        level: "warn",
        code: "SizeZero",
        message: `${name}: notional ${formatAmount(notional)} is too small for one unit at strike ${formatLevel(lower)} (${decision.reason})`,
      });
      continue;
    }
    const common = {
      layer: layer.index,
      newLowerStrike: lower,
      newUpperStrike: upper,
      newExpiry: expiry,
      size,
      maxPremium: p.maxPremium,
    };
    const strikes = `${formatLevel(lower)}/${formatLevel(upper)} exp ${formatTime(expiry)}`;
    if (decision.kind === "monetise" && pos !== null) {
      actions.push({
        type: "MonetiseLayer",
        closeSeriesId: pos.seriesId,
        ...common,
        reason: `${decision.reason} → ${strikes}`,
      });
    } else {
      actions.push({
        type: "RollLayer",
        closeSeriesId: decision.kind === "roll" && pos !== null ? pos.seriesId : null,
        ...common,
        reason: `${decision.reason} → ${strikes}`,
      });
    }
  }
  return { actions, warnings };
}
