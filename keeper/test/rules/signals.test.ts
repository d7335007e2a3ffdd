import { expect } from "chai";
import {
  BreadthCsvError,
  FeedGapError,
  IntensityBoundsError,
  NotEnoughDataError,
  StaleFeedError,
} from "../../src/rules/errors.js";
import { advanceDeclineLine } from "../../src/rules/signals/advanceDeclineLine.js";
import { dailyCloses } from "../../src/rules/signals/dailyCloses.js";
import { ema } from "../../src/rules/signals/ema.js";
import { computeIntensity } from "../../src/rules/signals/computeIntensity.js";
import { intensityMultiplier } from "../../src/rules/signals/intensityMultiplier.js";
import { macd } from "../../src/rules/signals/macd.js";
import { parseBreadthCsv } from "../../src/rules/signals/parseBreadthCsv.js";
import { rsi } from "../../src/rules/signals/rsi.js";
import type { FeedRound } from "../../src/types.js";
import { lvl, ts } from "../support/fixtures.js";
import { DEFAULT_INTENSITY_POLICY } from "../../src/rules/defaultPolicies.js";

describe("rules/signals", () => {
  describe("RSI(14), Wilder", () => {
    // Published reference: StockCharts ChartSchool "Relative Strength Index (RSI)" worksheet
    // (Wilder's example data), RSI values rounded to 2 decimals.
    const closes = [
      44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931,
      46.0328, 45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137,
      46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
    ];
    const published = [
      70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87,
      45.46, 37.3, 33.08, 37.77,
    ];
    it("matches the published worksheet", () => {
      const out = rsi(closes);
      expect(out).to.have.length(published.length);
      out.forEach((v, k) => expect(v, `RSI #${k}`).to.be.closeTo(published[k] as number, 0.01));
    });
    const table: { name: string; closes: number[]; want: number }[] = [
      { name: "flat series → 50", closes: Array(15).fill(20), want: 50 },
      { name: "only gains → 100", closes: Array.from({ length: 15 }, (_, k) => 20 + k), want: 100 },
      { name: "only losses → 0", closes: Array.from({ length: 15 }, (_, k) => 40 - k), want: 0 },
      // hand-computed: 7 gains of 1 and 7 losses of 1 → RS = 1 → 50
      { name: "alternating ±1 → 50", closes: Array.from({ length: 15 }, (_, k) => 20 + (k % 2)), want: 50 },
    ];
    for (const row of table) it(row.name, () => expect(rsi(row.closes).at(-1)).to.be.closeTo(row.want, 1e-9));
    it("needs period + 1 closes", () => {
      expect(() => rsi(Array(14).fill(1)))
        .to.throw(NotEnoughDataError)
        .with.property("needed", 15);
    });
  });

  describe("EMA / MACD(12, 26, 9)", () => {
    it("EMA hand-computed: [1,2,3,4,5] period 3 → 2, 3, 4", () => {
      // seed (1+2+3)/3 = 2; α = 0.5: 0.5·4 + 0.5·2 = 3; 0.5·5 + 0.5·3 = 4
      expect(ema([1, 2, 3, 4, 5], 3)).to.deep.equal([2, 3, 4]);
    });
    it("a linear ramp has MACD = (26 − 12) / 2 × slope exactly, signal equal, histogram 0", () => {
      // An SMA-seeded EMA of a line lags it by exactly (N − 1)/2 samples: 5.5 and 12.5 → MACD 7 × slope.
      const closes = Array.from({ length: 60 }, (_, k) => 15 + 0.5 * k);
      const m = macd(closes);
      expect(m.macd).to.have.length(60 - 25);
      expect(m.signal).to.have.length(60 - 33);
      for (const v of m.macd) expect(v).to.be.closeTo(3.5, 1e-9);
      for (const v of m.signal) expect(v).to.be.closeTo(3.5, 1e-9);
      for (const v of m.histogram) expect(v).to.be.closeTo(0, 1e-9);
    });
    it("a jump up turns the histogram positive, a drop negative", () => {
      const up = [...Array(40).fill(20), ...Array(5).fill(30)];
      const down = [...Array(40).fill(20), ...Array(5).fill(12)];
      expect(macd(up).histogram.at(-1)).to.be.greaterThan(0);
      expect(macd(down).histogram.at(-1)).to.be.lessThan(0);
    });
    it("needs slow + signal − 1 closes", () => {
      expect(() => macd(Array(33).fill(1)))
        .to.throw(NotEnoughDataError)
        .with.property("needed", 34);
      expect(macd(Array(34).fill(1)).histogram).to.deep.equal([0]);
    });
  });

  describe("dailyCloses from feed rounds", () => {
    const opts = (
      now: string,
      extra: Partial<{ maxAgeSeconds: number; maxMissingDays: number; holidays: Set<string> }> = {},
    ) => ({
      now: ts(now),
      maxAgeSeconds: 3 * 86_400,
      maxMissingDays: 2,
      holidays: new Set<string>(),
      ...extra,
    });
    const r = (iso: string, v: number): FeedRound => ({ updatedAt: ts(iso), answer: lvl(v) });

    it("takes the day's last round, ignores order, duplicates, bad answers and future rounds", () => {
      const rounds = [
        r("2026-03-03T15:00:00Z", 21),
        r("2026-03-02T10:00:00Z", 18),
        r("2026-03-02T20:00:00Z", 19),
        r("2026-03-02T20:00:00Z", 19),
        { updatedAt: ts("2026-03-03T16:00:00Z"), answer: 0n },
        r("2026-03-04T09:00:00Z", 22),
        r("2026-03-05T09:00:00Z", 99), // after `now`
      ];
      const out = dailyCloses(rounds, opts("2026-03-04T12:00:00Z"));
      expect(out).to.deep.equal([
        { date: "2026-03-02", close: 19, carried: false },
        { date: "2026-03-03", close: 21, carried: false },
      ]); // 03-04 is today: not closed yet
    });

    it("skips weekends and holidays; a weekend round moves the carried value", () => {
      const rounds = [
        r("2026-03-06T20:00:00Z", 20),
        r("2026-03-07T12:00:00Z", 23),
        r("2026-03-10T20:00:00Z", 24),
      ];
      const out = dailyCloses(rounds, opts("2026-03-11T01:00:00Z", { holidays: new Set(["2026-03-09"]) }));
      expect(out.map((c) => [c.date, c.close, c.carried])).to.deep.equal([
        ["2026-03-06", 20, false],
        ["2026-03-10", 24, false],
      ]);
    });

    it("carries a missing trading day forward, up to maxMissingDays", () => {
      const rounds = [r("2026-03-02T20:00:00Z", 20), r("2026-03-05T20:00:00Z", 25)];
      const out = dailyCloses(rounds, opts("2026-03-06T00:00:01Z"));
      expect(out.map((c) => [c.date, c.close, c.carried])).to.deep.equal([
        ["2026-03-02", 20, false],
        ["2026-03-03", 20, true],
        ["2026-03-04", 20, true],
        ["2026-03-05", 25, false],
      ]);
    });

    it("a longer gap is an error naming the days", () => {
      const rounds = [r("2026-03-02T20:00:00Z", 20), r("2026-03-06T20:00:00Z", 25)];
      expect(() => dailyCloses(rounds, opts("2026-03-07T00:00:00Z")))
        .to.throw(FeedGapError)
        .that.includes({ fromDay: "2026-03-03", toDay: "2026-03-05", missingDays: 3 });
    });

    it("a stale feed is an error, not an old close", () => {
      const rounds = [r("2026-03-02T20:00:00Z", 20)];
      expect(() => dailyCloses(rounds, opts("2026-03-06T20:00:01Z")))
        .to.throw(StaleFeedError)
        .with.property("maxAgeSeconds", 3 * 86_400);
      expect(() => dailyCloses([], opts("2026-03-06T00:00:00Z"))).to.throw(NotEnoughDataError);
    });
  });

  describe("breadth CSV and A/D line", () => {
    it("parses, skips comments and blank lines, and accumulates the A/D line", () => {
      const rows = parseBreadthCsv(
        "# NYSE breadth\ndate,advances,declines\n2026-03-02,1800,1200\n\n2026-03-03, 1000 , 2100\r\n",
      );
      expect(rows).to.deep.equal([
        { date: "2026-03-02", advances: 1800, declines: 1200 },
        { date: "2026-03-03", advances: 1000, declines: 2100 },
      ]);
      expect(advanceDeclineLine(rows)).to.deep.equal([600, -500]);
    });
    const bad: { name: string; csv: string; line: number }[] = [
      { name: "empty file", csv: "", line: 1 },
      { name: "wrong header", csv: "day,up,down\n", line: 1 },
      { name: "missing field", csv: "date,advances,declines\n2026-03-02,1\n", line: 2 },
      { name: "bad date", csv: "date,advances,declines\n2026-03-02,1,2\n2026-02-30,1,2\n", line: 3 },
      { name: "negative count", csv: "date,advances,declines\n2026-03-02,-1,2\n", line: 2 },
      { name: "decimal count", csv: "date,advances,declines\n2026-03-02,1,2.5\n", line: 2 },
      { name: "out of order", csv: "date,advances,declines\n2026-03-03,1,2\n2026-03-02,1,2\n", line: 3 },
      {
        name: "duplicate date",
        csv: "date,advances,declines\n# c\n2026-03-03,1,2\n2026-03-03,1,2\n",
        line: 4,
      },
    ];
    for (const row of bad) {
      it(`rejects ${row.name} at line ${row.line}`, () => {
        expect(() => parseBreadthCsv(row.csv))
          .to.throw(BreadthCsvError)
          .with.property("line", row.line);
      });
    }
    it("says what is wrong on the line", () => {
      const detail = (csv: string): string => {
        try {
          parseBreadthCsv(csv);
        } catch (e) {
          if (e instanceof BreadthCsvError) return `${e.line}: ${e.detail}`;
          throw e;
        }
        throw new Error("parsed");
      };
      const head = "date,advances,declines\n";
      expect(detail("")).to.equal("1: empty file: no header");
      expect(detail("day,up,down\n")).to.equal(
        '1: expected header "date,advances,declines", got "day,up,down"',
      );
      expect(detail(`${head}2026-03-02,1,2,3\n`)).to.equal("2: expected 3 fields, got 4");
      expect(detail(`${head}2026-02-30,1,2\n`)).to.equal('2: bad date "2026-02-30" (want YYYY-MM-DD)');
      expect(detail(`${head}2026-03-02,-1,2\n`)).to.equal('2: advances "-1" is not a non-negative integer');
      expect(detail(`${head}2026-03-02,1,2.5\n`)).to.equal('2: declines "2.5" is not a non-negative integer');
      expect(detail(`${head}2026-03-03,1,2\n2026-03-02,1,2\n`)).to.equal(
        "3: date 2026-03-02 is not after the previous row's 2026-03-03",
      );
    });
    it("skips lines of blanks and indented comments", () => {
      expect(parseBreadthCsv("date,advances,declines\n   \n  # note\n2026-03-02,1,2\n")).to.deep.equal([
        { date: "2026-03-02", advances: 1, declines: 2 },
      ]);
    });
  });

  describe("intensity multiplier", () => {
    const policy = DEFAULT_INTENSITY_POLICY;
    const table: {
      name: string;
      inputs: Parameters<typeof intensityMultiplier>[0];
      want: number;
      clamped: boolean;
    }[] = [
      { name: "no signals → 1", inputs: {}, want: 1, clamped: false },
      { name: "equity RSI 70 (a steady rally) → 1.1", inputs: { rsi: 70 }, want: 1.1, clamped: false },
      {
        name: "volatility index 10 (calm, cheap) → 1.25",
        inputs: { volLevel: 10 },
        want: 1.25,
        clamped: false,
      },
      {
        name: "volatility index 40 (after a spike) → 0.75",
        inputs: { volLevel: 40 },
        want: 0.75,
        clamped: false,
      },
      {
        name: "equity RSI 30, downtrend, index 30 (after a sell-off) → 0.45 → clamped 0.5",
        inputs: { rsi: 30, macd: -12, volLevel: 30 },
        want: 0.5,
        clamped: true,
      },
      {
        name: "calm rally with weakening breadth (RSI 65, uptrend, A/D falling, index 14) → 1.6",
        inputs: { rsi: 65, macd: 8, adChange: -900, volLevel: 14 },
        want: 1 + 0.25 * 0.3 + 0.25 + 0.25 + 0.25 * 0.6,
        clamped: false,
      },
      { name: "NaN input → neutral, clamped", inputs: { rsi: Number.NaN }, want: 1, clamped: true },
    ];
    for (const row of table) {
      it(row.name, () => {
        const out = intensityMultiplier(row.inputs, policy);
        expect(out.value).to.be.closeTo(row.want, 1e-12);
        expect(out.clamped).to.equal(row.clamped);
      });
    }
    it("always within bounds for heavy weights", () => {
      const heavy = { ...policy, rsiWeight: 10, macdWeight: 10, breadthWeight: 10, levelWeight: 10 };
      expect(intensityMultiplier({ rsi: 100, macd: 1, adChange: -1, volLevel: 5 }, heavy).value).to.equal(2);
      expect(intensityMultiplier({ rsi: 0, macd: -1, adChange: 1, volLevel: 80 }, heavy).value).to.equal(0.5);
    });
    it("rejects inverted bounds", () => {
      expect(() => intensityMultiplier({}, { ...policy, min: 2, max: 1 })).to.throw(IntensityBoundsError);
    });
  });

  describe("signals on hand-made series: protection up when calm, down after a spike", () => {
    const NOW = ts("2026-06-01T12:00:00Z");
    const policy = DEFAULT_INTENSITY_POLICY;
    const options = {
      now: NOW,
      maxFeedAgeSeconds: 3 * 86_400,
      maxMissingDays: 3,
      holidays: new Set<string>(),
      breadthLookback: 10,
      maxBreadthAgeDays: 7,
    };
    /** One round a day at 20:00 UTC for the 60 days before NOW, level f(k). */
    const daily = (f: (k: number) => number): FeedRound[] =>
      Array.from({ length: 60 }, (_, k) => ({
        updatedAt: NOW - (60 - k) * 86_400 + 8 * 3600,
        answer: lvl(f(k)),
      }));
    const breadth = (slope: number) =>
      Array.from({ length: 20 }, (_, k) => ({
        date: new Date((NOW - (20 - k) * 86_400) * 1000).toISOString().slice(0, 10),
        advances: 1500 + slope,
        declines: 1500 - slope,
      }));
    const run = (vol: (k: number) => number, equity: (k: number) => number, slope?: number) =>
      computeIntensity(
        { volRounds: daily(vol), equityRounds: daily(equity) },
        slope === undefined ? undefined : breadth(slope),
        policy,
        options,
      );

    it("a calm rally (equity up 0.1 %/day, index 13) with breadth weakening under it: near the maximum", () => {
      const out = run(
        () => 13,
        (k) => 5000 * 1.001 ** k,
        -300,
      );
      expect(out.inputs.rsi).to.equal(100); // only gains
      expect(out.inputs.macd).to.be.greaterThan(0);
      expect(out.inputs.adChange).to.be.lessThan(0);
      expect(out.intensity.value).to.be.closeTo(1 + 0.25 + 0.25 + 0.25 + 0.25 * 0.7, 1e-9);
    });

    it("right after a spike (equity down 12 % in two weeks, index 38): the minimum", () => {
      const out = run(
        (k) => (k < 46 ? 14 : 14 + (k - 45) * 1.7),
        (k) => (k < 46 ? 5000 : 5000 * (1 - 0.0085 * (k - 45))),
      );
      expect(out.inputs.rsi).to.be.lessThan(5);
      expect(out.inputs.macd).to.be.lessThan(0);
      expect(out.intensity.value).to.equal(0.5);
    });

    it("the volatility index's momentum does not count: a rising index raises nothing, only its level lowers", () => {
      const flatEquity = (): number => 5000;
      const rising = run((k) => 12 + k * 0.1, flatEquity).intensity.value; // ends at 17.9
      const flat = run(() => 17.9, flatEquity).intensity.value;
      expect(rising).to.be.closeTo(flat, 1e-12);
      expect(flat).to.be.closeTo(1 + 0.25 * ((20 - 17.9) / 10), 1e-9);
    });

    it("too little equity history: the signals warm up (warned) and score 0", () => {
      const out = computeIntensity(
        { volRounds: daily(() => 20), equityRounds: daily(() => 5000).slice(-10) },
        undefined,
        policy,
        options,
      );
      expect(out.inputs.rsi).to.equal(undefined);
      expect(out.warnings.filter((w) => w.code === "SignalUnavailable")).to.have.length(2);
      expect(out.intensity.value).to.equal(1);
    });
  });
});
