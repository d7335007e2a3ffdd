// Float tolerance for the oracle's tests. Under `hardhat test` chai's closeTo is replaced by the bigint
// matchers of hardhat-ethers-chai-matchers (which refuse non-integers), so the tests use satisfy(near(…)).

/** A predicate: |actual − expected| ≤ tolerance. */
export function near(expected: number, tolerance: number): (actual: number) => boolean {
  const check = (actual: number): boolean => Math.abs(actual - expected) <= tolerance;
  Object.defineProperty(check, "name", { value: `within ${tolerance} of ${expected}` });
  return check;
}
