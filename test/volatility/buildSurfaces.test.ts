import { expect } from "chai";
import { near } from "./near.js";
import {
  buildSurfaces,
  cboeVarianceIndex,
  checkSurface,
  DAY,
  DEFAULT_ORACLE_SETTINGS,
  DEFAULT_SURFACE_LIMITS,
  fromOnChainSurface,
  MarketInputError,
  smileVol,
  toOnChainSurface,
  toWad,
  type MarketInputs,
  type SurfaceLimits,
} from "../../scripts/volatility/index.js";

/** The bounds of the on-chain draft (VolSurfaceOracle: ATM 1 %..500 %, curvature ≤ 5, grid clamp 1 %..500 %). */
const CONTRACT_DRAFT_LIMITS: SurfaceLimits = {
  ...DEFAULT_SURFACE_LIMITS,
  minAtmVol: 0.01,
  maxAtmVol: 5,
  maxCurvature: 5,
  gridClamp: { minVol: 0.01, maxVol: 5 },
};

// Cboe closes (VIX_History, VIX3M_History, VIX6M_History, VVIX_History): a calm day and a spike day.
const CALM: MarketInputs = {
  date: "2018-01-31",
  spx: 2823.81,
  vix: 13.54,
  vix3m: 14.9,
  vix6m: 16.06,
  vvix: 108.41,
};
const SPIKE: MarketInputs = {
  date: "2018-02-05",
  spx: 2648.94,
  vix: 37.32,
  vix3m: 28.13,
  vix6m: 24.55,
  vvix: 177.34,
};

describe("volatility oracle: buildSurfaces", function () {
  it("calm day: VIX above the ATM vol, contango, the Cboe formula on the model gives the VIX back", function () {
    const b = buildSurfaces(CALM);
    expect(b.modelled).to.deep.equal([]);
    expect(b.equity.pillars.map((p) => p.tenor / DAY)).to.deep.equal([30, 93, 182]);
    expect(b.volIndex.pillars.map((p) => p.tenor / DAY)).to.deep.equal([30, 60, 91, 121]);
    const p30 = b.equity.pillars[0]!;
    expect(p30.atmVol).to.be.below(0.1354);
    const strip = DEFAULT_ORACLE_SETTINGS.equity.strip;
    const back = cboeVarianceIndex(
      CALM.spx * p30.forwardFactor,
      30 / 365,
      CALM.spx,
      (x) => smileVol(x, p30),
      strip,
    );
    expect(back).to.satisfy(near(0.1354, 1e-9));
    expect(p30.forwardFactor).to.satisfy(near(Math.exp((0.05 - 0.019) * (30 / 365)), 1e-15));
    expect(b.volIndex.pillars[0]!.forwardFactor).to.be.greaterThan(1); // futures above spot
    expect(b.volIndex.pillars.every((p) => p.skew > 0)).to.equal(true); // VIX calls richer
  });

  it("spike day: futures far below spot, vol-of-vol up", function () {
    const calm = buildSurfaces(CALM);
    const b = buildSurfaces(SPIKE);
    expect(b.vixFutures[0]!).to.be.below(25);
    expect(b.volIndex.pillars[0]!.forwardFactor).to.be.below(0.6);
    // F(30 d) = sqrt(ξ)·e^(−ν²T/2), ξ the forward variance over [30, 60] d = (22.4694…)²
    const nu = b.volIndex.pillars[0]!.atmVol;
    expect(b.vixFutures[0]).to.satisfy(near(22.46942886086189 * Math.exp((-nu * nu * 30) / 365 / 2), 1e-9));
    expect(nu).to.be.greaterThan(calm.volIndex.pillars[0]!.atmVol);
  });

  it("lists the inputs it modelled", function () {
    expect(buildSurfaces({ date: "2018-02-05", spx: 2648.94, vix: 37.32 }).modelled).to.deep.equal([
      "vix3m",
      "vix6m",
      "vvix",
    ]);
    expect(buildSurfaces({ ...SPIKE, vix6m: undefined, vvix: undefined }).modelled).to.deep.equal([
      "vix6m",
      "vvix",
    ]);
    expect(() => buildSurfaces({ ...SPIKE, vix3m: 10 })).to.throw(MarketInputError, /vix3m/);
  });

  it("never builds a surface the pool refuses: a sweep of levels, term structures and VVIX, two sets of bounds", function () {
    this.timeout(120_000);
    let count = 0;
    for (const vix of [9.14, 11, 15, 20, 30, 45, 65, 82.69]) {
      for (const ratio of [undefined, 0.7, 0.85, 1, 1.15, 1.35]) {
        if (ratio !== undefined && ratio * ratio * 93 < 30) continue;
        for (const vvix of [undefined, 60, 95, 150, 212]) {
          const b = buildSurfaces({
            date: "2020-01-02",
            spx: 3000,
            vix,
            vvix,
            vix3m: ratio === undefined ? undefined : vix * ratio,
          });
          for (const surface of [b.equity, b.volIndex]) {
            const pushed = fromOnChainSurface(toOnChainSurface(surface, 1));
            expect(checkSurface(pushed, DEFAULT_SURFACE_LIMITS)).to.deep.equal([]);
            expect(checkSurface(pushed, CONTRACT_DRAFT_LIMITS)).to.deep.equal([]);
          }
          count++;
        }
      }
    }
    expect(count).to.be.greaterThan(150);
  });

  it("the on-chain form: WAD rounding to nearest, whole-second tenors, overflow refused", function () {
    expect(toWad(0.1)).to.equal(100_000_000_000_000_000n);
    expect(toWad(-0.9)).to.equal(-900_000_000_000_000_000n);
    expect(toWad(1e-18 * 0.5)).to.equal(1n);
    expect(toWad(1e-18 * 0.49)).to.equal(0n);
    expect(toWad(1.0026)).to.equal(1_002_600_000_000_000_000n);
    expect(toWad(123.456e-20)).to.equal(1n);
    const b = buildSurfaces(CALM);
    const onChain = toOnChainSurface(b.equity, 1_517_443_200);
    expect(onChain.updatedAt).to.equal(1_517_443_200n);
    expect(onChain.pillars[0]!.tenor).to.equal(30 * DAY);
    expect(onChain.pillars[0]!.skew).to.equal(-900_000_000_000_000_000n);
    const back = fromOnChainSurface(onChain);
    expect(back.pillars[0]!.atmVol).to.satisfy(near(b.equity.pillars[0]!.atmVol, 1e-17));
    const bad = { pillars: [{ tenor: DAY, forwardFactor: -1, atmVol: 0.2, skew: 0, curvature: 0 }] };
    expect(() => toOnChainSurface(bad, 0)).to.throw(/forwardFactor -1 is not a uint64/);
    const big = { pillars: [{ tenor: DAY, forwardFactor: 1, atmVol: 0.2, skew: 10, curvature: 0 }] };
    expect(() => toOnChainSurface(big, 0)).to.throw(/skew 10 is not an int64/);
    expect(() =>
      toOnChainSurface({ pillars: [{ ...big.pillars[0]!, skew: 0, tenor: 2 ** 32 }] }, 0),
    ).to.throw(/uint32/);
    expect(() => toOnChainSurface(b.equity, -1)).to.throw(/negative/);
  });

  it("is deterministic", function () {
    expect(buildSurfaces(SPIKE)).to.deep.equal(buildSurfaces(SPIKE));
  });
});
