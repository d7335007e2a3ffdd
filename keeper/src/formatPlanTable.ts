import type { CycleReport } from "./createKeeper.js";
import type { Action } from "./types.js";

function details(a: Action): string {
  switch (a.type) {
    case "RollLayer":
      return `L${a.layer + 1} strikes ${a.newLowerStrike}/${a.newUpperStrike} (1e-8) exp ${new Date(a.newExpiry * 1000).toISOString()} size ${a.size} maxPremium ${a.maxPremium}`;
    case "MonetiseLayer":
      return `L${a.layer + 1} sell series ${a.closeSeriesId}`;
    case "OpenCondor":
      return `${a.sides.join("+")} ${a.longPutStrike}/${a.shortPutStrike}–${a.shortCallStrike}/${a.longCallStrike} (1e-8) exp ${new Date(a.expiry * 1000).toISOString()}`;
    case "RollCondorSide":
      return `${a.side} → ${a.newShortStrike}/${a.newLongStrike} (1e-8) exp ${new Date(a.newExpiry * 1000).toISOString()}`;
    default:
      return "";
  }
}

/** The dry-run plan as a plain-text table, then the warnings (critical ones marked loudly). */
export function formatPlanTable(report: CycleReport): string {
  const rows = [["vault", "action", "details", "reason"]];
  for (const p of report.planned) rows.push([p.vault, p.action.type, details(p.action), p.action.reason]);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]): string =>
    r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c] ?? 0) : cell)).join("  ");
  const out = [
    `plan at block ${report.blockNumber} (chain time ${new Date(report.now * 1000).toISOString()})`,
  ];
  out.push(line(rows[0] as string[]));
  for (const r of rows.slice(1)) out.push(line(r));
  if (report.planned.length === 0) out.push("(nothing to do)");
  for (const w of report.warnings)
    out.push(
      `${w.warning.level === "critical" ? "!!! CRITICAL" : w.warning.level.toUpperCase()} [${w.warning.code}] ${w.vault}: ${w.warning.message}`,
    );
  return `${out.join("\n")}\n`;
}
