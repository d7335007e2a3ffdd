import { NotEnoughDataError } from "../errors.js";

/**
 * Wilder's RSI. The first average gain/loss is the simple mean of the first `period` changes; later
 * ones are smoothed as avg = (avg × (period − 1) + current) / period. Element k of the result belongs
 * to input index k + period. A flat series gives 50; no losses gives 100.
 */
export function rsi(closes: readonly number[], period = 14): number[] {
  if (closes.length < period + 1) throw new NotEnoughDataError(`RSI(${period})`, period + 1, closes.length);
  let gain = 0;
  let loss = 0;
  for (let k = 1; k <= period; k++) {
    const d = (closes[k] as number) - (closes[k - 1] as number);
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  const value = (): number =>
    gain === 0 && loss === 0 ? 50 : loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  const out = [value()];
  for (let k = period + 1; k < closes.length; k++) {
    const d = (closes[k] as number) - (closes[k - 1] as number);
    gain = (gain * (period - 1) + Math.max(d, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-d, 0)) / period;
    out.push(value());
  }
  return out;
}
