// Real history for the demo: Cboe's daily CSV files (e.g. VIX_History.csv), one for the volatility index and
// one for the equity index, joined on the dates present in both and cut to an optional window; optionally
// VIX3M_History.csv, VIX6M_History.csv (same format) and VVIX_History.csv (DATE,VVIX), whose closes are
// attached to the days they cover (a day an optional file lacks is left for the oracle's model to fill in).
import { readFileSync } from "node:fs";
import type { MarketDay } from "./marketDay.js";

/** A bad history file: names the file and, where one is at fault, the 1-based line. */
export class HistoryFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${reason}`);
    this.name = "HistoryFileError";
  }
}

/** One row of a Cboe daily history file. */
export interface CboeRow {
  /** `YYYY-MM-DD`. */
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
}

/** Settings of a history replay. */
export interface HistoryOptions {
  vixFile: string;
  spxFile: string;
  /** Optional Cboe VIX3M_History.csv (DATE,OPEN,HIGH,LOW,CLOSE). */
  vix3mFile?: string;
  /** Optional Cboe VIX6M_History.csv (DATE,OPEN,HIGH,LOW,CLOSE). */
  vix6mFile?: string;
  /** Optional Cboe VVIX_History.csv (DATE,VVIX). */
  vvixFile?: string;
  /** First day kept, `YYYY-MM-DD` (inclusive). */
  from?: string;
  /** Last day kept, `YYYY-MM-DD` (inclusive). */
  to?: string;
}

const HEADER = ["DATE", "OPEN", "HIGH", "LOW", "CLOSE"] as const;
const VVIX_HEADER = ["DATE", "VVIX"] as const;

/** `MM/DD/YYYY` to `YYYY-MM-DD`, or undefined when it is not a calendar date in that form. */
function isoFromCboeDate(text: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m === null) return undefined;
  const iso = `${m[3]}-${m[1]!.padStart(2, "0")}-${m[2]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** True when `text` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Parses a Cboe daily CSV with the given `header` (first column DATE as `MM/DD/YYYY`, the others positive
 * numbers). Tolerates a UTF-8 BOM, CRLF line ends, spaces around fields and trailing empty lines. Throws a
 * {@link HistoryFileError} naming `file` and the line for a bad header, a bad date, a non-numeric or
 * non-positive value, a wrong number of fields, an empty line inside the data, and dates out of order or
 * repeated.
 */
function parseDatedCsv(
  text: string,
  file: string,
  header: readonly string[],
): { date: string; values: number[] }[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  if (lines.length === 0) throw new HistoryFileError(file, undefined, "the file is empty");
  const found = lines[0]!.split(",").map((h) => h.trim().toUpperCase());
  if (found.length !== header.length || found.some((h, i) => h !== header[i])) {
    throw new HistoryFileError(file, 1, `bad header "${lines[0]}", expected "${header.join(",")}"`);
  }
  const rows: { date: string; values: number[] }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!;
    if (raw.trim() === "") throw new HistoryFileError(file, line, "empty line inside the data");
    const fields = raw.split(",").map((f) => f.trim());
    if (fields.length !== header.length) {
      throw new HistoryFileError(file, line, `expected ${header.length} fields, found ${fields.length}`);
    }
    const date = isoFromCboeDate(fields[0]!);
    if (date === undefined)
      throw new HistoryFileError(file, line, `bad date "${fields[0]}", expected MM/DD/YYYY`);
    const values: number[] = [];
    for (let k = 1; k < header.length; k++) {
      const f = fields[k]!;
      const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(f) ? Number(f) : Number.NaN;
      if (!Number.isFinite(v)) throw new HistoryFileError(file, line, `${header[k]} "${f}" is not a number`);
      if (v <= 0) throw new HistoryFileError(file, line, `${header[k]} ${f} is not positive`);
      values.push(v);
    }
    const prev = rows[rows.length - 1];
    if (prev !== undefined && date <= prev.date) {
      const what = date === prev.date ? "repeats" : "comes before";
      throw new HistoryFileError(file, line, `date ${fields[0]} ${what} the previous line's date`);
    }
    rows.push({ date, values });
  }
  return rows;
}

