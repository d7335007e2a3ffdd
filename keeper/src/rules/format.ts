import type { Amount, IndexLevel, UnixSeconds, Units } from "../types.js";

/** `1234567n` -> "1,234,567" (bigint, thousands separators). */
function groupThousands(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A fixed-point bigint with `decimals` decimals, rounded half up to `digits` digits: "1,234.57". */
function formatFixed(value: bigint, decimals: number, digits: number): string {
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  const scale = 10n ** BigInt(decimals - digits);
  const rounded = (abs + scale / 2n) / scale;
  const unit = 10n ** BigInt(digits);
  const whole = groupThousands(rounded / unit);
  return digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(rounded % unit).padStart(digits, "0")}`;
}

/** "20.50" for 2_050_000_000n (8-decimal level), for human-readable reasons. */
export function formatLevel(level: IndexLevel): string {
  const sign = level < 0n ? "-" : "";
  const abs = level < 0n ? -level : level;
  const cents = (abs + 500_000n) / 1_000_000n;
  return `${sign}${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

/** "2026-03-18 18:00Z". */
export function formatTime(t: UnixSeconds): string {
  return `${new Date(t * 1000).toISOString().slice(0, 16).replace("T", " ")}Z`;
}

/** A stablecoin amount (6 decimals) in dollars and cents: 20_000_000_000n -> "20,000.00 USD". */
export function formatAmount(amount: Amount): string {
  return `${formatFixed(amount, 6, 2)} USD`;
}

/** A position size (18-decimal index units) with two decimals: 5_941_770_647_653_000_594_177n -> "5,941.77 units". */
export function formatUnits(size: Units): string {
  return `${formatFixed(size, 18, 2)} units`;
}

/** A number of days, to the hour's precision without noise: 17.041666666666668 -> "17.04", 45 -> "45". */
export function formatDays(days: number): string {
  return String(Number(days.toFixed(2)));
}
