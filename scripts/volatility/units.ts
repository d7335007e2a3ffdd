// Time units shared by the oracle: seconds on-chain, ACT/365 year fractions in Black-76.

/** Seconds in a day. */
export const DAY = 86_400;
/** Seconds in an ACT/365 year (the pool's Black-76 convention). */
export const SECONDS_PER_YEAR = 365 * DAY;

/** ACT/365 year fraction of `seconds`. */
export function years(seconds: number): number {
  return seconds / SECONDS_PER_YEAR;
}