/** Parses a Cboe daily history CSV (header `DATE,OPEN,HIGH,LOW,CLOSE`); errors as {@link parseDatedCsv}. */
export function parseCboeCsv(text: string, file: string): CboeRow[] {
  return parseDatedCsv(text, file, HEADER).map(({ date, values: [open, high, low, close] }) => ({
    date,
    open: open!,
    high: high!,
    low: low!,
    close: close!,
  }));
}

/** Parses Cboe's VVIX_History.csv (header `DATE,VVIX`); errors as {@link parseDatedCsv}. */
export function parseVvixCsv(text: string, file: string): { date: string; value: number }[] {
  return parseDatedCsv(text, file, VVIX_HEADER).map(({ date, values }) => ({ date, value: values[0]! }));
}

/** Closes of the optional files by date (absent file: no entry). */
export interface OptionalCloses {
  vix3m?: ReadonlyMap<string, number>;
  vix6m?: ReadonlyMap<string, number>;
  vvix?: ReadonlyMap<string, number>;
}

/**
 * Joins parsed volatility-index and equity-index rows on the dates present in both and keeps
 * `[from, to]`; attaches the optional closes of the days they cover. Throws a {@link HistoryFileError} naming
 * both files when nothing is left.
 */
export function joinHistory(
  vix: { file: string; rows: CboeRow[] },
  spx: { file: string; rows: CboeRow[] },
  window: { from?: string; to?: string } = {},
  optional: OptionalCloses = {},
): MarketDay[] {
  for (const [flag, value] of [
    ["from", window.from],
    ["to", window.to],
  ] as const) {
    if (value !== undefined && !isIsoDate(value)) {
      throw new Error(`history: --${flag} "${value}" is not a YYYY-MM-DD date`);
    }
  }
  if (window.from !== undefined && window.to !== undefined && window.from > window.to) {
    throw new Error(`history: --from ${window.from} is after --to ${window.to}`);
  }
  const spxRows = new Map(spx.rows.map((r) => [r.date, r]));
  const days: MarketDay[] = [];
  for (const r of vix.rows) {
    if (window.from !== undefined && r.date < window.from) continue;
    if (window.to !== undefined && r.date > window.to) continue;
    const s = spxRows.get(r.date);
    if (s === undefined) continue;
    const day: MarketDay = { date: r.date, vix: r.close, spx: s.close, vixOpen: r.open, spxOpen: s.open };
    for (const key of ["vix3m", "vix6m", "vvix"] as const) {
      const v = optional[key]?.get(r.date);
      if (v !== undefined) day[key] = v;
    }
    days.push(day);
  }
  if (days.length === 0) {
    const span = `${window.from ?? "start"} .. ${window.to ?? "end"}`;
    throw new HistoryFileError(
      `${vix.file} + ${spx.file}`,
      undefined,
      `no day left after joining on common dates within ${span}`,
    );
  }
  return days;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new HistoryFileError(file, undefined, `cannot read: ${(e as Error).message}`);
  }
}

/**
 * Reads, checks and joins the Cboe history files: the real-history counterpart of the scenario. The
 * optional files are read and checked whole (a bad line anywhere is an error naming the file and line).
 */
export function readHistory(options: HistoryOptions): MarketDay[] {
  const read = (file: string): { file: string; rows: CboeRow[] } => ({
    file,
    rows: parseCboeCsv(readText(file), file),
  });
  const closes = (file: string | undefined): Map<string, number> | undefined =>
    file === undefined ? undefined : new Map(read(file).rows.map((r) => [r.date, r.close]));
  const vvix =
    options.vvixFile === undefined
      ? undefined
      : new Map(parseVvixCsv(readText(options.vvixFile), options.vvixFile).map((r) => [r.date, r.value]));
  const optional: OptionalCloses = {
    ...(options.vix3mFile === undefined ? {} : { vix3m: closes(options.vix3mFile)! }),
    ...(options.vix6mFile === undefined ? {} : { vix6m: closes(options.vix6mFile)! }),
    ...(vvix === undefined ? {} : { vvix }),
  };
  return joinHistory(read(options.vixFile), read(options.spxFile), options, optional);
}
