import type { Condor, IndexLevel } from "../types.js";

/** Break-even levels of a short iron condor at expiry: short put − credit and short call + credit. */
export function condorBreakEvens(condor: Condor): { lower: IndexLevel; upper: IndexLevel } {
  return {
    lower: condor.shortPutStrike - condor.creditPerUnit,
    upper: condor.shortCallStrike + condor.creditPerUnit,
  };
}
