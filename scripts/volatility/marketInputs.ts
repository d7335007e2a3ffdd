// Checks of one day's market inputs: every bad value is an error naming the day and the field.
import type { MarketInputs } from "./types.js";

/** A market input that cannot be used; `field` names it. */
export class MarketInputError extends Error {
  constructor(
    readonly date: string,
    readonly field: string,
    reason: string,
  ) {
    super(`market inputs ${date}: ${field} ${reason}`);
    this.name = "MarketInputError";
  }
}

const OPTIONAL = ["vix3m", "vix6m", "vvix"] as const;

/**
 * Throws a {@link MarketInputError} for a bad date, a missing, non-finite or non-positive close, or
 * volatility indices that imply a negative forward variance (VIX3M²·93 < VIX²·30, VIX6M²·182 < VIX3M²·93):
 * no real quotes do that, so it is a data error, not a market.
 */
export function checkMarketInputs(inputs: MarketInputs): void {
  const date = typeof inputs.date === "string" ? inputs.date : String(inputs.date);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new MarketInputError(date, "date", "is not YYYY-MM-DD");
  const positive = (field: string, v: unknown): void => {
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
      throw new MarketInputError(date, field, `${String(v)} is not a positive number`);
    }
  };
  positive("spx", inputs.spx);
  positive("vix", inputs.vix);
  for (const f of OPTIONAL) if (inputs[f] !== undefined) positive(f, inputs[f]);
  const points: [string, number, number][] = [["vix", inputs.vix, 30]];
  if (inputs.vix3m !== undefined) points.push(["vix3m", inputs.vix3m, 93]);
  if (inputs.vix6m !== undefined) points.push(["vix6m", inputs.vix6m, 182]);
  for (let i = 1; i < points.length; i++) {
    const [f0, v0, t0] = points[i - 1]!;
    const [f1, v1, t1] = points[i]!;
    if (v1 * v1 * t1 < v0 * v0 * t0) {
      throw new MarketInputError(
        date,
        f1,
        `${v1} after ${f0} ${v0} implies a negative forward variance (${f1}²·${t1} < ${f0}²·${t0})`,
      );
    }
  }
}
