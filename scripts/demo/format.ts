// Number and text formats shared by the terminal and the HTML report.

/** Dollars with thousands separators and cents: `$1,234.56`, `-$3.00`. */
export function formatUsd(v: number): string {
  const s = Math.abs(v).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${v < 0 ? "-" : ""}$${s}`;
}

/** A cash flow with an explicit sign: `+$1,234.56` (received), `-$3.00` (paid), `$0.00`. */
export function formatSignedUsd(v: number): string {
  const cents = Math.round(v * 100);
  return `${cents > 0 ? "+" : ""}${formatUsd(cents / 100)}`;
}

/** A fraction as a percentage with one decimal: 0.1234 -> `12.3 %`; a tiny negative rounds to `0.0 %`, not `-0.0 %`. */
export function formatPct(fraction: number, digits = 1): string {
  const s = (fraction * 100).toFixed(digits);
  return `${/^-0\.?0*$/.test(s) ? s.slice(1) : s} %`;
}

/** A return with an explicit sign: 0.298 -> `+29.8 %`, -0.05 -> `-5.0 %`. */
export function formatSignedPct(fraction: number, digits = 1): string {
  const s = formatPct(fraction, digits);
  return fraction > 0 && !/^0\.0+ %$/.test(s) ? `+${s}` : s;
}

/** A drawdown (a fall, given as a positive fraction) as a negative percentage: 0.08 -> `-8.0 %`; 0 -> `0.0 %`. */
export function formatDrawdown(fraction: number): string {
  return fraction > 0 ? `-${formatPct(fraction)}` : formatPct(0);
}

/**
 * Wraps `text` at spaces into lines of at most `width` characters (a longer word gets a line of its own,
 * never cut); lines after the first start with `indent`.
 */
export function wrapText(text: string, width: number, indent = ""): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const prefix = lines.length === 0 ? "" : indent;
    if (line !== "" && prefix.length + line.length + 1 + word.length > width) {
      lines.push(prefix + line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "" || lines.length === 0) lines.push((lines.length === 0 ? "" : indent) + line);
  return lines;
}
