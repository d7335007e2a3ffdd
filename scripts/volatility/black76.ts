// Undiscounted Black-76 prices (per unit of the forward's currency): the float reference of the on-chain
// pricer. Discounting, where wanted, is applied by the caller (the pool uses D = e^(−r·τ)).
import { normalCdf } from "./normal.js";

/** Undiscounted Black-76 call on forward `forward`, strike `strike`, `years` to expiry, volatility `vol`. */
export function black76Call(forward: number, strike: number, years: number, vol: number): number {
  if (years <= 0 || vol <= 0) return Math.max(forward - strike, 0);
  const sd = vol * Math.sqrt(years);
  const d1 = Math.log(forward / strike) / sd + sd / 2;
  return forward * normalCdf(d1) - strike * normalCdf(d1 - sd);
}

/** Undiscounted Black-76 put (same arguments as {@link black76Call}). */
export function black76Put(forward: number, strike: number, years: number, vol: number): number {
  if (years <= 0 || vol <= 0) return Math.max(strike - forward, 0);
  const sd = vol * Math.sqrt(years);
  const d1 = Math.log(forward / strike) / sd + sd / 2;
  return strike * normalCdf(sd - d1) - forward * normalCdf(-d1);
}
