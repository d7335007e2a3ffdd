import type { IndexLevel, UnixSeconds } from "../types.js";

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
