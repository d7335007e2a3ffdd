import type {
  Amount,
  BreadthRow,
  Condor,
  CondorPolicy,
  FeedRound,
  IndexLevel,
  LadderPolicy,
  LayerState,
  MacroCalendar,
  MacroEventKind,
  Plan,
  PlanWarning,
  UnixSeconds,
  Wad,
} from "../types.js";
import { applyBudget } from "./applyBudget.js";
import { calendarDecisionHorizon, DEFAULT_CALENDAR_CRITICAL_DAYS } from "./calendarDecisionHorizon.js";
import { checkCalendarCoverage } from "./checkCalendarCoverage.js";
import { eventsBetween } from "./eventsBetween.js";
import { formatDays, formatTime } from "./format.js";
import { planCondor } from "./planCondor.js";
import { planLayers } from "./planLayers.js";
import { computeIntensity } from "./signals/computeIntensity.js";
import type { IntensityPolicy } from "./signals/intensityMultiplier.js";
import { DAY } from "./time.js";

export interface KeeperState {
  now: UnixSeconds;
  /** The vault's lastNav: what it sizes positions from. */
  nav: Amount;
  /** Net layer spending the vault's cash press still allows in this budget window. */
  hedgeBudget: Amount;
  layers: readonly LayerState[];
  /** How the vault sizes the ladder from the condor's stress loss. */
  ladder: LadderPolicy;
  /** The volatility surface's 30-day forward factor (WAD, ≥ 1: contango), for re-entries. */
  volTermFactor: Wad;
  condor: Condor | null;
  condorPolicy: CondorPolicy;
  /** Latest rounds of the volatility index feed (for the level and the signals). */
  volRounds: readonly FeedRound[];
  /** Latest round of the equity index feed. */
  equityRound: FeedRound;
  /** Recent rounds of the equity index feed (for the signals). */
  equityRounds: readonly FeedRound[];
  breadth?: readonly BreadthRow[] | undefined;
  /** True when the vault has requests waiting for the epoch to be processed. */
  epochDue: boolean;
}

export interface RulesConfig {
  calendar: MacroCalendar;
  /** Event kinds whose full schedule must be known. */
  requiredEventKinds: readonly MacroEventKind[];
  /** Throw instead of warning when the calendar lacks a year a decision soon needs. */
  strictCalendar: boolean;
  /**
   * A missing/partial calendar year is critical only when a decision within this many days can depend on
   * it (default 7; see calendarDecisionHorizon); otherwise a warning.
   */
  calendarCriticalDays?: number;
  postEventDays: number;
  strikeTick: IndexLevel;
  equityStrikeTick: IndexLevel;
  intensity: IntensityPolicy;
  maxFeedAgeSeconds: number;
  maxMissingDays: number;
  breadthLookback: number;
  maxBreadthAgeDays: number;
}

/**
 * The keeper's whole decision, as a pure function: chain state in, plan out. Combines calendar
 * coverage, signals → intensity, layer rules, condor rules and the budget; never sends anything.
 */
export function planKeeperActions(state: KeeperState, config: RulesConfig): Plan {
  const { now } = state;
  const warnings: PlanWarning[] = [];
  const horizon = Math.max(
    state.condorPolicy.maxTenorDays,
    ...state.layers.map((l) => l.policy.maxTenorDays),
  );
  const to = now + (horizon + config.postEventDays) * DAY;
  const critical = calendarDecisionHorizon(
    now,
    state.layers,
    state.condorPolicy,
    config.calendarCriticalDays ?? DEFAULT_CALENDAR_CRITICAL_DAYS,
    config.postEventDays,
    state.nav,
  );
  warnings.push(
    ...checkCalendarCoverage(
      config.calendar,
      now,
      to,
      config.requiredEventKinds,
      config.strictCalendar,
      critical,
    ),
  );
  const events = eventsBetween(config.calendar, now - config.postEventDays * DAY, to);
  const holidays = new Set(config.calendar.marketHolidays);

  const signals = computeIntensity(
    { volRounds: state.volRounds, equityRounds: state.equityRounds },
    state.breadth,
    config.intensity,
    {
      now,
      maxFeedAgeSeconds: config.maxFeedAgeSeconds,
      maxMissingDays: config.maxMissingDays,
      holidays,
      breadthLookback: config.breadthLookback,
      maxBreadthAgeDays: config.maxBreadthAgeDays,
    },
  );
  warnings.push(...signals.warnings);

  const actions: Plan["actions"] = [];
  if (state.epochDue)
    actions.push({
      type: "ProcessEpoch",
      maxPremium: 0n,
      reason: "vault has pending requests for this epoch",
    });

  const latestVol = [...state.volRounds]
    .filter((r) => r.updatedAt <= now)
    .sort((a, b) => b.updatedAt - a.updatedAt)[0];
  if (signals.volFeedFresh && latestVol !== undefined) {
    const layers = planLayers({
      now,
      layers: state.layers,
      volIndex: latestVol.answer,
      nav: state.nav,
      ladder: state.ladder,
      volTermFactor: state.volTermFactor,
      intensity: signals.intensity.value,
      events,
      holidays,
      postEventDays: config.postEventDays,
      strikeTick: config.strikeTick,
    });
    actions.push(...layers.actions);
    warnings.push(...layers.warnings);
  } else {
    warnings.push({
      level: "critical",
      code: "LayersSkipped",
      message: "volatility feed stale or empty: no layer action planned",
    });
  }

  if (now - state.equityRound.updatedAt > config.maxFeedAgeSeconds || state.equityRound.answer <= 0n) {
    warnings.push({
      level: "critical",
      code: "EquityFeedStale",
      message: `equity feed last updated ${formatTime(state.equityRound.updatedAt)} (now ${formatTime(now)}, max age ${formatDays(config.maxFeedAgeSeconds / DAY)} days): no condor action planned`,
    });
  } else {
    const condor = planCondor({
      now,
      condor: state.condor,
      policy: state.condorPolicy,
      equityIndex: state.equityRound.answer,
      nav: state.nav,
      events,
      holidays,
      strikeTick: config.equityStrikeTick,
      volTermFactor: state.volTermFactor,
    });
    actions.push(...condor.actions);
    warnings.push(...condor.warnings);
  }

  const budgeted = applyBudget(actions, state.hedgeBudget);
  warnings.push(...budgeted.warnings);
  return { createdAt: now, intensity: signals.intensity.value, actions: budgeted.actions, warnings };
}
