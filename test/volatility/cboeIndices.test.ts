import { expect } from "chai";
import { near } from "./near.js";
import {
  calibrateAtmVol,
  cboeSkewIndex,
  cboeVarianceIndex,
  DEFAULT_ORACLE_SETTINGS,
  otmStrip,
  smileVol,
  strikeIntervals,
  type StripSettings,
} from "../../scripts/volatility/index.js";

const FINE: StripSettings = { strikeStep: 0.25, minTick: 1e-9, bandLow: 0.2, bandHigh: 5, bandBase: "index" };
const SPX = DEFAULT_ORACLE_SETTINGS.equity.strip;
const CLAMP = DEFAULT_ORACLE_SETTINGS.clamp;
const T30 = 30 / 365;

describe("volatility oracle: Cboe's VIX and SKEW formulas on a model strip", function () {
  it("the strip: K0 below the forward, puts below, calls above, ΔK halves, zero bids end it", function () {
    const s = otmStrip(100.3, T30, 100, () => 0.2, {
      strikeStep: 5,
      minTick: 0.05,
      bandLow: 0.5,
      bandHigh: 3,
      bandBase: "index",
    });
    expect(s.k0).to.equal(100);
    const strikes = s.options.map((o) => o.strike);
    expect(strikes).to.include(100);
    expect(strikes[0]).to.be.greaterThan(50); // ended by two zero bids before the band
    expect(
      strikeIntervals([
        { strike: 90, price: 1 },
        { strike: 95, price: 1 },
        { strike: 105, price: 1 },
      ]),
    ).to.deep.equal([5, 7.5, 10]);
    expect(() => otmStrip(10, T30, 100, () => 0.2, SPX)).to.throw(/no strike below the forward/);
  });

  it("a flat smile gives back its volatility (the index of a lognormal world)", function () {
    for (const vol of [0.12, 0.3, 0.8]) {
      expect(cboeVarianceIndex(100, T30, 100, () => vol, FINE)).to.satisfy(near(vol, vol * 2e-3));
    }
    // K0 off the forward: the −(F/K0 − 1)² term corrects it.
    expect(cboeVarianceIndex(100.13, T30, 100, () => 0.2, FINE)).to.satisfy(near(0.2, 4e-4));
  });

  it("a put skew lifts the index above the ATM vol; SKEW is 100 for a flat smile and above for a put skew", function () {
    const skewed = (x: number): number => smileVol(x, { atmVol: 0.15, skew: -0.9, curvature: 0 }, CLAMP);
    expect(cboeVarianceIndex(4000, T30, 4000, skewed, SPX)).to.be.greaterThan(0.16);
    expect(cboeSkewIndex(100, T30, 100, () => 0.2, FINE)).to.satisfy(near(100, 1));
    const skew = cboeSkewIndex(4000, T30, 4000, skewed, SPX);
    expect(skew).to.be.within(110, 150); // Cboe: SKEW typically ranges 100-150
  });

  it("calibrates the ATM vol that reproduces an index, both ways round", function () {
    const shape = {
      skew: -0.9,
      curvature: 0,
      forward: 4000,
      years: T30,
      index: 4000,
      strip: SPX,
      clamp: CLAMP,
    };
    const target = cboeVarianceIndex(
      4000,
      T30,
      4000,
      (x) => smileVol(x, { atmVol: 0.15, skew: -0.9, curvature: 0 }, CLAMP),
      SPX,
    );
    const { atmVol, exact } = calibrateAtmVol({ ...shape, target });
    expect(exact).to.equal(true);
    expect(atmVol).to.satisfy(near(0.15, 1e-9));
    expect(calibrateAtmVol({ ...shape, target: 0.01 })).to.deep.equal({ atmVol: CLAMP.minVol, exact: false });
    expect(calibrateAtmVol({ ...shape, target: 9 })).to.deep.equal({ atmVol: CLAMP.maxVol, exact: false });
  });
});
