// Where the feed pusher's values come from: Cboe daily CSV files replayed row by row, or HTTP JSON sources of
// the operator's choice. A source hands out one observation per call; a failed call (an unreachable URL) can
// simply be called again, which is what the pusher does after a back-off.
import { readHistory } from "../demo/history.js";
import type { IndexValues } from "./pushIndexValues.js";
import type { PushSource } from "./settings.js";
import { toFeedUnits, valueAtPath } from "./values.js";

/** One observation per call (values in the feeds' 8-decimal units); null when the source is exhausted. */
export interface ObservationSource {
  next(): Promise<IndexValues | null>;
}

/** A fixed list of observations (tests, and the CSV replay below). */
export function listSource(values: readonly IndexValues[]): ObservationSource {
  let i = 0;
  return { next: async () => values[i++] ?? null };
}

/** Reads the configured source: every CSV row up front (errors name file and line), or the two URLs per call. */
export function observationSource(source: PushSource): ObservationSource {
  if (source.kind === "csv") {
    const days = readHistory({ vixFile: source.vixFile, spxFile: source.spxFile });
    return listSource(
      days.map((day) => ({
        vix: toFeedUnits(day.vix, `VIX ${day.date}`),
        spx: toFeedUnits(day.spx, `SPX ${day.date}`),
      })),
    );
  }
  const read = async (url: string, what: string): Promise<bigint> => {
    let document: unknown;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`answered HTTP ${response.status}`);
      document = await response.json();
    } catch (e) {
      throw new SourceUnavailableError(`${what}: ${url}: ${e instanceof Error ? e.message : String(e)}`);
    }
    // A document without the value, or a value that is not a number, is a data error (IndexValueError).
    return toFeedUnits(valueAtPath(document, source.jsonPath, what), what);
  };
  return {
    next: async () => ({
      vix: await read(source.vixUrl, "VIX source"),
      spx: await read(source.spxUrl, "SPX source"),
    }),
  };
}

/** The value source could not be read right now (network, HTTP status, not JSON): try again later. */
export class SourceUnavailableError extends Error {
  override readonly name = "SourceUnavailableError";
}
