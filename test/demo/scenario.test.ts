import { expect } from "chai";
import { DEFAULT_SCENARIO_DAYS, generateScenario, RECORD_VIX_CLOSE } from "../../scripts/demo/scenario.js";
import type { MarketDay } from "../../scripts/demo/marketDay.js";

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
}
const rises = (p: MarketDay[]): number[] => p.slice(1).map((d, i) => d.vix / p[i]!.vix - 1);
const logMoves = (xs: number[]): number[] => xs.slice(1).map((x, i) => Math.log(x / xs[i]!));
function correlation(a: number[], b: number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe("demo scenario (generated VIX/SPX path)", function () {
  const path = generateScenario();
  const vix = path.map((d) => d.vix);
  const peak = vix.indexOf(Math.max(...vix));

  it("has about three years of trading days, weekdays only, in order", function () {
    expect(path).to.have.length(DEFAULT_SCENARIO_DAYS);
    for (const [i, d] of path.entries()) {
      expect(d.date).to.match(/^\d{4}-\d{2}-\d{2}$/);
      const wd = new Date(`${d.date}T00:00:00Z`).getUTCDay();
      expect(wd, d.date).to.not.be.oneOf([0, 6]);
      if (i > 0) expect(d.date > path[i - 1]!.date).to.equal(true);
      expect(d.vix).to.be.greaterThan(0);
      expect(d.spx).to.be.greaterThan(0);
    }
  });

  it("is calibrated: mean within 10 % of 19.5, median within 10 % of 17.6", function () {
    expect(mean(vix)).to.be.within(19.5 * 0.9, 19.5 * 1.1);
    expect(median(vix)).to.be.within(17.6 * 0.9, 17.6 * 1.1);
    expect(mean(vix)).to.be.greaterThan(median(vix)); // right-skewed, like the real VIX
  });

  it("the calibration is not one lucky seed: averaged over 20 seeds it still holds", function () {
    const stats = Array.from({ length: 20 }, (_, seed) => generateScenario({ seed: seed + 1 })).map((p) => {
      const v = p.map((d) => d.vix);
      return { mean: mean(v), median: median(v) };
    });
    expect(mean(stats.map((s) => s.mean))).to.be.within(19.5 * 0.9, 19.5 * 1.1);
    expect(mean(stats.map((s) => s.median))).to.be.within(17.6 * 0.9, 17.6 * 1.1);
  });

  it("has a one-day rise of at least +100 % (2018-style) and one of about +65 % (2024-style)", function () {
    const r = rises(path);
    expect(Math.max(...r)).to.be.at.least(1.0);
    expect(r.some((x) => x > 0.6 && x < 0.7)).to.equal(true);
  });

  it("the 2018-style spike comes out of a calm stretch and decays fast", function () {
    const r = rises(path);
    const spike = r.indexOf(Math.max(...r)) + 1;
    const calm = vix.slice(0, spike);
    expect(calm.length).to.be.at.least(100);
    expect(Math.max(...calm)).to.be.lessThan(17);
    expect(vix[spike + 15]!).to.be.lessThan(vix[spike]! * 0.75);
  });

  it("peaks within 1 % of the 82.69 record close, reached within weeks, and decays slowly", function () {
    expect(Math.abs(vix[peak]! - RECORD_VIX_CLOSE) / RECORD_VIX_CLOSE).to.be.lessThan(0.01);
    expect(Math.min(...vix.slice(peak - 25, peak))).to.be.lessThan(25); // from calm to record in ~5 weeks
    expect(Math.min(...vix.slice(peak, peak + 20))).to.be.greaterThan(30); // still high a month later
  });

  it("SPX falls about 30-35 % peak to trough during the crash", function () {
    const spx = path.map((d) => d.spx);
    const before = Math.max(...spx.slice(peak - 30, peak));
    const trough = Math.min(...spx.slice(peak - 30, peak + 15));
    expect(1 - trough / before).to.be.within(0.3, 0.35);
  });

  it("SPX moves are negatively correlated with VIX moves", function () {
    const c = correlation(logMoves(vix), logMoves(path.map((d) => d.spx)));
    expect(c).to.be.lessThan(-0.6);
  });

  it("is deterministic for a seed (pinned values, so other machines must agree) and varies with it", function () {
    expect(generateScenario()).to.deep.equal(path);
    // The closes are those of the scenario before opens and the oracle's inputs were added (second stream).
    expect(path[0]).to.include({ date: "2022-01-03", vix: 13, spx: 4200 });
    expect(path.at(-1)).to.include({ date: "2024-11-25", vix: 13.91, spx: 4936.03 });
    expect(path.at(-1)).to.deep.equal({
      date: "2024-11-25",
      vix: 13.91,
      spx: 4936.03,
      vixOpen: 16.05,
      spxOpen: 4845.29,
      vix3m: 15.22,
      vix6m: 16.43,
      vvix: 74.6,
    });
    expect(generateScenario({ seed: 9 })).to.not.deep.equal(path);
  });

  it("term structure: contango when calm, backwardation in spikes, never a negative forward variance", function () {
    const ratio = (d: MarketDay): number => d.vix3m! / d.vix;
    const calm = path.filter((d) => d.vix < 15);
    const spikes = path.filter((d) => d.vix > 35);
    expect(mean(calm.map(ratio))).to.be.within(1.05, 1.35);
    expect(mean(spikes.map(ratio))).to.be.below(0.95);
    expect(ratio(path[peak]!)).to.be.below(0.85);
    for (const d of path) {
      expect(d.vix3m! ** 2 * 93, d.date).to.be.at.least(d.vix ** 2 * 30);
      expect(d.vix6m! ** 2 * 182, d.date).to.be.at.least(d.vix3m! ** 2 * 93);
    }
  });

  it("VVIX averages about 90-100, rises with the index, reaches 170-212 in spikes", function () {
    const vvix = path.map((d) => d.vvix!);
    expect(mean(vvix)).to.be.within(85, 105);
    expect(Math.max(...vvix)).to.be.within(170, 212);
    expect(Math.min(...vvix)).to.be.at.least(60);
    expect(correlation(vix, vvix)).to.be.greaterThan(0.5);
    const r = rises(path);
    const spikeDay = r.indexOf(Math.max(...r)) + 1;
    expect(path[spikeDay]!.vvix!).to.be.greaterThan(path[spikeDay - 1]!.vvix! * 1.2); // VVIX jumps with the VIX
  });

  it("opens gap from the previous close toward the day's close", function () {
    const gaps = path.slice(1).map((d, i) => Math.log(d.spxOpen / path[i]!.spx));
    const sd = Math.sqrt(mean(gaps.map((g) => g * g)));
    expect(sd).to.be.within(0.002, 0.012);
    const vixGaps = path.slice(1).map((d, i) => Math.log(d.vixOpen / path[i]!.vix));
    expect(correlation(gaps, vixGaps)).to.be.below(-0.5);
    expect(path.every((d) => d.vixOpen > 0 && d.spxOpen > 0)).to.equal(true);
  });

  it("keeps the events in short runs and rejects bad settings", function () {
    const short = generateScenario({ days: 60 }).map((d) => d.vix);
    expect(Math.max(...short)).to.equal(RECORD_VIX_CLOSE);
    expect(Math.max(...rises(generateScenario({ days: 60 })))).to.be.at.least(1.0);
    expect(() => generateScenario({ days: 10 })).to.throw(/days must be an integer from 30/);
    expect(() => generateScenario({ days: 100.5 })).to.throw(/days/);
    expect(() => generateScenario({ seed: 1.5 })).to.throw(/seed/);
    expect(() => generateScenario({ start: "2022-02-30" })).to.throw(/calendar date/);
    expect(generateScenario({ days: 30, start: "2022-01-01" })[0]!.date).to.equal("2022-01-03");
  });
});
