import type { BreadthRow } from "../../types.js";

/** Cumulative advance–decline line: running sum of (advances − declines), one value per row. */
export function advanceDeclineLine(rows: readonly BreadthRow[]): number[] {
  let sum = 0;
  return rows.map((r) => (sum += r.advances - r.declines));
}
