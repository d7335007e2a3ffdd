import { expect } from "chai";
import { network } from "hardhat";
import type { Black76Harness } from "../../types/ethers-contracts/index.js";
import {
  D60,
  SECONDS_PER_YEAR,
  WAD,
  black76,
  fromWad,
  gridPoints,
  normalCdf,
  toWad,
  type Dec,
} from "./black76Reference.js";

const { ethers, networkHelpers } = await network.create();

async function deployHarness(): Promise<Black76Harness> {
  return (await ethers.deployContract("Black76Harness")) as unknown as Black76Harness;
}

/** Our WAD result rounded to the printed number of decimals, as a string. */
function rounded(x: bigint, decimals: number): string {
  return fromWad(x).toFixed(decimals);
}

function years(seconds: number): Dec {
  return new D60(seconds).div(SECONDS_PER_YEAR);
}

describe("Black76", function () {
  let harness: Black76Harness;
  beforeEach(async function () {
    harness = await networkHelpers.loadFixture(deployHarness);
  });

  describe("published values", function () {
    it("Haug, Black-76: F = K = 19, T = 0.75, r = 10 %, σ = 28 % → call = put = 1.70105072524", async function () {
      const r = await harness.price(toWad(19), toWad(19), 23_652_000, toWad("0.28"), toWad("0.10"));
      expect(rounded(r.callPrice, 11)).to.equal("1.70105072524");
      expect(rounded(r.putPrice, 11)).to.equal("1.70105072524");
    });

    it("Hull, Black's model put: F = K = 20, r = 9 %, σ = 25 %, T = 4/12 → 1.11664145656", async function () {
      const r = await harness.price(toWad(20), toWad(20), 10_512_000, toWad("0.25"), toWad("0.09"));
      expect(rounded(r.putPrice, 11)).to.equal("1.11664145656");
    });

    it("Hull, Black's model call: F = 620, K = 600, r = 5 %, σ = 20 %, T = 0.5 → 44.1868533121", async function () {
      const r = await harness.price(toWad(620), toWad(600), 15_768_000, toWad("0.20"), toWad("0.05"));
      expect(rounded(r.callPrice, 10)).to.equal("44.1868533121");
    });

    it("Hull, Black-Scholes via F = S·e^(rT): S = 42, K = 40 → call 4.759422392872, put 0.808599372900", async function () {
      const forward = new D60(42).mul(new D60("0.05").exp()); // r·T = 0.10 × 0.5
      const r = await harness.price(toWad(forward), toWad(40), 15_768_000, toWad("0.20"), toWad("0.10"));
      expect(rounded(r.callPrice, 12)).to.equal("4.759422392872");
      expect(rounded(r.putPrice, 12)).to.equal("0.808599372900");
    });

    it("Φ(0.5), Φ(1), Φ(2), Φ(3) to 1e-15", async function () {
      const published: Array<[string, string]> = [
        ["0.5", "0.6914624612740131"],
        ["1", "0.8413447460685429"],
        ["2", "0.9772498680518208"],
        ["3", "0.9986501019683699"],
      ];
      for (const [x, phi] of published) {
        const p = await harness.normalCdf(toWad(x));
        expect(fromWad(p).sub(phi).abs().lte("1e-15"), `Φ(${x}) = ${fromWad(p).toFixed()}`).to.equal(true);
      }
    });
  });

  describe("precision against decimal.js (60 digits)", function () {
    it("Φ is within 1 wei of the reference over x in [−10, 10]", async function () {
      let worst = new D60(0);
      for (let i = -1000; i <= 1000; i += 7) {
        const x = new D60(i).div(100).add("0.0012345");
        const p = await harness.normalCdf(toWad(x));
        const error = fromWad(p)
          .sub(normalCdf(new D60(fromWad(toWad(x)))))
          .abs();
        if (error.gt(worst)) worst = error;
      }
      console.log(`      max |Φ error| = ${worst.toExponential(3)}`);
      expect(worst.lte("1e-18"), worst.toExponential(3)).to.equal(true);
    });

    it("call, put, deltas and vega over the grid: |error| ≤ 1e-12 × F", async function () {
      const worst = { price: new D60(0), delta: new D60(0), vega: new D60(0) };
      for (const [forward, rate] of [
        ["100", "0.05"],
        ["0.37", "0"],
      ] as const) {
        for (const p of gridPoints(forward, rate)) {
          const r = await harness.price(p.forward, p.strike, p.timeSeconds, p.volatility, p.rate);
          const F = fromWad(p.forward);
          const ref = black76(
            F,
            fromWad(p.strike),
            years(p.timeSeconds),
            fromWad(p.volatility),
            fromWad(p.rate),
          );
          const priceError = D60.max(
            fromWad(r.callPrice).sub(ref.callPrice).abs(),
            fromWad(r.putPrice).sub(ref.putPrice).abs(),
          ).div(F);
          const deltaError = D60.max(
            fromWad(r.callDelta).sub(ref.callDelta).abs(),
            fromWad(r.putDelta).sub(ref.putDelta).abs(),
          );
          const vegaError = fromWad(r.vega).sub(ref.vega).abs().div(F);
          if (priceError.gt(worst.price)) worst.price = priceError;
          if (deltaError.gt(worst.delta)) worst.delta = deltaError;
          if (vegaError.gt(worst.vega)) worst.vega = vegaError;
        }
      }
      console.log(
        `      max |price error|/F = ${worst.price.toExponential(3)}, max |delta error| = ` +
          `${worst.delta.toExponential(3)}, max |vega error|/F = ${worst.vega.toExponential(3)}`,
      );
      expect(worst.price.lte("1e-12")).to.equal(true);
      expect(worst.delta.lte("1e-12")).to.equal(true);
      expect(worst.vega.lte("1e-12")).to.equal(true);
    });
    it("random points over the full input bounds: |error| ≤ 1e-17 × (F + K) + 2 wei", async function () {
      // Deterministic LCG so the run is reproducible; log-uniform F, K, T, σ and uniform r.
      let seed = 0x2545f491n;
      const next = (): number => {
        seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
        return Number(seed >> 11n) / 2 ** 53;
      };
      const logUniform = (lo: number, hi: number): Dec =>
        new D60(lo).mul(new D60(hi / lo).pow(new D60(next())));
      let worst = new D60(0);
      for (let i = 0; i < 200; i++) {
        const forward = toWad(logUniform(1e-6, 1e12));
        const strike = toWad(fromWad(forward).mul(logUniform(1e-3, 1e3)));
        if (strike < 10n ** 12n || strike > 10n ** 30n) continue;
        const seconds = Math.round(logUniform(60, 157_680_000).toNumber());
        const volatility = toWad(logUniform(0.01, 5));
        const rate = toWad(new D60(next()).mul("1.1").sub("0.1"));
        const r = await harness.price(forward, strike, seconds, volatility, rate);
        const F = fromWad(forward);
        const K = fromWad(strike);
        const ref = black76(F, K, years(seconds), fromWad(volatility), fromWad(rate));
        const scale = F.add(K).mul("1e-17").add("2e-18");
        const error = D60.max(
          fromWad(r.callPrice).sub(ref.callPrice).abs(),
          fromWad(r.putPrice).sub(ref.putPrice).abs(),
        ).div(scale);
        if (error.gt(worst)) worst = error;
      }
      console.log(`      max |price error| / (1e-17·(F + K) + 2 wei) = ${worst.toFixed(3)}`);
      expect(worst.lte(1)).to.equal(true);
    });
  });

  describe("input validation", function () {
    const F = toWad(100);
    const T = 86_400 * 30;
    const V = toWad("0.5");
    const R = toWad("0.05");

    it("ForwardOutOfRange below 1e-6 and above 1e12", async function () {
      for (const forward of [0n, 10n ** 12n - 1n, 10n ** 30n + 1n]) {
        await expect(harness.price(forward, F, T, V, R))
          .to.be.revertedWithCustomError(harness, "ForwardOutOfRange")
          .withArgs(forward, 10n ** 12n, 10n ** 30n);
      }
    });

    it("StrikeOutOfRange below 1e-6 and above 1e12", async function () {
      for (const strike of [0n, 10n ** 12n - 1n, 10n ** 30n + 1n]) {
        await expect(harness.price(F, strike, T, V, R))
          .to.be.revertedWithCustomError(harness, "StrikeOutOfRange")
          .withArgs(strike, 10n ** 12n, 10n ** 30n);
      }
    });

    it("TimeOutOfRange below one minute and above five years", async function () {
      for (const seconds of [0, 59, 157_680_001]) {
        await expect(harness.price(F, F, seconds, V, R))
          .to.be.revertedWithCustomError(harness, "TimeOutOfRange")
          .withArgs(seconds, 60, 157_680_000);
      }
    });

    it("VolatilityOutOfRange below 1 % and above 500 %", async function () {
      for (const volatility of [0n, toWad("0.01") - 1n, toWad(5) + 1n]) {
        await expect(harness.price(F, F, T, volatility, R))
          .to.be.revertedWithCustomError(harness, "VolatilityOutOfRange")
          .withArgs(volatility, toWad("0.01"), toWad(5));
      }
    });

    it("RateOutOfRange below −10 % and above 100 %", async function () {
      for (const rate of [toWad("-0.1") - 1n, toWad(1) + 1n]) {
        await expect(harness.price(F, F, T, V, rate))
          .to.be.revertedWithCustomError(harness, "RateOutOfRange")
          .withArgs(rate, toWad("-0.1"), toWad(1));
      }
    });

    it("accepts every bound itself", async function () {
      const lo = 10n ** 12n;
      const hi = 10n ** 30n;
      for (const [f, k, t, v, r] of [
        [lo, hi, 60, toWad("0.01"), toWad("-0.1")],
        [hi, lo, 157_680_000, toWad(5), toWad(1)],
        [lo, lo, 157_680_000, toWad(5), toWad("-0.1")],
        [hi, hi, 60, toWad("0.01"), toWad(1)],
      ] as const) {
        const res = await harness.price(f, k, t, v, r);
        expect(res.callPrice <= f * 2n).to.equal(true);
      }
    });
  });

  describe("measurement entry points", function () {
    it("measurePrice returns the price and a positive gas figure", async function () {
      const [res, gasUsed] = await harness.measurePrice(
        toWad(100),
        toWad(110),
        86_400 * 30,
        toWad("0.8"),
        0n,
      );
      const direct = await harness.price(toWad(100), toWad(110), 86_400 * 30, toWad("0.8"), 0n);
      expect(res.callPrice).to.equal(direct.callPrice);
      expect(gasUsed > 0n).to.equal(true);
    });

    it("measureNormalCdf returns Φ and a positive gas figure", async function () {
      const [p, gasUsed] = await harness.measureNormalCdf(0n);
      expect(p).to.equal(WAD / 2n);
      expect(gasUsed > 0n).to.equal(true);
    });
  });
});
