// Drawdowns: how far a value series sits below its running peak, as a fraction of that peak.

/** The drawdown on each day: `1 - value / runningPeak` (0 at a new high; 0 while the peak is not positive). */
export function drawdownSeries(values: readonly number[]): number[] {
  let peak = -Infinity;
  return values.map((v) => {
    if (!Number.isFinite(v)) throw new Error(`drawdown: value ${v} is not a finite number`);
    peak = Math.max(peak, v);
    return peak > 0 ? Math.max(0, 1 - v / peak) : 0;
  });
}

/** The worst peak-to-trough fall, as a fraction of the peak (0.25 = -25 %), with where it happened. */
export function maxDrawdown(values: readonly number[]): {
  maxDrawdown: number;
  peak: number;
  trough: number;
} {
  const dd = drawdownSeries(values);
  let trough = 0;
  for (let i = 1; i < dd.length; i++) if (dd[i]! > dd[trough]!) trough = i;
  let peak = trough;
  for (let i = 0; i <= trough; i++) if (values[i]! >= values[peak]!) peak = i;
  return { maxDrawdown: dd[trough] ?? 0, peak, trough };
}

/**
 * The worst fall below the first value, as a fraction of it (0.05 = 5 % of the start lost at the lowest
 * point; 0 when the series never went below its start), with where it happened. Unlike {@link maxDrawdown},
 * gains made and given back do not count: only capital lost.
 */
export function maxLossBelowStart(values: readonly number[]): { loss: number; at: number } {
  const start = values[0];
  if (start === undefined || !(start > 0)) return { loss: 0, at: 0 };
  let at = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! < values[at]!) at = i;
  return { loss: Math.max(0, 1 - values[at]! / start), at };
}
