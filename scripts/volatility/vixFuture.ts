// The volatility index's future from the forward variance, less a convexity adjustment.
//
// At expiry T the index is VIX_T = sqrt(variance rate over [T, T + 30 d]), so E_Q[VIX_T²] = ξ(T), the forward
// variance of the equity index's term structure over that window (Carr & Wu 2006, "A tale of two indices").
// The future is F = E_Q[VIX_T] ≤ sqrt(ξ) (Jensen). With ln VIX_T normal of variance ν²T (ν the ATM vol of VIX
// options expiring at T): E[VIX_T²] = F²·e^(ν²T), hence
//   F = sqrt(ξ(T))·e^(−ν²T/2).
// (Replicating E[VIX_T²] with the pool's own skewed smile instead makes F depend on a linear skew extrapolated
// to strikes no market quotes; docs/volatility.md explains why the lognormal adjustment is used.)

/** The future at `years` to expiry, from the forward variance `xi` (index points²) and the ATM vol-of-vol `nu`. */
export function vixFuture(xi: number, nu: number, years: number): number {
  return Math.sqrt(xi) * Math.exp((-nu * nu * years) / 2);
}
