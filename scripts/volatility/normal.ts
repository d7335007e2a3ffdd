// The standard normal density and distribution function in double precision.
//
// Φ(x) for x ≥ 0 is 1 − Φ(−x). For a = −x in [0, 5): Φ(−a) = ½ − φ(a)·(a + a³/3 + a⁵/(3·5) + …), a series
// whose terms all have the sign of a (no cancellation inside the sum; the final subtraction loses at most
// ~7 digits at a = 5, where Φ ≈ 2.9e-7). For a ≥ 5: Laplace's continued fraction
// Φ(−a) = φ(a) / (a + 1/(a + 2/(a + 3/(a + …)))), evaluated bottom-up from 60 terms (converges fast there).
// Measured against a 60-digit reference in test/volatility/normal.test.ts.

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** φ(x), the standard normal density. */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Φ(x), the standard normal distribution function. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x > 0) return 1 - normalCdf(-x);
  const a = -x;
  if (a > 40) return 0;
  if (a < 5) {
    const a2 = a * a;
    let term = a;
    let sum = a;
    for (let k = 3; k < 400; k += 2) {
      term *= a2 / k;
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return 0.5 - normalPdf(a) * sum;
  }
  let fraction = a;
  for (let k = 60; k >= 1; k--) fraction = a + k / fraction;
  return normalPdf(a) / fraction;
}
