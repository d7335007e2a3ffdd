import { NotEnoughDataError } from "../errors.js";

/**
 * Exponential moving average with α = 2 / (period + 1), seeded with the simple average of the first
 * `period` values. Element k of the result belongs to input index k + period − 1.
 */
export function ema(values: readonly number[], period: number): number[] {
  if (values.length < period) throw new NotEnoughDataError(`EMA(${period})`, period, values.length);
  const alpha = 2 / (period + 1);
  let prev = values.slice(0, period).reduce((s, v) => s + v, 0) / period;
  const out = [prev];
  for (let k = period; k < values.length; k++) {
    prev = alpha * (values[k] as number) + (1 - alpha) * prev;
    out.push(prev);
  }
  return out;
}
