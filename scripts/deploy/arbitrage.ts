// Constant-product quotes off-chain (the same integer formulas as the pair, shared by the demo, the tests and the
// benchmarks) and the sizing of a two-pair arbitrage: how much of the loan token to sell on the cheap pair so that
// selling the proceeds on the dear pair returns the most. Both pairs charge the 0.3 % fee (997/1000).

/** Reserves of one pair, ordered as (loan token, other token). */
export interface OrderedReserves {
  loan: bigint;
  other: bigint;
}

const FEE_NUM = 997n;
const FEE_DEN = 1000n;

/** Integer square root (floor). */
export function sqrtFloor(value: bigint): bigint {
  if (value < 0n) throw new RangeError("sqrtFloor: negative input");
  if (value < 2n) return value;
  let x = value;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + value / x) / 2n;
  }
  return x;
}

/** Output of a constant-product swap with the 0.3 % fee, rounded down as the pair does. */
export function amountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  const inWithFee = amountIn * FEE_NUM;
  return (inWithFee * reserveOut) / (reserveIn * FEE_DEN + inWithFee);
}

/** Input needed for an exact output of a constant-product swap with the 0.3 % fee, rounded up as the pair
 *  requires. `out` must be below `reserveOut`. */
export function amountIn(out: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  return (reserveIn * out * FEE_DEN) / ((reserveOut - out) * FEE_NUM) + 1n;
}

/** Loan tokens returned by selling `amountIn` on `cheap` and the proceeds on `dear`. */
export function roundTrip(amountIn: bigint, cheap: OrderedReserves, dear: OrderedReserves): bigint {
  return amountOut(amountOut(amountIn, cheap.loan, cheap.other), dear.other, dear.loan);
}

/**
 * The input that maximises `roundTrip(x) - x`, or 0 when no input is profitable before fees. The two swaps
 * compose into one constant-product curve out(x) = N·x / (A + B·x) with N = γ²·c.other·d.loan,
 * A = c.loan·d.other and B = γ·d.other + γ²·c.other (γ = 0.997), whose best input is (√(A·N) − A) / B.
 */
export function optimalArbitrageInput(cheap: OrderedReserves, dear: OrderedReserves): bigint {
  // Scaled by FEE_DEN² so that everything stays an integer.
  const n = FEE_NUM * FEE_NUM * cheap.other * dear.loan;
  const a = FEE_DEN * FEE_DEN * cheap.loan * dear.other;
  const b = FEE_NUM * FEE_DEN * dear.other + FEE_NUM * FEE_NUM * cheap.other;
  if (n <= a) return 0n;
  return (sqrtFloor(a * n) - a) / b;
}
