// A JSON file of market inputs for the feed pusher (ALVH_PUSH_SOURCE=json): one entry per observation, replayed
// in order like the CSV source. Each entry holds the two index closes the feeds get and, optionally, the
// volatility oracle's other inputs (an absent one is modelled):
//   [ { "date": "2024-08-05", "vix": 38.57, "spx": 5186.33, "vix3m": 28.63, "vvix": 147.62 }, … ]
// The whole file is checked before anything is pushed; every error names the file and the entry.
import { readFileSync } from "node:fs";
import { isIsoDate } from "../demo/history.js";
import type { Observation } from "./observations.js";
import { OPTIONAL_INPUTS, type OptionalInput } from "./settings.js";
import { IndexValueError, toFeedUnits } from "./values.js";

/** A bad market-inputs file: names the file and, where one is at fault, the entry (0-based) and its date. */
export class MarketInputsFileError extends Error {
  override readonly name = "MarketInputsFileError";
  constructor(
    readonly file: string,
    readonly entry: number | undefined,
    reason: string,
  ) {
    super(`${file}${entry === undefined ? "" : ` entry ${entry}`}: ${reason}`);
  }
}

const KEYS = new Set<string>(["date", "vix", "spx", ...OPTIONAL_INPUTS]);

/** A positive finite number given as a JSON number or a decimal string. */
function positive(value: unknown): number | undefined {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim())
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Parses and checks a market-inputs document (`file` names it in errors). */
export function parseMarketInputs(text: string, file: string): Observation[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (e) {
    throw new MarketInputsFileError(file, undefined, `not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(document) || document.length === 0)
    throw new MarketInputsFileError(file, undefined, "expected a non-empty JSON array of entries");
  let previous = "";
  return document.map((entry: unknown, i): Observation => {
    const fail = (reason: string): never => {
      throw new MarketInputsFileError(file, i, reason);
    };
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return fail("is not an object");
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e))
      if (!KEYS.has(key)) fail(`unknown field "${key}" (expected ${[...KEYS].join(", ")})`);
    const date = e.date;
    if (typeof date !== "string" || !isIsoDate(date))
      return fail(`date ${JSON.stringify(date)} is not YYYY-MM-DD`);
    if (date <= previous) fail(`date ${date} is not after the previous entry's ${previous}`);
    previous = date;
    const index = (key: "vix" | "spx"): bigint => {
      const v = e[key];
      if (typeof v !== "number" && typeof v !== "string") return fail(`${key} is missing or not a number`);
      try {
        return toFeedUnits(v, `${key} ${date}`);
      } catch (err) {
        return fail(err instanceof IndexValueError ? err.message : String(err));
      }
    };
    const observation: Observation = { date, vix: index("vix"), spx: index("spx"), extra: {} };
    for (const key of OPTIONAL_INPUTS) {
      if (e[key] === undefined) continue;
      const v = positive(e[key]);
      if (v === undefined) fail(`${key} ${JSON.stringify(e[key])} is not a positive number`);
      (observation.extra as Record<OptionalInput, number>)[key] = v as number;
    }
    return observation;
  });
}

/** Reads and checks a market-inputs file. */
export function readMarketInputs(file: string): Observation[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new MarketInputsFileError(file, undefined, `cannot read: ${(e as Error).message}`);
  }
  return parseMarketInputs(text, file);
}
