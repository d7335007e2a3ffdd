import type {
  Action,
  Amount,
  IndexLevel,
  LadderPolicy,
  LayerState,
  MacroEvent,
  PlanWarning,
  UnixSeconds,
  Wad,
} from "../types.js";
import { chooseExpiry, type ChooseExpiryResult, type ExpiryRelaxation } from "./chooseExpiry.js";
import { eventConflict } from "./eventConflict.js";
import { formatAmount, formatLevel, formatTime, formatUnits } from "./format.js";
import { intensityWad, ladderCash, ladderSize } from "./ladderSize.js";
import { strikeAbove } from "./strikes.js";
import { DAY, isoWeekKey, utcDayStart } from "./time.js";

const WAD = 10n ** 18n;

export interface PlanLayersInput {
  now: UnixSeconds;
  layers: readonly LayerState[];
  /** Current volatility index level. */
  volIndex: IndexLevel;
  /** The vault's lastNav (6 decimals): what it sizes the ladder from. */
  nav: Amount;
  /** How the vault sizes the ladder (its own values). */
  ladder: LadderPolicy;
  /** The volatility surface's 30-day forward factor (WAD, ≥ 1: contango), as the vault reads it. */
  volTermFactor: Wad;
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
 * What a layer should do. A roll has a `deadline`: the moment after which acting no longer serves its purpose (the
 * position's expiry, or the start of the event day a roll must precede).
 */
type Decision =
  | { kind: "keep" }
  | { kind: "wait"; warning: PlanWarning }
  | { kind: "open"; reason: string; settleSeriesId: bigint | null; reentry: boolean }
  | { kind: "roll"; reason: string; deadline: UnixSeconds }
  | { kind: "monetise"; reason: string };

/**
 * Re-entry of a monetised layer (the vault's `LayerReentryBlocked` rule): after `reentryDelaySeconds`, and with the
 * volatility index back at or below the sold spread's lower strike or its term structure back in contango.
 */
function reentry(layer: LayerState, input: PlanLayersInput, name: string): Decision {
  const level = layer.reentryLevel as IndexLevel;
  const availableAt = layer.lastRollAt + input.ladder.reentryDelaySeconds;
  const calm = input.volIndex <= level || input.volTermFactor >= WAD;
  const curve = `30-day forward factor ${(Number(input.volTermFactor) / 1e18).toFixed(3)}`;
  if (input.now >= availableAt && calm) {
    return {
      kind: "open",
      settleSeriesId: null,
      reentry: true,
      reason:
        `${name} re-entry after its monetisation: ` +
        (input.volIndex <= level
          ? `index ${formatLevel(input.volIndex)} ≤ ${formatLevel(level)}`
          : `the volatility curve is back in contango (${curve})`),
    };
  }
  const why =
    input.now < availableAt
      ? `re-entry delay until ${formatTime(availableAt)}`
      : `index ${formatLevel(input.volIndex)} > ${formatLevel(level)} and the curve in backwardation (${curve})`;
  return {
    kind: "wait",
    warning: {
      level: "info",
      code: "ReentryWaiting",
      message: `${name} monetised, stays empty: ${why} (no buying at the top)`,
    },
  };
}

function decide(layer: LayerState, input: PlanLayersInput): Decision {
  const { now, volIndex } = input;
  const p = layer.policy;
  const pos = layer.position;
  const name = `L${layer.index + 1}`;
  if (pos === null) {
    if (layer.reentryLevel !== null) return reentry(layer, input, name);
    return { kind: "open", reason: `${name} holds no spread`, settleSeriesId: null, reentry: false };
  }
  if (pos.expiry <= now) {
    return {
      kind: "open",
      reason: `${name} expired at ${formatTime(pos.expiry)}`,
      settleSeriesId: pos.seriesId,
      reentry: false,
    };
  }
  const trigger = (pos.lowerStrike * BigInt(Math.round(10_000 + p.monetiseTriggerBps))) / 10_000n;
  if (volIndex >= trigger) {
    return {
      kind: "monetise",
      reason:
        `${name} deep in the money: index ${formatLevel(volIndex)} ≥ ${formatLevel(trigger)} ` +
        `(lower strike ${formatLevel(pos.lowerStrike)} + ${p.monetiseTriggerBps / 100} %): take the profit, ` +
        `stay empty until re-entry`,
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
  maxRelaxation: ExpiryRelaxation = "strict",
): ChooseExpiryResult {
  return chooseExpiry(
    {
      now,
      minTenorDays: p.minTenorDays,
      maxTenorDays: p.maxTenorDays,
      holidays: input.holidays,
      events: input.events,
      postEventDays: input.postEventDays,
      takenWeeks,
    },
    maxRelaxation,
  );
}

/**
 * The expiry of a layer purchase. The strict choice first. Without one: a live position whose deadline lies ahead
 * waits for a day on which a strict expiry opens up (`RollDeferred`, the layer keeps its spread meanwhile); an empty
 * layer, or a roll with no such day before its deadline, takes the nearest acceptable expiry by the documented
 * relaxation (`ExpiryRelaxed`) instead of staying empty. Only when even that finds none (a tenor window with no
 * business day) is it a critical `NoValidExpiry`.
 */
function purchaseExpiry(
  name: string,
  decision: Extract<Decision, { kind: "open" | "roll" }>,
  input: PlanLayersInput,
  p: LayerState["policy"],
  takenWeeks: ReadonlySet<string>,
): { expiry: UnixSeconds; warning?: PlanWarning } | { warning: PlanWarning } {
  const strict = layerExpiry(input.now, p, input, takenWeeks);
  if (strict.ok) return { expiry: strict.expiry };
  if (decision.kind === "roll") {
    // At most one check per day until the deadline, which lies within the layer's tenor.
    for (let day = input.now + DAY; day < decision.deadline; day += DAY) {
      const later = layerExpiry(day, p, input, takenWeeks);
      if (later.ok) {
        return {
          warning: {
            level: "warn",
            code: "RollDeferred",
            message:
              `${name}: ${strict.reason} today; a valid expiry (${formatTime(later.expiry)}) opens up on ` +
              `${formatTime(day)}, before ${formatTime(decision.deadline)} (${decision.reason})`,
          },
        };
      }
    }
  }
  const relaxed = layerExpiry(input.now, p, input, takenWeeks, "event day");
  if (!relaxed.ok) {
    return {
      warning: {
        level: "critical",
        code: "NoValidExpiry",
        message: `${name}: ${relaxed.reason} (${decision.reason})`,
      },
    };
  }
  return {
    expiry: relaxed.expiry,
    warning: {
      level: "warn",
      code: "ExpiryRelaxed",
      message: `${name}: ${strict.reason}; relaxed to "${relaxed.relaxation}": ${formatTime(relaxed.expiry)} (${decision.reason})`,
    },
  };
}

/**
 * Time-shifting, event, monetisation and re-entry rules for the hedge layers. Each layer is kept, opened, rolled or
 * monetised; new expiries come from the Wednesday 08:00 UTC grid inside the layer's tenor window, never in the ISO
 * week of another layer's expiry and never on/just after a macro event (relaxed step by step when no such expiry
 * exists, see `purchaseExpiry`). A monetisation only sells: the layer stays empty until re-entry is allowed. Sizes
 * are the vault's: the layer's share of the ladder sized to the condor's stress loss (`ladderSize.ts`). Layers
 * inside their cooldown are left alone with a warning (the vault would reject the roll).
 */
export function planLayers(input: PlanLayersInput): { actions: Action[]; warnings: PlanWarning[] } {
  const actions: Action[] = [];
  const warnings: PlanWarning[] = [];
  const decisions = input.layers.map((l) => ({ layer: l, decision: decide(l, input) }));
  const takenWeeks = new Set<string>();
  for (const { layer, decision } of decisions) {
    if ((decision.kind === "keep" || decision.kind === "monetise") && layer.position !== null)
      takenWeeks.add(isoWeekKey(layer.position.expiry));
  }
  for (const { layer, decision } of decisions) {
    if (decision.kind === "keep") continue;
    const p = layer.policy;
    const name = `L${layer.index + 1}`;
    const pos = layer.position;
    if (decision.kind === "wait") {
      warnings.push(decision.warning);
      continue;
    }
    if (decision.kind === "monetise" && pos !== null) {
      // Taking profit is never blocked by the cooldown or the budget: it only sells.
      actions.push({
        type: "MonetiseLayer",
        layer: layer.index,
        closeSeriesId: pos.seriesId,
        maxPremium: 0n,
        reason: decision.reason,
      });
      continue;
    }
    if (decision.kind === "monetise") continue;
    if (decision.kind === "open" && decision.settleSeriesId !== null) {
      actions.push({
        type: "SettleSeries",
        seriesId: decision.settleSeriesId,
        maxPremium: 0n,
        reason: `${decision.reason}: settle series ${decision.settleSeriesId}`,
      });
    }
    if (p.weight === 0n) {
      // Governance switched the layer off (zero weight): nothing to open, and the vault would refuse a zero-size
      // trade. An expired position is still settled above.
      warnings.push({ level: "info", code: "LayerDisabled", message: `${name} has zero weight: not opened` });
      continue;
    }
    const readyAt = layer.lastRollAt + p.cooldownSeconds;
    if (input.now < readyAt) {
      warnings.push({
        level: "warn",
        code: "LayerCooldown",
        message: `${name} wants to act (${decision.reason}) but is in cooldown until ${formatTime(readyAt)}`,
      });
      if (pos !== null && pos.expiry > input.now) takenWeeks.add(isoWeekKey(pos.expiry));
      continue;
    }
    const lower = strikeAbove(input.volIndex, p.otmBps, input.strikeTick);
    let upper = strikeAbove(lower, p.widthBps, input.strikeTick);
    if (upper <= lower) upper = lower + input.strikeTick;
    const chosen = purchaseExpiry(name, decision, input, p, takenWeeks);
    if (chosen.warning !== undefined) warnings.push(chosen.warning);
    if (!("expiry" in chosen)) {
      if (pos !== null && pos.expiry > input.now) takenWeeks.add(isoWeekKey(pos.expiry));
      continue;
    }
    const expiry = chosen.expiry;
    takenWeeks.add(isoWeekKey(expiry));
    const { ladder } = input;
    // A re-entry after a monetisation is never boosted (the vault caps its intensity at 1).
    const reentry = decision.kind === "open" && decision.reentry;
    const maxIntensity = reentry && ladder.maxIntensity > WAD ? WAD : ladder.maxIntensity;
    const intensity = intensityWad(input.intensity, ladder.minIntensity, maxIntensity);
    const cash = ladderCash(input.nav, ladder, p.weight, intensity);
    const size = ladderSize(cash, input.volIndex, ladder.stressRise, lower, upper, ladder.cashScale);
    if (size === 0n) {
      warnings.push({
        level: "warn",
        code: "SizeZero",
        message: `${name}: the ladder's stress payoff for it (${formatAmount(cash)}) buys no contract of ${formatLevel(lower)}/${formatLevel(upper)} (${decision.reason})`,
      });
      continue;
    }
    const strikes = `${formatLevel(lower)}/${formatLevel(upper)} exp ${formatTime(expiry)}`;
    actions.push({
      type: "RollLayer",
      layer: layer.index,
      closeSeriesId: decision.kind === "roll" && pos !== null ? pos.seriesId : null,
      newLowerStrike: lower,
      newUpperStrike: upper,
      newExpiry: expiry,
      size,
      intensity,
      maxPremium: p.maxPremium,
      reason: `${decision.reason} → ${strikes}, ${formatUnits(size)} (pays ${formatAmount(cash)} in the stress scenario)`,
    });
  }
  return { actions, warnings };
}
