import { NotEnoughDataError } from "../errors.js";
import { ema } from "./ema.js";

export interface MacdSeries {
  /** EMA(fast) − EMA(slow); element k belongs to input index k + slow − 1. */
  macd: number[];
  /** EMA(signal) of the MACD line; element k belongs to input index k + slow + signal − 2. */
  signal: number[];
  /** MACD − signal, aligned with `signal`. */
  histogram: number[];
}

/** MACD(fast, slow, signal), classic parameters 12/26/9, SMA-seeded EMAs. */
export function macd(closes: readonly number[], fast = 12, slow = 26, signalPeriod = 9): MacdSeries {
  const needed = slow + signalPeriod - 1;
  if (closes.length < needed)
    throw new NotEnoughDataError(`MACD(${fast},${slow},${signalPeriod})`, needed, closes.length);
  const fastEma = ema(closes, fast).slice(slow - fast);
  const slowEma = ema(closes, slow);
  const line = slowEma.map((s, k) => (fastEma[k] as number) - s);
  const signal = ema(line, signalPeriod);
  const histogram = signal.map((s, k) => (line[k + signalPeriod - 1] as number) - s);
  return { macd: line, signal, histogram };
}
