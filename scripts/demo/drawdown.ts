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
