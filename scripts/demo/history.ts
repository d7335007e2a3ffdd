// Real history for the demo: Cboe's daily CSV files (e.g. VIX_History.csv), one for the volatility index and
// one for the equity index, joined on the dates present in both and cut to an optional window.
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
  /** First day kept, `YYYY-MM-DD` (inclusive). */
  from?: string;
  /** Last day kept, `YYYY-MM-DD` (inclusive). */
  to?: string;
}

const HEADER = ["DATE", "OPEN", "HIGH", "LOW", "CLOSE"] as const;

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
 * Parses the text of a Cboe daily history CSV (header `DATE,OPEN,HIGH,LOW,CLOSE`, dates `MM/DD/YYYY`).
 * Tolerates a UTF-8 BOM, CRLF line ends, spaces around fields and trailing empty lines. Throws a
 * {@link HistoryFileError} naming `file` and the line for a bad header, a bad date, a non-numeric or
 * non-positive value, a wrong number of fields, an empty line inside the data, and dates out of order or
 * repeated.
 */
export function parseCboeCsv(text: string, file: string): CboeRow[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  if (lines.length === 0) throw new HistoryFileError(file, undefined, "the file is empty");
  const header = lines[0]!.split(",").map((h) => h.trim().toUpperCase());
  if (header.length !== HEADER.length || header.some((h, i) => h !== HEADER[i])) {
    throw new HistoryFileError(file, 1, `bad header "${lines[0]}", expected "${HEADER.join(",")}"`);
  }
  const rows: CboeRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!;
    if (raw.trim() === "") throw new HistoryFileError(file, line, "empty line inside the data");
    const fields = raw.split(",").map((f) => f.trim());
    if (fields.length !== HEADER.length) {
      throw new HistoryFileError(file, line, `expected ${HEADER.length} fields, found ${fields.length}`);
    }
    const date = isoFromCboeDate(fields[0]!);
    if (date === undefined)
      throw new HistoryFileError(file, line, `bad date "${fields[0]}", expected MM/DD/YYYY`);
    const values: number[] = [];
    for (let k = 1; k < HEADER.length; k++) {
      const f = fields[k]!;
      const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(f) ? Number(f) : Number.NaN;
      if (!Number.isFinite(v)) throw new HistoryFileError(file, line, `${HEADER[k]} "${f}" is not a number`);
      if (v <= 0) throw new HistoryFileError(file, line, `${HEADER[k]} ${f} is not positive`);
      values.push(v);
    }
    const prev = rows[rows.length - 1];
    if (prev !== undefined && date <= prev.date) {
      const what = date === prev.date ? "repeats" : "comes before";
      throw new HistoryFileError(file, line, `date ${fields[0]} ${what} the previous line's date`);
    }
    rows.push({ date, open: values[0]!, high: values[1]!, low: values[2]!, close: values[3]! });
  }
  return rows;
}

/**
 * Joins parsed volatility-index and equity-index rows on the dates present in both and keeps
 * `[from, to]`. Throws a {@link HistoryFileError} naming both files when nothing is left.
 */
export function joinHistory(
  vix: { file: string; rows: CboeRow[] },
  spx: { file: string; rows: CboeRow[] },
  window: { from?: string; to?: string } = {},
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
  const spxClose = new Map(spx.rows.map((r) => [r.date, r.close]));
  const days: MarketDay[] = [];
  for (const r of vix.rows) {
    if (window.from !== undefined && r.date < window.from) continue;
    if (window.to !== undefined && r.date > window.to) continue;
    const close = spxClose.get(r.date);
    if (close !== undefined) days.push({ date: r.date, vix: r.close, spx: close });
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

/** Reads, checks and joins the two Cboe history files: the real-history counterpart of the scenario. */
export function readHistory(options: HistoryOptions): MarketDay[] {
  const read = (file: string): { file: string; rows: CboeRow[] } => {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new HistoryFileError(file, undefined, `cannot read: ${(e as Error).message}`);
    }
    return { file, rows: parseCboeCsv(text, file) };
  };
  return joinHistory(read(options.vixFile), read(options.spxFile), options);
}
