// The default market scenario: a seeded, generated daily path of a VIX-like volatility index and an
// SPX-like equity index, calibrated to published facts about the real VIX since 1990:
//   - long-run mean about 19.5, median about 17.6 (the distribution is right-skewed);
//   - record one-day rises: +115 % on 5 Feb 2018 (17.31 -> 37.32) and +65 % on 5 Aug 2024;
//   - record close 82.69 on 16 Mar 2020, reached about 21 trading days after a 14-handle, while the
//     S&P 500 fell about 34 % peak to trough; the VIX then took months to come back below 25.
// Model: log-VIX mean-reverts (Ornstein-Uhlenbeck) toward a level that depends on the regime, with
// scheduled events on top (a calm stretch, a 2018-style one-day spike with fast decay, a 2020-style crash
// along a Brownian bridge to 82.69 with slow decay, a 2024-style spike). SPX log returns load negatively on
// log-VIX moves (about -0.11), plus a small idiosyncratic term, plus the crash's drift.
import type { MarketDay } from "./marketDay.js";
import { createPrng } from "./prng.js";

/** Settings of the generated scenario. */
export interface ScenarioOptions {
  /** Number of trading days (weekends skipped). Default 756, about three years. At least 30. */
  days?: number;
  /** PRNG seed (integer). Default {@link DEFAULT_SCENARIO_SEED}. */
  seed?: number;
  /** First trading day, `YYYY-MM-DD` (moved forward to a weekday). Default `2022-01-03`. */
  start?: string;
}

export const DEFAULT_SCENARIO_DAYS = 756;
export const DEFAULT_SCENARIO_SEED = 8;
export const MIN_SCENARIO_DAYS = 30;
/** The VIX record close (16 Mar 2020) the crash peaks at. */
export const RECORD_VIX_CLOSE = 82.69;

const LN_SPIKE_2018 = Math.log(2.155); // 17.31 -> 37.32
const LN_SPIKE_2024 = Math.log(1.65);
const LN_RECORD = Math.log(RECORD_VIX_CLOSE);
const CALM_LEVEL = Math.log(12.2);
const NORMAL_LEVEL = Math.log(16.6);
const POST_CRASH_LEVEL = Math.log(27);
const CRASH_SPX_DRAWDOWN = 0.3;
const SPX_VIX_BETA = -0.11;

/** Indices of the scheduled events in a path of `n` days. */
interface Schedule {
  spike2018: number;
  crashStart: number;
  crashPeak: number;
  spike2024: number;
}

function schedule(n: number): Schedule {
  const crashStart = Math.round(0.5 * n);
  const ramp = Math.min(21, Math.max(5, Math.round(0.028 * n)));
  return {
    spike2018: Math.round(0.22 * n),
    crashStart,
    crashPeak: crashStart + ramp,
    spike2024: Math.round(0.85 * n),
  };
}

/** Regime parameters of log-VIX on day `t`: mean-reversion speed, level, daily volatility. */
function regime(t: number, s: Schedule): { kappa: number; level: number; sigma: number } {
  if (t < s.spike2018) return { kappa: 0.06, level: CALM_LEVEL, sigma: 0.05 };
  if (t <= s.spike2018 + 25) return { kappa: 0.12, level: NORMAL_LEVEL, sigma: 0.09 };
  if (t > s.crashPeak) {
    const since = t - s.crashPeak;
    const level = NORMAL_LEVEL + (POST_CRASH_LEVEL - NORMAL_LEVEL) * Math.exp(-since / 90);
    if (t > s.spike2024 && t <= s.spike2024 + 20) return { kappa: 0.14, level, sigma: 0.09 };
    return { kappa: since < 160 ? 0.03 : 0.045, level, sigma: 0.075 };
  }
  return { kappa: 0.045, level: NORMAL_LEVEL, sigma: 0.075 };
}

function tradingDates(start: string, n: number): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (m === null) throw new Error(`scenario: start "${start}" is not a YYYY-MM-DD date`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== start) {
    throw new Error(`scenario: start "${start}" is not a calendar date`);
  }
  const dates: string[] = [];
  while (dates.length < n) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) dates.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return dates;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * Generates the default scenario: `days` trading days of VIX-like and SPX-like closes. Same options, same
 * path, on every machine.
 */
export function generateScenario(options: ScenarioOptions = {}): MarketDay[] {
  const n = options.days ?? DEFAULT_SCENARIO_DAYS;
  const seed = options.seed ?? DEFAULT_SCENARIO_SEED;
  if (!Number.isInteger(n) || n < MIN_SCENARIO_DAYS || n > 100_000) {
    throw new Error(`scenario: days must be an integer from ${MIN_SCENARIO_DAYS} to 100000, got ${n}`);
  }
  if (!Number.isSafeInteger(seed)) throw new Error(`scenario: seed must be an integer, got ${seed}`);
  const dates = tradingDates(options.start ?? "2022-01-03", n);
  const rng = createPrng(seed);
  const s = schedule(n);

  // The crash ramp: a Brownian bridge in log-VIX from the pre-crash close to the record close.
  const rampLength = s.crashPeak - s.crashStart;
  const walk: number[] = [0];
  for (let k = 1; k <= rampLength; k++) walk.push((walk[k - 1] ?? 0) + 0.07 * rng.normal());
  const walkEnd = walk[rampLength] ?? 0;

  const logVix: number[] = [Math.log(13)];
  const logSpx: number[] = [Math.log(4200)];
  let rampFrom = 0;
  for (let t = 1; t < n; t++) {
    const prev = logVix[t - 1] ?? 0;
    const z = rng.normal();
    const idio = rng.normal();
    let x: number;
    let r: number | undefined;
    if (t === s.spike2018) {
      x = prev + LN_SPIKE_2018;
      r = -0.041;
    } else if (t === s.spike2024) {
      x = prev + LN_SPIKE_2024;
      r = -0.03;
    } else if (t > s.crashStart && t <= s.crashPeak) {
      if (t === s.crashStart + 1) rampFrom = prev;
      const k = t - s.crashStart;
      const bridge = (walk[k] ?? 0) - (k / rampLength) * walkEnd;
      x = rampFrom + ((LN_RECORD - rampFrom) * k) / rampLength + bridge;
      // The crash's drift gives the drawdown; the VIX moves around their mean still load negatively.
      const meanMove = (LN_RECORD - rampFrom) / rampLength;
      r = Math.log(1 - CRASH_SPX_DRAWDOWN) / rampLength + SPX_VIX_BETA * (x - prev - meanMove) + 0.002 * idio;
    } else {
      const { kappa, level, sigma } = regime(t, s);
      x = prev + kappa * (level - prev) + sigma * z;
    }
    // Only the crash peak may close at the record; every other day is reflected below a cap under it.
    const cap = LN_RECORD + Math.log(0.985);
    if (t !== s.crashPeak && x > cap) x = 2 * cap - x;
    x = Math.max(x, Math.log(9));
    logVix.push(x);
    const vixLevel = Math.exp(prev);
    const spxMove = r ?? 0.0003 + SPX_VIX_BETA * (x - prev) + 0.0035 * (vixLevel / 16) * idio;
    logSpx.push((logSpx[t - 1] ?? 0) + spxMove);
  }
  return dates.map((date, t) => ({
    date,
    vix: round2(Math.exp(logVix[t] ?? 0)),
    spx: round2(Math.exp(logSpx[t] ?? 0)),
  }));
}
