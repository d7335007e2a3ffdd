// Volatility spikes of a replayed window and what each party lost in them.
//
// The rule (docs/report.md): day t is a spike day when its volatility-index close is at least (1 + rise) times
// the lowest close of the `withinDays` trading days before it; that lowest day s is "the close before the
// spike" and [s, t] the spike's window. Windows that overlap, or follow each other with no trading day between
// them (a rise that goes on for longer than `withinDays`, like a 2020-style crash), are merged into one event
// (start: the earliest s, end: the last spike day, peak: the highest close in between). A party's event loss is its value
// at its lowest close over the `lossWindowDays` trading days after s minus its value at s (negative: a loss);
// a window cut short by the end of the replay is reported with the days it has.

export interface SpikeRule {
  /** Rise of the close over the lowest close before it, as a fraction (0.5 = +50 %). */
  rise: number;
  /** How many trading days before a close its base may lie. */
  withinDays: number;
  /** Trading days after the close before the spike in which the lowest value is taken. */
  lossWindowDays: number;
}

export const DEFAULT_SPIKE_RULE: SpikeRule = { rise: 0.5, withinDays: 5, lossWindowDays: 30 };

/** One spike, by day index. */
export interface Spike {
  /** The close before the spike (the base of the rise). */
  start: number;
  /** The highest close of the spike's window. */
  peak: number;
  /** The last day that met the rule. */
  end: number;
}

/** The rule in words (shown on the page and in frontier.html). */
export function spikeRuleText(rule: SpikeRule = DEFAULT_SPIKE_RULE): string {
  return (
    `a spike is a volatility-index close at least ${Math.round(rule.rise * 100)} % above the lowest close of ` +
    `the ${rule.withinDays} trading days before it; spikes that overlap or follow on the next trading day are ` +
    "merged into one event; each party's event loss is " +
    `its lowest value over the ${rule.lossWindowDays} trading days after the close before the spike minus ` +
    "its value at that close"
  );
}

/** The spikes of `vix` (daily closes), merged, in date order. */
export function findSpikes(vix: readonly number[], rule: SpikeRule = DEFAULT_SPIKE_RULE): Spike[] {
  if (!(rule.rise > 0) || !Number.isInteger(rule.withinDays) || rule.withinDays < 1) {
    throw new Error(`spikes: rule ${JSON.stringify(rule)} needs rise > 0 and withinDays >= 1`);
  }
  const windows: { start: number; end: number }[] = [];
  for (let t = 1; t < vix.length; t++) {
    let base = Math.max(0, t - rule.withinDays);
    for (let j = base + 1; j < t; j++) if (vix[j]! < vix[base]!) base = j;
    if (vix[t]! >= (1 + rule.rise) * vix[base]!) windows.push({ start: base, end: t });
  }
  windows.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const w of windows) {
    const last = merged.at(-1);
    if (last !== undefined && w.start <= last.end + 1) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  return merged.map(({ start, end }) => {
    let peak = start;
    for (let i = start; i <= end; i++) if (vix[i]! > vix[peak]!) peak = i;
    return { start, peak, end };
  });
}

/** A party's event loss in one spike: lowest value over the loss window minus the value at the start. */
export interface EventLoss {
  /** Dollars, signed: negative is a loss. */
  loss: number;
  /** `loss` as a fraction of the value at the close before the spike. */
  fraction: number;
  /** Day index of the lowest value. */
  lowest: number;
  /** Trading days in the loss window (fewer than the rule's when the replay ends first). */
  windowDays: number;
}

/** The event loss of the series `values` (one per day) in `spike`. */
export function eventLoss(
  values: readonly number[],
  spike: Spike,
  rule: SpikeRule = DEFAULT_SPIKE_RULE,
): EventLoss {
  const last = Math.min(spike.start + rule.lossWindowDays, values.length - 1);
  const before = values[spike.start]!;
  let lowest = spike.start + 1;
  for (let i = lowest; i <= last; i++) if (values[i]! < values[lowest]!) lowest = i;
  if (lowest > last) return { loss: 0, fraction: 0, lowest: spike.start, windowDays: 0 };
  const loss = values[lowest]! - before;
  return { loss, fraction: before > 0 ? loss / before : 0, lowest, windowDays: last - spike.start };
}
