// Number formats shared by the terminal summary and the HTML report.

/** Dollars with thousands separators and cents: `$1,234.56`, `-$3.00`. */
export function formatUsd(v: number): string {
  const s = Math.abs(v).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${v < 0 ? "-" : ""}$${s}`;
}

/** A fraction as a percentage with one decimal: 0.1234 -> `12.3 %`. */
export function formatPct(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}
