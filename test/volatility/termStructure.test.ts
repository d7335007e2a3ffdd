import { expect } from "chai";
import { near } from "./near.js";
import {
  checkMarketInputs,
  DEFAULT_ORACLE_SETTINGS,
  forwardVariance,
  MarketInputError,
  termPremium,
  totalVariance,
  varianceTermStructure,
  vixFuture,
  volIndexSkewAt,
  volOfVolAt,
  vvixFromVix,
} from "../../scripts/volatility/index.js";

const TS = DEFAULT_ORACLE_SETTINGS.termStructure;
const VI = DEFAULT_ORACLE_SETTINGS.volIndex;
const day = (vix: number, extra: object = {}) => ({ date: "2018-02-05", spx: 2648.94, vix, ...extra });

describe("volatility oracle: variance term structure, forward variance, vol-of-vol", function () {
  it("uses the given indices as they are", function () {
    const { termStructure, modelled } = varianceTermStructure(day(37.32, { vix3m: 28.13, vix6m: 24.55 }), TS);
    expect(modelled).to.deep.equal([]);
    expect(termStructure).to.deep.equal({ vol30: 0.3732, vol93: 0.2813, vol182: 0.2455 });
  });

  it("reproduces the issue's forward variances between 1 and 3 months (Cboe closes of VIX and VIX3M)", function () {
    const fwd = (vix: number, vix3m: number): number =>
      100 * Math.sqrt(forwardVariance(varianceTermStructure(day(vix, { vix3m }), TS).termStructure, 30, 93));
    expect(fwd(37.32, 28.13)).to.satisfy(near(22.4694, 1e-3)); // 2018-02-05: ~22.5 vs spot 37.3
    expect(fwd(75.47, 57.24)).to.satisfy(near(46.0909, 1e-3)); // 2020-03-12: ~46 vs 75.5
    expect(fwd(38.57, 33.71)).to.satisfy(near(31.1302, 1e-3)); // 2024-08-05: ~31 vs 38.6
    expect(fwd(11.22, 13.31)).to.satisfy(near(14.1975, 1e-3)); // 2017-07-03: ~14.2 vs 11.2
  });

  it("total variance: flat vol below 30 days, linear between the points (hand-computed)", function () {
    const ts = { vol30: 0.2, vol93: 0.25, vol182: 0.3 };
    expect(totalVariance(ts, 15)).to.satisfy(near((0.04 * 15) / 365, 1e-15));
    expect(totalVariance(ts, 60)).to.satisfy(near(0.009305283757338552, 1e-15));
    expect(forwardVariance(ts, 30, 93)).to.satisfy(near(0.07321428571428573, 1e-14));
  });

  it("fills in VIX3M and VIX6M from the mean-reverting model plus the term premium", function () {
    // At VIX = the long-run level the base curve is flat; only the premium remains:
    // σ(93) = 0.16 + 0.015·ln(93/30)/ln(182/30) = 0.16941365879430228, σ(182) = 0.175.
    const flat = varianceTermStructure(day(16), TS);
    expect(flat.modelled).to.deep.equal(["vix3m", "vix6m"]);
    expect(flat.termStructure.vol93).to.satisfy(near(0.16941365879430228, 1e-12));
    expect(flat.termStructure.vol182).to.satisfy(near(0.175, 1e-12));
    expect(termPremium(30, TS)).to.equal(0);
    // Contango when calm, backwardation in a spike.
    const calm = varianceTermStructure(day(12), TS).termStructure;
    expect(calm.vol93).to.be.greaterThan(calm.vol30);
    expect(calm.vol182).to.be.greaterThan(calm.vol93);
    const spike = varianceTermStructure(day(60), TS).termStructure;
    expect(spike.vol93).to.be.lessThan(spike.vol30);
    expect(spike.vol182).to.be.lessThan(spike.vol93);
    // With VIX3M given, VIX6M comes from the model through both points.
    const two = varianceTermStructure(day(37.32, { vix3m: 28.13 }), TS);
    expect(two.modelled).to.deep.equal(["vix6m"]);
    expect(two.termStructure.vol182).to.be.within(0.2, 0.2813);
    // The model's total variance never falls.
    for (const vix of [9, 12, 20, 40, 80, 150]) {
      const ts = varianceTermStructure(day(vix), TS).termStructure;
      expect(totalVariance(ts, 93)).to.be.at.least(totalVariance(ts, 30));
      expect(totalVariance(ts, 182)).to.be.at.least(totalVariance(ts, 93));
    }
  });

  it("refuses bad inputs, naming the day and the field", function () {
    const bad: [object, RegExp][] = [
      [{ date: "2018/02/05", spx: 1, vix: 1 }, /date is not YYYY-MM-DD/],
      [day(0), /vix 0 is not a positive number/],
      [day(Number.NaN), /vix NaN/],
      [{ ...day(20), spx: -1 }, /spx -1/],
      [day(20, { vvix: 0 }), /vvix 0/],
      [day(37.32, { vix3m: 20 }), /vix3m 20 after vix 37.32 implies a negative forward variance/],
      [day(37.32, { vix3m: 28.13, vix6m: 19 }), /vix6m 19 after vix3m 28.13/],
    ];
    for (const [inputs, reason] of bad) {
      expect(() => checkMarketInputs(inputs as never)).to.throw(MarketInputError, reason);
    }
    // At the bound: a zero forward variance passes, a hair below it does not.
    const edge = 37.32 * Math.sqrt(30 / 93);
    expect(() => checkMarketInputs(day(37.32, { vix3m: edge * (1 + 1e-9) }))).to.not.throw();
    expect(() => checkMarketInputs(day(37.32, { vix3m: edge * (1 - 1e-9) }))).to.throw(MarketInputError);
    try {
      checkMarketInputs(day(37.32, { vix3m: 20 }));
    } catch (e) {
      expect(e).to.include({ date: "2018-02-05", field: "vix3m" });
    }
  });

  it("VVIX from the VIX level, vol-of-vol decay, VIX-call skew, futures convexity (hand-computed)", function () {
    expect(vvixFromVix(19.5, VI)).to.satisfy(near(90, 1e-12));
    expect(vvixFromVix(30, VI)).to.satisfy(near(113.08328875729401, 1e-9));
    expect(vvixFromVix(80, VI)).to.satisfy(near(190.1786930578974, 1e-9));
    expect(vvixFromVix(10, VI)).to.equal(80); // floor (63.2 unfloored)
    expect(vvixFromVix(200, VI)).to.equal(212); // cap
    expect(volOfVolAt(1, 60, VI)).to.satisfy(near(0.757858283255199, 1e-14));
    expect(volIndexSkewAt(120, VI)).to.satisfy(near(0.4, 1e-15));
    // F = sqrt(ξ)·e^(−ν²T/2): ξ = 20², ν = 100 %, T = 0.25 → 20·e^(−0.125)
    expect(vixFuture(400, 1, 0.25)).to.satisfy(near(17.649938051691908, 1e-12));
    expect(vixFuture(400, 0, 0.25)).to.equal(20);
  });
});
