// Index values for the feed pusher: parsing a number out of a JSON answer and scaling to the feeds' 8
// decimals, exactly (no floating-point rounding of the printed decimal).

/** The feeds' decimals (Chainlink USD-feed convention). */
export const FEED_DECIMALS = 8;

export class IndexValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IndexValueError";
  }
}

/** `"19.45"` → 1_945_000_000n. Refuses anything that is not a positive decimal with at most 8 decimals. */
export function toFeedUnits(value: string | number, what: string): bigint {
  const text = typeof value === "number" ? numberToPlainString(value) : value.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) throw new IndexValueError(`${what}: "${text}" is not a positive decimal number`);
  const whole = match[1]!;
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > FEED_DECIMALS) {
    throw new IndexValueError(`${what}: "${text}" has more than ${FEED_DECIMALS} decimals`);
  }
  const units =
    BigInt(whole) * 10n ** BigInt(FEED_DECIMALS) + BigInt(fraction.padEnd(FEED_DECIMALS, "0") || "0");
  if (units === 0n) throw new IndexValueError(`${what}: the value is zero`);
  return units;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // Up to 8 decimals, without exponent notation; trailing zeros are stripped by the parser.
  return value.toFixed(FEED_DECIMALS);
}

/** The value at a dotted `path` (e.g. `data.close` or `quotes.0.last`) of a parsed JSON document. */
export function valueAtPath(document: unknown, path: string, what: string): string | number {
  let node: unknown = document;
  for (const key of path.split(".")) {
    if (node !== null && typeof node === "object" && key in node) {
      node = (node as Record<string, unknown>)[key];
    } else {
      throw new IndexValueError(`${what}: the JSON answer has nothing at "${path}" (stopped at "${key}")`);
    }
  }
  if (typeof node === "number" || typeof node === "string") return node;
  throw new IndexValueError(`${what}: the value at "${path}" is not a number or a string`);
}
