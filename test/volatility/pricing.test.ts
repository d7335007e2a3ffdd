import { expect } from "chai";
import { near } from "./near.js";
import { normalCdf as normalCdfReference, D60 } from "../options/black76Reference.js";
import {
  black76Call,
  black76Put,
  DAY,
  forwardFactor,
  normalCdf,
  sliceAt,
  spreadFairValue,
  surfaceVol,
  type VolSurface,
} from "../../scripts/volatility/index.js";

const SURFACE: VolSurface = {
  pillars: [
    { tenor: 30 * DAY, forwardFactor: 1.02, atmVol: 0.2, skew: -0.5, curvature: 1 },
    { tenor: 90 * DAY, forwardFactor: 1.05, atmVol: 0.25, skew: -0.3, curvature: 0.5 },
  ],
};

describe("volatility oracle: float reference pricer", function () {
  it("normalCdf agrees with a 60-digit reference in the body and the tails", function () {
    for (const x of [-12, -9, -6, -5.01, -4.99, -3, -1, -0.1, 0, 0.3, 2, 5, 8]) {
      const exact = Number(normalCdfReference(new D60(x)).toString());
      expect(Math.abs(normalCdf(x) - exact) / exact, `x=${x}`).to.be.below(x < -5 ? 1e-12 : 1e-9);
    }
    // Beyond the reference's range: Mills' ratio, Φ(−a) ≈ φ(a)/a·(1 − 1/a² + 3/a⁴).
    const a = 20;
    const mills = (Math.exp((-a * a) / 2) / Math.sqrt(2 * Math.PI) / a) * (1 - 1 / a ** 2 + 3 / a ** 4);
    expect(Math.abs(normalCdf(-a) - mills) / mills).to.be.below(1e-5);
    expect(normalCdf(-41)).to.equal(0);
    expect(normalCdf(41)).to.equal(1);
  });

  it("Black-76: the textbook value and put-call parity", function () {
    // F = K = 100, T = 1, σ = 20 %: C = 100·(2Φ(0.1) − 1) = 7.965567455405804
    expect(black76Call(100, 100, 1, 0.2)).to.satisfy(near(7.965567455405804, 1e-12));
    const c = black76Call(103, 95, 0.25, 0.35);
    const p = black76Put(103, 95, 0.25, 0.35);
    expect(c - p).to.satisfy(near(103 - 95, 1e-12));
    expect(black76Call(100, 90, 0, 0.2)).to.equal(10); // at expiry: intrinsic
  });

  it("interpolates like the pool: forward factor to 1 at expiry, total variance linear, flat outside", function () {
    expect(forwardFactor(SURFACE, 0)).to.equal(1);
    expect(sliceAt(SURFACE, 15 * DAY)).to.deep.equal({
      forwardFactor: 1.01,
      atmVol: 0.2,
      skew: -0.5,
      curvature: 1,
    });
    const mid = sliceAt(SURFACE, 60 * DAY);
    // w = 0.04·30 + (0.0625·90 − 0.04·30)/2 = 3.4125 vol²·days → atm = sqrt(3.4125/60)
    expect(mid.atmVol).to.satisfy(near(0.23848480035423641, 1e-15));
    expect(mid.forwardFactor).to.satisfy(near(1.035, 1e-15));
    expect(mid.skew).to.satisfy(near(-0.4, 1e-15));
    expect(mid.curvature).to.satisfy(near(0.75, 1e-15));
    expect(sliceAt(SURFACE, 200 * DAY)).to.deep.equal({
      forwardFactor: 1.05,
      atmVol: 0.25,
      skew: -0.3,
      curvature: 0.5,
    });
    expect(() => sliceAt({ pillars: [] }, DAY)).to.throw(/no pillar/);
  });

  it("surfaceVol: F = S·f(τ), x = ln(K/F), quadratic smile, clamped", function () {
    const { vol, forward } = surfaceVol(SURFACE, 60 * DAY, 110, 100);
    expect(forward).to.satisfy(near(103.5, 1e-12));
    // x = ln(110/103.5) = 0.06090875308699252; vol = 0.2384848 − 0.4x + 0.75x²
    expect(vol).to.satisfy(near(0.21690370627139854, 1e-14));
    expect(surfaceVol(SURFACE, 60 * DAY, 1, 100).vol).to.equal(3); // deep put wing: maxVol
    expect(surfaceVol(SURFACE, 60 * DAY, 110, 100, { minVol: 0.25, maxVol: 3 }).vol).to.equal(0.25);
  });

  it("spread fair value: discounted Black-76 differences, a box worth D·width, clamped to [0, D·width]", function () {
    const flat: VolSurface = {
      pillars: [{ tenor: 30 * DAY, forwardFactor: 1, atmVol: 0.3, skew: 0, curvature: 0 }],
    };
    const t = 30 / 365;
    const d = Math.exp(-0.05 * t);
    const call = spreadFairValue(flat, {
      kind: "call",
      strikeLow: 100,
      strikeHigh: 110,
      tau: 30 * DAY,
      index: 100,
    });
    expect(call).to.satisfy(near(d * (black76Call(100, 100, t, 0.3) - black76Call(100, 110, t, 0.3)), 1e-12));
    const put = spreadFairValue(SURFACE, {
      kind: "put",
      strikeLow: 90,
      strikeHigh: 100,
      tau: 45 * DAY,
      index: 100,
    });
    const callSkew = spreadFairValue(SURFACE, {
      kind: "call",
      strikeLow: 90,
      strikeHigh: 100,
      tau: 45 * DAY,
      index: 100,
    });
    expect(put + callSkew).to.satisfy(near(Math.exp(-0.05 * (45 / 365)) * 10, 1e-9));
    // An absurd skew would put the call spread above its maximum payoff: clamped.
    const steep: VolSurface = {
      pillars: [{ tenor: 30 * DAY, forwardFactor: 1, atmVol: 0.05, skew: 5, curvature: 0 }],
    };
    const q = { strikeLow: 100, strikeHigh: 130, tau: 30 * DAY, index: 100, rate: 0 };
    // C(100) at 5 % ≈ 0.57 < C(130) at 136 % ≈ 6.6: the raw call spread is negative, the put spread above 30.
    expect(spreadFairValue(steep, { ...q, kind: "call" })).to.equal(0);
    expect(spreadFairValue(steep, { ...q, kind: "put" })).to.equal(30);
    expect(() =>
      spreadFairValue(flat, { kind: "call", strikeLow: 110, strikeHigh: 100, tau: DAY, index: 100 }),
    ).to.throw(/0 < low < high/);
  });
});
