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
//
// The oracle's other inputs and the opens come from a second PRNG stream (so the closes above do not move):
//   - VIX3M, VIX6M: the volatility oracle's term-structure model (fitted to Cboe's VIX/VIX3M/VIX6M closes:
//     contango when calm, backwardation in spikes; docs/volatility.md) times e^(e_t), e_t an AR(1) with
//     daily persistence 0.9 and a stationary standard deviation of 5 % (the model's typical miss on the Cboe
//     days it was fitted to; the VIX6M noise 0.7-correlated with VIX3M's), never below a zero forward variance;
//   - VVIX: the oracle's level function of the VIX times e^(h_t),
//     h_t = 0.85·h_{t−1} + 0.43·(max(Δln VIX_t, 0) − 0.024) + 0.06·z_t (0.024: the mean of the max term, so
//     that h averages about 0): VVIX jumps on the day the VIX jumps (0.43 reproduces 5 Feb 2018: VIX
//     17.31 → 37.32, VVIX 125.5 → 177.3 from a level of 127.5) and fades within days; clamped to VVIX's
//     recorded range 60–212;
//   - opens: each day's open lies on a Brownian bridge from the previous close to the day's close in log
//     terms, at the overnight share φ = 0.2 of the day's variance, with a daily scale from the implied
//     volatility itself (VIX/√252 for the equity index, VVIX/√252 for the VIX) and a −0.7 correlation
//     between the two gaps (the VIX/S&P 500 daily correlation since 1990).
import { DEFAULT_ORACLE_SETTINGS } from "../volatility/settings.js";
import { varianceTermStructure } from "../volatility/varianceTermStructure.js";
import { vvixFromVix } from "../volatility/volOfVol.js";
import type { MarketDay } from "./marketDay.js";
import { createPrng, type Prng } from "./prng.js";

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

/** The seed of the second PRNG stream (term structure, VVIX, opens) derived from the scenario's seed. */
function sideSeed(seed: number): number {
  return (seed ^ 0x5bd1e995) >>> 0;
}

/** E[max(Δln VIX, 0)] for daily log moves of about 6 % standard deviation: σ/√(2π) ≈ 0.024. */
const MEAN_POSITIVE_VIX_MOVE = 0.024;
const OVERNIGHT_SHARE = 0.2;
const GAP_CORRELATION = -0.7;

/** VIX3M, VIX6M, VVIX and the opens of a path of closes, from the stream `rng`. */
function sideSeries(
  closes: readonly { date: string; vix: number; spx: number }[],
  rng: Prng,
): Pick<MarketDay, "vixOpen" | "spxOpen" | "vix3m" | "vix6m" | "vvix">[] {
  const settings = DEFAULT_ORACLE_SETTINGS;
  const persistence = 0.9;
  const innovation = 0.05 * Math.sqrt(1 - persistence * persistence);
  let e3 = 0;
  let e6 = 0;
  let h = 0;
  return closes.map((c, t) => {
    const prev = closes[t - 1] ?? c;
    const z3 = rng.normal();
    e3 = persistence * e3 + innovation * z3;
    e6 = persistence * e6 + innovation * (0.7 * z3 + Math.sqrt(1 - 0.49) * rng.normal());
    const ts = varianceTermStructure(
      { date: c.date, spx: c.spx, vix: c.vix },
      settings.termStructure,
    ).termStructure;
    // Never a negative forward variance, also after rounding to cents.
    const vix3m = round2(Math.max(100 * ts.vol93 * Math.exp(e3), c.vix * Math.sqrt(30 / 93) + 0.01));
    const vix6m = round2(Math.max(100 * ts.vol182 * Math.exp(e6), vix3m * Math.sqrt(93 / 182) + 0.01));
    const jump = Math.max(Math.log(c.vix / prev.vix), 0);
    h = 0.85 * h + 0.43 * (jump - MEAN_POSITIVE_VIX_MOVE) + 0.06 * rng.normal();
    const vvix = Math.min(212, Math.max(60, vvixFromVix(c.vix, settings.volIndex) * Math.exp(h)));
    const zs = rng.normal();
    const zv = GAP_CORRELATION * zs + Math.sqrt(1 - GAP_CORRELATION ** 2) * rng.normal();
    const bridge = (from: number, to: number, dailyVol: number, z: number): number =>
      Math.exp(
        Math.log(from) +
          OVERNIGHT_SHARE * Math.log(to / from) +
          Math.sqrt(OVERNIGHT_SHARE * (1 - OVERNIGHT_SHARE)) * dailyVol * z,
      );
    return {
      vixOpen: t === 0 ? c.vix : round2(bridge(prev.vix, c.vix, vvix / 100 / Math.sqrt(252), zv)),
      spxOpen: t === 0 ? c.spx : round2(bridge(prev.spx, c.spx, prev.vix / 100 / Math.sqrt(252), zs)),
      vix3m,
      vix6m,
      vvix: round2(vvix),
    };
  });
}

/**
 * Generates the default scenario: `days` trading days of VIX-like and SPX-like closes and opens, with VIX3M,
 * VIX6M and VVIX. Same options, same path, on every machine.
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
  const closes = dates.map((date, t) => ({
    date,
    vix: round2(Math.exp(logVix[t] ?? 0)),
    spx: round2(Math.exp(logSpx[t] ?? 0)),
  }));
  const side = sideSeries(closes, createPrng(sideSeed(seed)));
  return closes.map((c, t) => ({ ...c, ...side[t]! }));
}
