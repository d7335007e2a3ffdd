import { IntensityBoundsError } from "../errors.js";

export interface IntensityPolicy {
  min: number;
  max: number;
  /** Weight of the RSI score ((rsi − 50) / 50 ∈ [−1, 1]). */
  rsiWeight: number;
  /** Weight of the MACD score (sign of the histogram: rising volatility momentum → +1). */
  macdWeight: number;
  /** Weight of the breadth score (falling A/D line → +1, rising → −1). */
  breadthWeight: number;
}

export interface IntensityInputs {
  /** Latest RSI(14) of the volatility index, or undefined when unavailable. */
  rsi?: number | undefined;
  /** Latest MACD histogram of the volatility index, or undefined. */
  macdHistogram?: number | undefined;
  /** Change of the A/D line over the lookback, or undefined. */
  adChange?: number | undefined;
}

export interface Intensity {
  /** Clamped multiplier. */
  value: number;
  /** Unclamped 1 + Σ weight × score, for logs. */
  raw: number;
  clamped: boolean;
}

/**
 * Turns signals into the hedge intensity multiplier: 1 + Σ weight × score, where a rising volatility
 * index (RSI above 50, positive MACD histogram) and deteriorating breadth (falling A/D line) add
 * hedge. Missing signals score 0. Always clamped to [min, max].
 */
export function intensityMultiplier(inputs: IntensityInputs, policy: IntensityPolicy): Intensity {
  if (!(policy.min > 0 && policy.min <= policy.max)) throw new IntensityBoundsError(policy.min, policy.max);
  const rsiScore = inputs.rsi === undefined ? 0 : Math.max(-1, Math.min(1, (inputs.rsi - 50) / 50));
  const macdScore = inputs.macdHistogram === undefined ? 0 : Math.sign(inputs.macdHistogram);
  const breadthScore = inputs.adChange === undefined ? 0 : -Math.sign(inputs.adChange);
  const raw =
    1 + policy.rsiWeight * rsiScore + policy.macdWeight * macdScore + policy.breadthWeight * breadthScore;
  const value = Number.isFinite(raw) ? Math.min(policy.max, Math.max(policy.min, raw)) : 1;
  return { value: Math.min(policy.max, Math.max(policy.min, value)), raw, clamped: value !== raw };
}
