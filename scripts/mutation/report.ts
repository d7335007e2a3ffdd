// The reports of a contracts run: out/mutation/<name>.json (every mutant with its status) and <name>.md
// (scores per domain, per file and operator, each survivor with its file:line and diff). Both are rewritten
// after every mutant, so an interrupted run leaves what it found.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Mutant } from "./mutants.js";

export const STATUSES = ["killed", "survived", "equivalent", "timed-out", "compile-error"] as const;
export type Status = (typeof STATUSES)[number];

export interface MutantResult {
  domain: string;
  mutant: Omit<Mutant, "start" | "end">;
  status: Status;
  /** killed: the suite that failed first; equivalent: why; compile-error: the compiler's first error line. */
  detail: string;
  seconds: number;
  diff: string;
}

export interface ContractsReport {
  commit: string;
  selection: string;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  /** Per domain: the hash of its inputs (`inputsHash`), which `--resume` compares. */
  inputs: Record<string, string>;
  /** Earlier runs whose results this report kept (`--resume`): their commits and selections. */
  resumedFrom: string[];
  /** Per domain: how long its unmutated tests took (the per-mutant time limit derives from it). */
  baselines: Record<string, { testSeconds: number; timeoutSeconds: number }>;
  results: MutantResult[];
}

type Counts = Record<Status, number>;

function emptyCounts(): Counts {
  return { killed: 0, survived: 0, equivalent: 0, "timed-out": 0, "compile-error": 0 };
}

/** Detected (killed or timed out) over detected plus survived: equivalents and compile errors do not count. */
export function score(c: Counts): string {
  const valid = c.killed + c["timed-out"] + c.survived;
  return valid === 0 ? "-" : `${((100 * (c.killed + c["timed-out"])) / valid).toFixed(1)} %`;
}

function countBy(results: MutantResult[], key: (r: MutantResult) => string): Map<string, Counts> {
  const table = new Map<string, Counts>();
  for (const r of results) {
    const k = key(r);
    const counts = table.get(k) ?? emptyCounts();
    counts[r.status] += 1;
    table.set(k, counts);
  }
  return table;
}

function row(label: string, c: Counts): string {
  const total = STATUSES.reduce((sum, s) => sum + c[s], 0);
  return `| ${label} | ${total} | ${STATUSES.map((s) => c[s]).join(" | ")} | ${score(c)} |`;
}

const HEADER = `| mutants | ${STATUSES.join(" | ")} | score |`;
const RULE = `| ---: | ${STATUSES.map(() => "---:").join(" | ")} | ---: |`;

export function toMarkdown(report: ContractsReport): string {
  const lines: string[] = [
    `# Mutation testing of the money contracts`,
    "",
    `Commit \`${report.commit}\`, selection \`${report.selection}\`, ${report.startedAt} to ${report.finishedAt} ` +
      `(${Math.round(report.seconds)} s). Score = (killed + timed-out) / (killed + timed-out + survived).` +
      (report.resumedFrom.length === 0
        ? ""
        : ` Results kept from earlier runs: ${report.resumedFrom.join("; ")}.`),
    "",
    "## Per domain",
    "",
    `| domain ${HEADER}`,
    `| --- ${RULE}`,
  ];
  const all = emptyCounts();
  for (const [domain, c] of countBy(report.results, (r) => r.domain)) {
    lines.push(row(domain, c));
    for (const s of STATUSES) all[s] += c[s];
  }
  lines.push(
    row("**all**", all),
    "",
    "## Per file and operator",
    "",
    `| file | operator ${HEADER}`,
    `| --- | --- ${RULE}`,
  );
  const byFileOp = countBy(report.results, (r) => `${r.mutant.file} | ${r.mutant.operator}`);
  for (const key of [...byFileOp.keys()].sort()) lines.push(row(key, byFileOp.get(key) ?? emptyCounts()));
  const section = (title: string, status: Status, withDiff: boolean): void => {
    const list = report.results.filter((r) => r.status === status);
    lines.push("", `## ${title} (${list.length})`, "");
    for (const r of list) {
      const m = r.mutant;
      lines.push(
        `- \`${m.id}\` ${m.file}:${m.line} \`${m.fn}\` ${m.operator}${r.detail === "" ? "" : `: ${r.detail}`}`,
      );
      if (withDiff) lines.push("", "```diff", r.diff, "```", "");
    }
  };
  section("Survivors", "survived", true);
  section("Timed out", "timed-out", true);
  section("Equivalent", "equivalent", false);
  section("Compile errors", "compile-error", false);
  return `${lines.join("\n")}\n`;
}

export function writeReport(report: ContractsReport, name: string): { json: string; markdown: string } {
  const dir = "out/mutation";
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${name}.json`);
  const markdown = join(dir, `${name}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, toMarkdown(report));
  return { json, markdown };
}
