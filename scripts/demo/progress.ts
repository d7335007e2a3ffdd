// A progress bar for the day-by-day replay. On a terminal it redraws one line in place; in a log (CI, a pipe)
// it writes a plain line about every 10 %, so logs stay short and readable.

/** Where the bar is written: `process.stdout` or anything with the same shape. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressBar {
  /** `done` of `total` steps are complete; `note` is shown after the figures (e.g. the current date). */
  update(done: number, note?: string): void;
  /** One more step complete. */
  tick(note?: string): void;
  /** Ends the bar (a newline on a terminal; a last line in a log unless 100 % was written); keeps the last note. */
  finish(note?: string): void;
}

export interface ProgressOptions {
  label?: string;
  stream?: ProgressStream;
  /** Clock in milliseconds, for the time estimate (tests inject one). */
  now?: () => number;
  /** Bar width in characters on a terminal. */
  width?: number;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

/** Creates a progress bar over `total` steps. */
export function createProgressBar(total: number, options: ProgressOptions = {}): ProgressBar {
  if (!Number.isInteger(total) || total <= 0)
    throw new Error(`progress: total must be a positive integer, got ${total}`);
  const stream = options.stream ?? process.stdout;
  const now = options.now ?? ((): number => performance.now());
  const label = options.label ?? "Progress";
  const width = options.width ?? 30;
  const tty = stream.isTTY === true;
  const started = now();
  let done = 0;
  let lastDecile = -1;
  let lastLine = "";
  let finished = false;
  let lastNote: string | undefined;

  const render = (note: string | undefined): string => {
    const fraction = done / total;
    const pct = `${String(Math.floor(fraction * 100)).padStart(3)} %`;
    const elapsed = now() - started;
    const eta = done > 0 && done < total ? `, ${duration((elapsed / done) * (total - done))} left` : "";
    const tail = `${done}/${total}${eta}${note === undefined ? "" : `  ${note}`}`;
    if (!tty) return `${label} ${pct.trim()} (${tail})`;
    const filled = Math.round(fraction * width);
    return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${pct} ${tail}`;
  };

  const update = (value: number, note?: string): void => {
    if (finished) return;
    done = Math.min(total, Math.max(0, Math.floor(value)));
    lastNote = note;
    if (tty) {
      const columns = stream.columns ?? 120;
      const line = render(note).slice(0, Math.max(10, columns - 1));
      if (line !== lastLine) stream.write(`\r${line}\x1b[K`);
      lastLine = line;
      return;
    }
    const decile = Math.floor((done * 10) / total);
    if (decile > lastDecile) {
      // The first call reports where we start (usually 0 %); after that one line per 10 %.
      stream.write(`${render(note)}\n`);
      lastDecile = decile;
    }
  };

  return {
    update,
    tick: (note?: string): void => update(done + 1, note),
    finish: (note?: string): void => {
      if (finished) return;
      const last = note ?? lastNote;
      update(done, last);
      if (tty) stream.write("\n");
      else if (lastDecile < 10) stream.write(`${render(last)}\n`);
      finished = true;
    },
  };
}
