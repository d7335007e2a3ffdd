import { IntensityBoundsError } from "../errors.js";

/**
 * How the signals steer the ladder's size. Protection is bought when it is cheap and the market is calm — a rising
 * equity index, a low volatility index — and more of it when breadth weakens under a rising index; it is cut after
 * a sell-off, when the volatility index is already high and the calls are dear. Every signal is read on the equity
 * index, the breadth and the volatility index's LEVEL, never on the volatility index's momentum (which peaks right
 * after a spike, when buying protection is buying at the top).
 */
export interface IntensityPolicy {
  min: number;
  max: number;
  /** Weight of the equity index's RSI(14) score, (rsi − 50)/50: a steady rally → +, a sell-off → −. */
  rsiWeight: number;
  /** Weight of the equity index's trend: the sign of its MACD line (EMA12 − EMA26): uptrend +1, downtrend −1. */
  macdWeight: number;
  /** Weight of the breadth score (falling A/D line → +1, rising → −1). */
  breadthWeight: number;
  /** Weight of the volatility level score, clamp((calmLevel − index)/(calmLevel/2), −1, 1): calm → +. */
  levelWeight: number;
  /** The volatility index level (points) that scores 0 (below it protection is cheap). */
  calmLevel: number;
}

export interface IntensityInputs {
  /** Latest RSI(14) of the equity index, or undefined when unavailable. */
  rsi?: number | undefined;
  /** Latest MACD line (EMA12 − EMA26) of the equity index, or undefined. */
  macd?: number | undefined;
  /** Change of the A/D line over the lookback, or undefined. */
  adChange?: number | undefined;
  /** The volatility index's latest level (points), or undefined. */
  volLevel?: number | undefined;
}

export interface Intensity {
  /** Clamped multiplier. */
  value: number;
  /** Unclamped 1 + Σ weight × score, for logs. */
  raw: number;
  clamped: boolean;
}

const clamp1 = (x: number): number => Math.max(-1, Math.min(1, x));

/**
 * Turns signals into the hedge intensity multiplier: 1 + Σ weight × score, each score in [−1, 1] (see
 * `IntensityPolicy`). Missing signals score 0. Always clamped to [min, max].
 */
export function intensityMultiplier(inputs: IntensityInputs, policy: IntensityPolicy): Intensity {
  if (!(policy.min > 0 && policy.min <= policy.max)) throw new IntensityBoundsError(policy.min, policy.max);
  const rsiScore = inputs.rsi === undefined ? 0 : clamp1((inputs.rsi - 50) / 50);
  const macdScore = inputs.macd === undefined ? 0 : Math.sign(inputs.macd);
  const breadthScore = inputs.adChange === undefined ? 0 : -Math.sign(inputs.adChange);
  const levelScore =
    inputs.volLevel === undefined || !(policy.calmLevel > 0)
      ? 0
      : clamp1((policy.calmLevel - inputs.volLevel) / (policy.calmLevel / 2));
  const raw =
    1 +
    policy.rsiWeight * rsiScore +
    policy.macdWeight * macdScore +
    policy.breadthWeight * breadthScore +
    policy.levelWeight * levelScore;
  const value = Number.isFinite(raw) ? Math.min(policy.max, Math.max(policy.min, raw)) : 1;
  return { value, raw, clamped: value !== raw };
}
