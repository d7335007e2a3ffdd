// Gas of the Black-76 library: one call + put + deltas + vega evaluation over the precision grid of the
// tests, and the normal CDF alone over x in [−10, 10]. Measured inside Black76Harness with gasleft() around
// the library call (execution gas of the evaluation itself: no calldata, no 21,000 base, no ABI encoding).
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { Black76Harness } from "../../types/ethers-contracts/index.js";
import {
  D60,
  SECONDS_PER_YEAR,
  black76,
  fromWad,
  gridPoints,
  toWad,
} from "../../test/options/black76Reference.js";
import { median, type BenchSection } from "./types.js";

const TARGET = 8_000;
const ANCHORS = { lyraV1Call: 13_400, deriveV2Cdf: 1_800, solstatCdf: 2_800 };

export async function bench(ethers: HardhatEthers): Promise<BenchSection> {
  const harness = (await ethers.deployContract("Black76Harness")) as unknown as Black76Harness;

  const priceGas: number[] = [];
  let worstPriceError = new D60(0);
  for (const p of gridPoints("100", "0.05")) {
    const [res, gasUsed] = await harness.measurePrice(
      p.forward,
      p.strike,
      p.timeSeconds,
      p.volatility,
      p.rate,
    );
    priceGas.push(Number(gasUsed));
    const forward = fromWad(p.forward);
    const years = new D60(p.timeSeconds).div(SECONDS_PER_YEAR);
    const ref = black76(forward, fromWad(p.strike), years, fromWad(p.volatility), fromWad(p.rate));
    const error = D60.max(
      fromWad(res.callPrice).sub(ref.callPrice).abs(),
      fromWad(res.putPrice).sub(ref.putPrice).abs(),
    ).div(forward);
    if (error.gt(worstPriceError)) worstPriceError = error;
  }

  const cdfGas: number[] = [];
  for (let i = -1000; i <= 1000; i += 5) {
    const [, gasUsed] = await harness.measureNormalCdf(toWad(new D60(i).div(100).add("0.0012345")));
    cdfGas.push(Number(gasUsed));
  }

  const rows = {
    black76: {
      callPutDelta_median: median(priceGas),
      callPutDelta_max: Math.max(...priceGas),
      normalCdf_median: median(cdfGas),
      normalCdf_max: Math.max(...cdfGas),
      target: TARGET,
      ...ANCHORS,
    },
  };
  const r = rows.black76;
  const precision = worstPriceError.toExponential(2);
  const markdown = [
    "Execution gas of the library call alone (gasleft() around it inside `Black76Harness`), over the test",
    `grid (${priceGas.length} points: K/F 0.5 .. 3, σ 5 % .. 300 %, T 1 day .. 2 years, F = 100, r = 5 %) and,`,
    `for Φ, over ${cdfGas.length} points x in [−10, 10]. Precision: max |call or put error| / F over the grid`,
    `against a 60-digit decimal.js reference = ${precision} (target 1e-12).`,
    "",
    "| evaluation | median | max | target / anchor |",
    "|---|---:|---:|---|",
    `| call + put + deltas + vega (ALVH) | ${r.callPutDelta_median} | ${r.callPutDelta_max} | target ${TARGET} |`,
    `| normal CDF Φ (ALVH, error < 1e-18) | ${r.normalCdf_median} | ${r.normalCdf_max} | |`,
    `| Lyra v1 BlackScholes, one call (rel. error 6.8e-13) | ${ANCHORS.lyraV1Call} | | anchor |`,
    `| Derive v2 normal CDF | ${ANCHORS.deriveV2Cdf} | | anchor |`,
    `| solstat normal CDF (error 1.2e-7) | ${ANCHORS.solstatCdf} | | anchor |`,
  ].join("\n");
  return { title: "Black-76 pricing (contracts/options/Black76.sol)", rows, markdown };
}
