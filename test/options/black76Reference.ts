// Arbitrary-precision reference for the Black-76 tests and benchmark (decimal.js, 60 significant digits).
import { Decimal } from "decimal.js";

/** A decimal.js constructor with 60 significant digits, independent of the global one. */
export const D60 = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof D60>;

export const WAD = 10n ** 18n;
export const SECONDS_PER_YEAR = 31_536_000;

const SQRT_2PI = D60.sqrt(D60.mul(2, D60.acos(-1)));

/** φ(x), the standard normal density. */
export function normalPdf(x: Dec): Dec {
  return x.mul(x).div(-2).exp().div(SQRT_2PI);
}

/**
 * Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …): every term has the sign of x, so the series has no
 * cancellation; at |x| ≤ 12 it loses at most 32 of the 60 digits in ½ − …, leaving ~28 for Φ(−12) ≈ 2e-33.
 * Beyond |x| = 12 the tail is below 2e-33 and is returned as 0 (or 1).
 */
export function normalCdf(x: Dec): Dec {
  if (x.gt(12)) return new D60(1);
  if (x.lt(-12)) return new D60(0);
  const x2 = x.mul(x);
  let term = x;
  let sum = x;
  for (let k = 3; ; k += 2) {
    term = term.mul(x2).div(k);
    sum = sum.add(term);
    if (term.abs().lt("1e-58")) break;
  }
  return normalPdf(x).mul(sum).add(0.5);
}

export interface Black76Reference {
  callPrice: Dec;
  putPrice: Dec;
  callDelta: Dec;
  putDelta: Dec;
  vega: Dec;
}

/** Black-76 with discounting, all inputs in natural units (time in years). */
export function black76(forward: Dec, strike: Dec, years: Dec, volatility: Dec, rate: Dec): Black76Reference {
  const stdDev = volatility.mul(years.sqrt());
  const d1 = forward.div(strike).ln().div(stdDev).add(stdDev.div(2));
  const d2 = d1.sub(stdDev);
  const discount = rate.mul(years).neg().exp();
  const n1 = normalCdf(d1);
  const n2 = normalCdf(d2);
  return {
    callPrice: discount.mul(forward.mul(n1).sub(strike.mul(n2))),
    putPrice: discount.mul(strike.mul(new D60(1).sub(n2)).sub(forward.mul(new D60(1).sub(n1)))),
    callDelta: discount.mul(n1),
    putDelta: discount.mul(new D60(1).sub(n1)).neg(),
    vega: discount.mul(forward).mul(normalPdf(d1)).mul(years.sqrt()),
  };
}

/** A WAD integer as a decimal. */
export function fromWad(x: bigint): Dec {
  return new D60(x.toString()).div(WAD.toString());
}

/** A decimal as a WAD integer, rounded to nearest. */
export function toWad(x: Dec | number | string): bigint {
  return BigInt(new D60(x).mul(WAD.toString()).toDecimalPlaces(0, D60.ROUND_HALF_EVEN).toFixed(0));
}

/** The precision grid of the brief: K/F 0.5 .. 3, σ 5 % .. 300 %, T 1 day .. 2 years. */
export const GRID = {
  moneyness: ["0.5", "0.6", "0.75", "0.9", "0.97", "1", "1.03", "1.1", "1.25", "1.5", "2", "2.5", "3"],
  volatility: ["0.05", "0.1", "0.2", "0.35", "0.6", "1", "1.5", "2.2", "3"],
  days: [1, 3, 7, 30, 91, 182, 365, 730],
};

export interface GridPoint {
  forward: bigint;
  strike: bigint;
  timeSeconds: number;
  volatility: bigint;
  rate: bigint;
}

/** Every grid point, with forward F and rate r as given. */
export function gridPoints(forward: string, rate: string): GridPoint[] {
  const points: GridPoint[] = [];
  for (const m of GRID.moneyness)
    for (const v of GRID.volatility)
      for (const days of GRID.days)
        points.push({
          forward: toWad(forward),
          strike: toWad(new D60(forward).mul(m)),
          timeSeconds: days * 86_400,
          volatility: toWad(v),
          rate: toWad(rate),
        });
  return points;
}
