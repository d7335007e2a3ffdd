import type { Amount, Bps, IndexLevel, Units } from "../types.js";

const BPS = 10_000n;

/** Smallest multiple of `tick` ≥ level × (1 + bps) (bps rounded to an integer). Rounds up: a further-OTM strike is cheaper. */
export function strikeAbove(level: IndexLevel, bps: Bps, tick: IndexLevel): IndexLevel {
  const raw = (level * (BPS + BigInt(Math.round(bps))) + BPS - 1n) / BPS;
  return ((raw + tick - 1n) / tick) * tick;
}

/** Largest multiple of `tick` ≤ level × (1 − bps). Rounds down: a further-OTM put is safer. */
export function strikeBelow(level: IndexLevel, bps: Bps, tick: IndexLevel): IndexLevel {
  const raw = (level * (BPS - BigInt(Math.round(bps)))) / BPS;
  return (raw / tick) * tick;
}

/**
 * Units (18 decimals) whose exposure at `pointsPerUnit` index points (8 decimals) equals `amount`
 * (6 decimals): amount × 1e20 / points. Rounded down (never more exposure than asked).
 */
export function unitsForAmount(amount: Amount, pointsPerUnit: IndexLevel): Units {
  if (pointsPerUnit <= 0n) return 0n;
  return (amount * 10n ** 20n) / pointsPerUnit;
}

/** Fraction of an amount in bps, rounded down. */
export function shareOf(amount: Amount, bps: Bps): Amount {
  return (amount * BigInt(Math.round(bps))) / BPS;
}
