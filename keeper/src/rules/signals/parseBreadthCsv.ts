import type { BreadthRow } from "../../types.js";
import { BreadthCsvError } from "../errors.js";
import { parseUtcDate } from "../time.js";

const COUNT = /^\d+$/;

/**
 * Parses the operator's breadth file: a header `date,advances,declines`, then one row per trading
 * day (`YYYY-MM-DD,<int>,<int>`) in strictly increasing date order. Blank lines and lines starting
 * with `#` are skipped. Any other problem throws `BreadthCsvError` naming the 1-based line.
 */
export function parseBreadthCsv(text: string): BreadthRow[] {
  const lines = text.split(/\r?\n/);
  const rows: BreadthRow[] = [];
  let header = false;
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as string).trim();
    const lineNo = n + 1;
    if (line === "" || line.startsWith("#")) continue;
    const cells = line.split(",").map((c) => c.trim());
    if (!header) {
      if (cells.join(",").toLowerCase() !== "date,advances,declines") {
        throw new BreadthCsvError(lineNo, `expected header "date,advances,declines", got "${line}"`);
      }
      header = true;
      continue;
    }
    if (cells.length !== 3) throw new BreadthCsvError(lineNo, `expected 3 fields, got ${cells.length}`);
    const [date, adv, dec] = cells as [string, string, string];
    if (Number.isNaN(parseUtcDate(date)))
      throw new BreadthCsvError(lineNo, `bad date "${date}" (want YYYY-MM-DD)`);
    if (!COUNT.test(adv))
      throw new BreadthCsvError(lineNo, `advances "${adv}" is not a non-negative integer`);
    if (!COUNT.test(dec))
      throw new BreadthCsvError(lineNo, `declines "${dec}" is not a non-negative integer`);
    const prev = rows[rows.length - 1];
    if (prev !== undefined && date <= prev.date) {
      throw new BreadthCsvError(lineNo, `date ${date} is not after the previous row's ${prev.date}`);
    }
    rows.push({ date, advances: Number(adv), declines: Number(dec) });
  }
  if (!header) throw new BreadthCsvError(1, "empty file: no header");
  return rows;
}
