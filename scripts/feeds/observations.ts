// Where the feed pusher's values come from: Cboe daily CSV files replayed row by row, a JSON file of market
// inputs replayed entry by entry, or HTTP JSON sources of the operator's choice. An observation holds the two
// index values the feeds get and the volatility oracle's optional inputs (VIX3M, VIX6M, VVIX) where the source
// has them; the oracle's model fills in the others. A source hands out one observation per call; a failed call
// (an unreachable URL) can simply be called again, which is what the pusher does after a back-off.
import { readHistory } from "../demo/history.js";
import { readMarketInputs } from "./marketInputsFile.js";
import type { IndexValues } from "./pushIndexValues.js";
import { OPTIONAL_INPUTS, type OptionalInput, type PushSource } from "./settings.js";
import { FEED_DECIMALS, toFeedUnits, valueAtPath } from "./values.js";

/** One observation: index values in the feeds' 8-decimal units, and what else the source knew. */
export interface Observation extends IndexValues {
  /** The market date of the values (`YYYY-MM-DD`) when the source has one (CSV, JSON); else the push's date. */
  date?: string;
  /** The volatility oracle's optional inputs, index points (absent: modelled). */
  extra?: Partial<Record<OptionalInput, number>>;
  /** Optional inputs the source is configured for but could not give this time, and why (then modelled). */
  unavailable?: Array<{ input: OptionalInput; reason: string }>;
}

/** One observation per call; null when the source is exhausted. */
export interface ObservationSource {
  next(): Promise<Observation | null>;
}

/** A fixed list of observations (tests, and the CSV and JSON replays below). */
export function listSource(values: readonly Observation[]): ObservationSource {
  let i = 0;
  return { next: async () => values[i++] ?? null };
}

/** Reads the configured source: every CSV row or JSON entry up front (errors name file and line or entry), or the URLs per call. */
export function observationSource(source: PushSource): ObservationSource {
  if (source.kind === "json") return listSource(readMarketInputs(source.file));
  if (source.kind === "csv") {
    const { vix3m, vix6m, vvix } = source.optional;
    const days = readHistory({
      vixFile: source.vixFile,
      spxFile: source.spxFile,
      ...(vix3m === undefined ? {} : { vix3mFile: vix3m }),
      ...(vix6m === undefined ? {} : { vix6mFile: vix6m }),
      ...(vvix === undefined ? {} : { vvixFile: vvix }),
    });
    return listSource(
      days.map((day) => {
        const extra: Partial<Record<OptionalInput, number>> = {};
        for (const input of OPTIONAL_INPUTS) if (day[input] !== undefined) extra[input] = day[input];
        return {
          date: day.date,
          vix: toFeedUnits(day.vix, `VIX ${day.date}`),
          spx: toFeedUnits(day.spx, `SPX ${day.date}`),
          extra,
        };
      }),
    );
  }
  const fetchJson = async (url: string, what: string): Promise<unknown> => {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`answered HTTP ${response.status}`);
      return await response.json();
    } catch (e) {
      throw new SourceUnavailableError(`${what}: ${url}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  // A document without the value, or a value that is not a number, is a data error (IndexValueError).
  const read = async (url: string, what: string): Promise<bigint> =>
    toFeedUnits(valueAtPath(await fetchJson(url, what), source.jsonPath, what), what);
  return {
    next: async () => {
      const vix = await read(source.vixUrl, "VIX source");
      const spx = await read(source.spxUrl, "SPX source");
      const extra: Partial<Record<OptionalInput, number>> = {};
      const unavailable: Array<{ input: OptionalInput; reason: string }> = [];
      // An optional input that cannot be read right now is modelled for this observation, never a reason to
      // hold back the index rounds (settlement needs them).
      for (const input of OPTIONAL_INPUTS) {
        const url = source.optional[input];
        if (url === undefined) continue;
        try {
          extra[input] = Number(await read(url, `${input.toUpperCase()} source`)) / 10 ** FEED_DECIMALS;
        } catch (e) {
          unavailable.push({ input, reason: e instanceof Error ? e.message : String(e) });
        }
      }
      return { vix, spx, extra, unavailable };
    },
  };
}

/** The value source could not be read right now (network, HTTP status, not JSON): try again later. */
export class SourceUnavailableError extends Error {
  override readonly name = "SourceUnavailableError";
}
