import type { BreadthRow, FeedRound, PlanWarning, UnixSeconds } from "../../types.js";
import { FeedGapError, NotEnoughDataError, StaleFeedError } from "../errors.js";
import { advanceDeclineLine } from "./advanceDeclineLine.js";
import { dailyCloses } from "./dailyCloses.js";
import {
  type Intensity,
  type IntensityInputs,
  type IntensityPolicy,
  intensityMultiplier,
} from "./intensityMultiplier.js";
import { macd } from "./macd.js";
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

/**
 * RSI(14), MACD(12,26,9) on the volatility index's daily closes and the A/D line change, combined
 * into the clamped intensity multiplier. Each failing input is reported as a warning and scores 0.
 */
export function computeIntensity(
  rounds: readonly FeedRound[],
  breadth: readonly BreadthRow[] | undefined,
  policy: IntensityPolicy,
  options: SignalOptions,
): SignalResult {
  const warnings: PlanWarning[] = [];
  const inputs: IntensityInputs = {};
  let volFeedFresh = true;
  try {
    const closes = dailyCloses(rounds, {
      now: options.now,
      maxAgeSeconds: options.maxFeedAgeSeconds,
      maxMissingDays: options.maxMissingDays,
      holidays: options.holidays,
    }).map((c) => c.close);
    try {
      inputs.rsi = rsi(closes).at(-1);
    } catch (e) {
      if (!(e instanceof NotEnoughDataError)) throw e;
      warnings.push({ level: "warn", code: "SignalUnavailable", message: e.message });
    }
    try {
      inputs.macdHistogram = macd(closes).histogram.at(-1);
    } catch (e) {
      if (!(e instanceof NotEnoughDataError)) throw e;
      warnings.push({ level: "warn", code: "SignalUnavailable", message: e.message });
    }
  } catch (e) {
    if (e instanceof StaleFeedError) {
      volFeedFresh = false;
      warnings.push({ level: "critical", code: "VolFeedStale", message: e.message });
    } else if (e instanceof FeedGapError || e instanceof NotEnoughDataError) {
      warnings.push({ level: "warn", code: "VolFeedGap", message: e.message });
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
