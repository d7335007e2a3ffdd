import type { BreadthRow, FeedRound, PlanWarning, UnixSeconds } from "../../types.js";
import { FeedGapError, NotEnoughDataError, StaleFeedError } from "../errors.js";
import { advanceDeclineLine } from "./advanceDeclineLine.js";
import { dailyCloses } from "./dailyCloses.js";
import { ema } from "./ema.js";
import {
  type Intensity,
  type IntensityInputs,
  type IntensityPolicy,
  intensityMultiplier,
} from "./intensityMultiplier.js";
import { rsi } from "./rsi.js";

export interface SignalOptions {
  now: UnixSeconds;
  maxFeedAgeSeconds: number;
  maxMissingDays: number;
  holidays: ReadonlySet<string>;
  /** A/D change is measured over this many rows. */
  breadthLookback: number;
  /** Newest breadth row may be at most this many days old. */
  maxBreadthAgeDays: number;
}

export interface SignalResult {
  intensity: Intensity;
  inputs: IntensityInputs;
  /** False when the volatility feed was stale: its level must not be used to place strikes. */
  volFeedFresh: boolean;
  warnings: PlanWarning[];
}

/** The MACD line (EMA12 − EMA26) of the closes, latest value. */
function macdLine(closes: readonly number[]): number {
  const slow = ema(closes, 26);
  const fast = ema(closes, 12);
  return (fast.at(-1) as number) - (slow.at(-1) as number);
}

/** Runs one signal, turning "not enough history yet" into a warm-up warning. */
function tryValue(warnings: PlanWarning[], what: string, f: () => number): number | undefined {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof NotEnoughDataError)) throw e;
    warnings.push({ level: "warn", code: "SignalUnavailable", message: `${what}: ${e.message}` });
    return undefined;
  }
}

/**
 * The signals behind the intensity multiplier (see `IntensityPolicy`): RSI(14) and the MACD line of the EQUITY
 * index's daily closes, the A/D line change and the volatility index's latest level. The volatility rounds decide
 * only whether its level is fresh enough to place strikes. Each failing input is reported as a warning and scores 0.
 */
export function computeIntensity(
  feeds: { volRounds: readonly FeedRound[]; equityRounds: readonly FeedRound[] },
  breadth: readonly BreadthRow[] | undefined,
  policy: IntensityPolicy,
  options: SignalOptions,
): SignalResult {
  const warnings: PlanWarning[] = [];
  const inputs: IntensityInputs = {};
  const closesOpts = {
    now: options.now,
    maxAgeSeconds: options.maxFeedAgeSeconds,
    maxMissingDays: options.maxMissingDays,
    holidays: options.holidays,
  };
  let volFeedFresh = true;
  try {
    dailyCloses(feeds.volRounds, closesOpts);
    const latest = [...feeds.volRounds]
      .filter((r) => r.updatedAt <= options.now && r.answer > 0n)
      .sort((a, b) => b.updatedAt - a.updatedAt)[0];
    if (latest !== undefined) inputs.volLevel = Number(latest.answer) / 1e8;
  } catch (e) {
    if (e instanceof StaleFeedError) {
      volFeedFresh = false;
      warnings.push({ level: "critical", code: "VolFeedStale", message: e.message });
    } else if (e instanceof FeedGapError || e instanceof NotEnoughDataError) {
      warnings.push({ level: "warn", code: "VolFeedGap", message: e.message });
    } else throw e;
  }
  try {
    const closes = dailyCloses(feeds.equityRounds, closesOpts).map((c) => c.close);
    inputs.rsi = tryValue(warnings, "equity index", () => rsi(closes).at(-1) as number);
    inputs.macd = tryValue(warnings, "equity index", () => macdLine(closes));
  } catch (e) {
    // A stale equity feed is reported by the condor's rules (EquityFeedStale); here it only scores 0.
    if (e instanceof StaleFeedError || e instanceof FeedGapError || e instanceof NotEnoughDataError) {
      warnings.push({ level: "warn", code: "EquitySignalsUnavailable", message: e.message });
    } else throw e;
  }
  if (breadth === undefined || breadth.length === 0) {
    warnings.push({ level: "info", code: "BreadthUnavailable", message: "no breadth file: A/D score 0" });
  } else {
    const newest = breadth[breadth.length - 1] as BreadthRow;
    const ageDays = (options.now - Date.parse(`${newest.date}T00:00:00Z`) / 1000) / 86_400;
    if (ageDays > options.maxBreadthAgeDays) {
      warnings.push({
        level: "warn",
        code: "BreadthStale",
        message: `breadth file ends ${newest.date} (${Math.floor(ageDays)} days ago > ${options.maxBreadthAgeDays}): A/D score 0`,
      });
    } else if (breadth.length <= options.breadthLookback) {
      warnings.push({
        level: "warn",
        code: "SignalUnavailable",
        message: `A/D line: needs more than ${options.breadthLookback} rows, got ${breadth.length}`,
      });
    } else {
      const line = advanceDeclineLine(breadth);
      inputs.adChange = (line.at(-1) as number) - (line.at(-1 - options.breadthLookback) as number);
    }
  }
  const intensity = intensityMultiplier(inputs, policy);
  if (intensity.clamped) {
    warnings.push({
      level: "info",
      code: "IntensityClamped",
      message: `intensity ${intensity.raw.toFixed(3)} clamped to ${intensity.value} [${policy.min}, ${policy.max}]`,
    });
  }
  return { intensity, inputs, volFeedFresh, warnings };
}
