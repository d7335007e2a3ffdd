import type { UnixSeconds } from "../types.js";

/** The macro calendar file is malformed. */
export class MacroCalendarInvalidError extends Error {
  override readonly name = "MacroCalendarInvalidError";
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`macro calendar invalid at ${path}: ${detail}`);
  }
}

/** The calendar does not cover a year the plan needs (raised only in strict mode). */
export class MacroCalendarYearMissingError extends Error {
  override readonly name = "MacroCalendarYearMissingError";
  constructor(
    readonly year: number,
    readonly kind: string,
    readonly status: string,
  ) {
    super(`macro calendar: ${kind} ${year} is ${status}; refusing to plan as if there were no events`);
  }
}

/** A line of the breadth CSV could not be parsed. */
export class BreadthCsvError extends Error {
  override readonly name = "BreadthCsvError";
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`breadth CSV line ${line}: ${detail}`);
  }
}

/** An indicator was asked for with too few inputs. */
export class NotEnoughDataError extends Error {
  override readonly name = "NotEnoughDataError";
  constructor(
    readonly indicator: string,
    readonly needed: number,
    readonly got: number,
  ) {
    super(`${indicator}: not enough history yet (needs ${needed} values, has ${got})`);
  }
}

/** The feed's last round is older than allowed. */
export class StaleFeedError extends Error {
  override readonly name = "StaleFeedError";
  constructor(
    readonly lastUpdatedAt: UnixSeconds,
    readonly now: UnixSeconds,
    readonly maxAgeSeconds: number,
  ) {
    super(`feed stale: last round at ${lastUpdatedAt}, now ${now}, max age ${maxAgeSeconds}s`);
  }
}

/** Consecutive trading days without any feed round exceed the allowed gap. */
export class FeedGapError extends Error {
  override readonly name = "FeedGapError";
  constructor(
    readonly fromDay: string,
    readonly toDay: string,
    readonly missingDays: number,
    readonly maxMissingDays: number,
  ) {
    super(
      `feed gap: ${missingDays} trading days without a round between ${fromDay} and ${toDay} (max ${maxMissingDays})`,
    );
  }
}

/** Intensity bounds are not a valid interval. */
export class IntensityBoundsError extends Error {
  override readonly name = "IntensityBoundsError";
  constructor(
    readonly min: number,
    readonly max: number,
  ) {
    super(`intensity bounds invalid: min ${min}, max ${max} (need 0 < min ≤ max)`);
  }
}
