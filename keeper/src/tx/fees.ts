import { FeeCapExceededError } from "./errors.js";

export interface Eip1559Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

export interface FeeCaps {
  /** Hard cap: no transaction ever offers more than this per gas. */
  maxFeePerGas: bigint;
  /** Cap of the first send's tip (the node's suggestion is used when it is lower). */
  maxPriorityFeePerGas: bigint;
  /**
   * Hard cap of the tip, replacements included. A replacement must raise the tip by the bump too, so a
   * transaction stuck behind competitors stops being replaced here (the fee-capped path), instead of
   * bidding its tip up to `maxFeePerGas`. At least `maxPriorityFeePerGas`.
   */
  maxReplacementPriorityFeePerGas: bigint;
}

/**
 * EIP-1559 fees from the latest base fee and the node's suggested tip: tip = min(suggested, cap),
 * maxFee = 2 × base + tip (survives ~6 full blocks of base-fee rises), lowered to the hard cap when
 * the cap still covers base + tip; otherwise `FeeCapExceededError` (wait rather than overpay).
 */
export function estimateFees(baseFee: bigint, suggestedTip: bigint, caps: FeeCaps): Eip1559Fees {
  const tip = suggestedTip < caps.maxPriorityFeePerGas ? suggestedTip : caps.maxPriorityFeePerGas;
  const wanted = 2n * baseFee + tip;
  if (wanted <= caps.maxFeePerGas) return { maxFeePerGas: wanted, maxPriorityFeePerGas: tip };
  if (baseFee + tip <= caps.maxFeePerGas)
    return { maxFeePerGas: caps.maxFeePerGas, maxPriorityFeePerGas: tip };
  throw new FeeCapExceededError(baseFee + tip, caps.maxFeePerGas);
}

/**
 * Fees of a replacement: both fields at least `bumpBps` above the old ones (rounded up; nodes
 * require ≥ 10–12.5 %) and at least the fresh estimate. Returns null when that would exceed a hard
 * cap (maxFeePerGas, or the tip's own cap): the replacement is then not sent.
 */
export function bumpFees(
  old: Eip1559Fees,
  fresh: Eip1559Fees,
  bumpBps: number,
  caps: FeeCaps,
): Eip1559Fees | null {
  const up = (v: bigint): bigint => (v * BigInt(10_000 + bumpBps) + 9_999n) / 10_000n;
  const tip =
    up(old.maxPriorityFeePerGas) > fresh.maxPriorityFeePerGas
      ? up(old.maxPriorityFeePerGas)
      : fresh.maxPriorityFeePerGas;
  let max = up(old.maxFeePerGas) > fresh.maxFeePerGas ? up(old.maxFeePerGas) : fresh.maxFeePerGas;
  if (max < tip) max = tip;
  if (max > caps.maxFeePerGas || tip > caps.maxReplacementPriorityFeePerGas) return null;
  return { maxFeePerGas: max, maxPriorityFeePerGas: tip };
}
