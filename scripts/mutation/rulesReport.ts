// `npm run test:mutation:rules` runs Stryker on keeper/src/rules, then this: it reads Stryker's report
// (out/mutation/rules.json), sets aside the survivors documented in scripts/mutation/rules-equivalents.json
// (each with its one-line reason) and writes out/mutation/rules.md: the score per file and over the money
// rules, every undocumented survivor with its file:line and change. A documented entry of a mutated file that
// no longer matches a surviving mutant is named (the rule or its tests changed: re-judge or remove the entry).
import { readFileSync, writeFileSync } from "node:fs";
import { normalize } from "./mutants.js";

const STRYKER_REPORT = "out/mutation/rules.json";
const MARKDOWN = "out/mutation/rules.md";
export const RULES_EQUIVALENTS_FILE = "scripts/mutation/rules-equivalents.json";

/**
 * The rules whose output is part of a planned action (its priority, size, strikes, expiry or premium): the
 * plan itself, the budget, strikes, the expiry grid, the ladder's sizing and the signals that scale a layer's
 * size. The others (calendar coverage warnings, parsing, formatting, error texts) only warn or explain.
 */
export const MONEY_RULES = [
  "keeper/src/rules/applyBudget.ts",
  "keeper/src/rules/chooseExpiry.ts",
  "keeper/src/rules/eventConflict.ts",
  "keeper/src/rules/expiryCandidates.ts",
  "keeper/src/rules/ladderSize.ts",
  "keeper/src/rules/planCondor.ts",
  "keeper/src/rules/planKeeperActions.ts",
  "keeper/src/rules/planLayers.ts",
  "keeper/src/rules/strikes.ts",
  "keeper/src/rules/signals/advanceDeclineLine.ts",
  "keeper/src/rules/signals/computeIntensity.ts",
  "keeper/src/rules/signals/dailyCloses.ts",
  "keeper/src/rules/signals/ema.ts",
  "keeper/src/rules/signals/intensityMultiplier.ts",
  "keeper/src/rules/signals/macd.ts",
  "keeper/src/rules/signals/rsi.ts",
];

interface Position {
  line: number;
  column: number;
}

interface StrykerMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: Position; end: Position };
}

interface StrykerReport {
  files: Record<string, { source: string; mutants: StrykerMutant[] }>;
}

export interface RulesEquivalent {
  file: string;
  mutator: string;
  /** The mutated source text (whitespace-normalised). */
  original: string;
  replacement: string;
  reason: string;
}

type Outcome = "killed" | "timed-out" | "survived" | "no-coverage" | "equivalent" | "not-run";

const OUTCOMES: Record<string, Outcome> = {
  Killed: "killed",
  Timeout: "timed-out",
  Survived: "survived",
  NoCoverage: "no-coverage",
  CompileError: "not-run",
  RuntimeError: "not-run",
  Ignored: "not-run",
};

/** The source text a mutant replaces (Stryker's lines and columns are 1-based). */
function spanOf(source: string, m: StrykerMutant): string {
  const lines = source.split("\n");
  const { start, end } = m.location;
  if (start.line === end.line) return (lines[start.line - 1] ?? "").slice(start.column - 1, end.column - 1);
  const middle = lines.slice(start.line, end.line - 1);
  return [
    (lines[start.line - 1] ?? "").slice(start.column - 1),
    ...middle,
    (lines[end.line - 1] ?? "").slice(0, end.column - 1),
  ].join("\n");
}

export function loadRulesEquivalents(path = RULES_EQUIVALENTS_FILE): RulesEquivalent[] {
  const list = JSON.parse(readFileSync(path, "utf8")) as RulesEquivalent[];
  list.forEach((entry, index) => {
    for (const field of ["file", "mutator", "original", "replacement", "reason"] as const) {
      if (typeof entry[field] !== "string" || entry[field] === "")
        throw new Error(`${path}: entry ${index} has no "${field}" (a string is required)`);
    }
  });
  return list;
}

interface Row {
  file: string;
  line: number;
  mutator: string;
  original: string;
  replacement: string;
  outcome: Outcome;
  reason?: string;
}

function classify(
  report: StrykerReport,
  equivalents: RulesEquivalent[],
): { rows: Row[]; unused: RulesEquivalent[] } {
  const used = new Set<RulesEquivalent>();
  const rows: Row[] = [];
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    for (const m of mutants) {
      const original = normalize(spanOf(source, m));
      const replacement = normalize(m.replacement ?? "");
      let outcome = OUTCOMES[m.status] ?? "not-run";
      let reason: string | undefined;
      if (outcome === "survived" || outcome === "no-coverage") {
        const documented = equivalents.find(
          (e) =>
            e.file === file &&
            e.mutator === m.mutatorName &&
            normalize(e.original) === original &&
            normalize(e.replacement) === replacement,
        );
        if (documented !== undefined) {
          used.add(documented);
          outcome = "equivalent";
          reason = documented.reason;
        }
      }
      rows.push({
        file,
        line: m.location.start.line,
        mutator: m.mutatorName,
        original,
        replacement,
        outcome,
        reason,
      });
    }
  }
  return { rows, unused: equivalents.filter((e) => !used.has(e) && e.file in report.files) };
}

type Counts = Record<Outcome, number>;

function counts(rows: Row[]): Counts {
  const c: Counts = { killed: 0, "timed-out": 0, survived: 0, "no-coverage": 0, equivalent: 0, "not-run": 0 };
  for (const r of rows) c[r.outcome] += 1;
  return c;
}

/** Detected over detected plus undetected (survived or not covered); equivalents and compile errors apart. */
function score(c: Counts): string {
  const valid = c.killed + c["timed-out"] + c.survived + c["no-coverage"];
  return valid === 0 ? "-" : `${((100 * (c.killed + c["timed-out"])) / valid).toFixed(1)} %`;
}

const COLUMNS: Outcome[] = ["killed", "timed-out", "survived", "no-coverage", "equivalent", "not-run"];

function line(label: string, c: Counts): string {
  return `| ${label} | ${COLUMNS.map((o) => c[o]).join(" | ")} | ${score(c)} |`;
}

function main(): void {
  const report = JSON.parse(readFileSync(STRYKER_REPORT, "utf8")) as StrykerReport;
  const { rows, unused } = classify(report, loadRulesEquivalents());
  const files = [...new Set(rows.map((r) => r.file))].sort();
  const money = rows.filter((r) => MONEY_RULES.includes(r.file));
  const open = rows.filter((r) => r.outcome === "survived" || r.outcome === "no-coverage");
  const md = [
    "# Mutation testing of the keeper's rules (Stryker)",
    "",
    `From ${STRYKER_REPORT} (${new Date().toISOString()}). Score = (killed + timed-out) / (killed + timed-out + ` +
      "survived + no-coverage); equivalents (scripts/mutation/rules-equivalents.json) and mutants that do not " +
      "compile (not-run, caught by the TypeScript checker) do not count.",
    "",
    `| file | ${COLUMNS.join(" | ")} | score |`,
    `| --- | ${COLUMNS.map(() => "---:").join(" | ")} | ---: |`,
    ...files.map((f) => line(f.replace("keeper/src/rules/", ""), counts(rows.filter((r) => r.file === f)))),
    line("**money rules**", counts(money)),
    line("**all**", counts(rows)),
    "",
    `## Undetected (${open.length})`,
    "",
    ...open.map(
      (r) =>
        `- ${r.file}:${r.line} ${r.mutator} (${r.outcome}): \`${r.original.slice(0, 120)}\` → ` +
        `\`${r.replacement.slice(0, 120)}\``,
    ),
    "",
    `## Documented equivalents (${rows.filter((r) => r.outcome === "equivalent").length})`,
    "",
    ...rows
      .filter((r) => r.outcome === "equivalent")
      .map((r) => `- ${r.file}:${r.line} ${r.mutator} \`${r.replacement.slice(0, 80)}\`: ${r.reason}`),
    "",
  ].join("\n");
  writeFileSync(MARKDOWN, md);
  const all = counts(rows);
  console.log(
    `rules: ${score(all)} overall, ${score(counts(money))} on the money rules ` +
      `(${all.survived + all["no-coverage"]} undetected, ${all.equivalent} documented equivalents); ${MARKDOWN}`,
  );
  for (const e of unused)
    console.warn(`${RULES_EQUIVALENTS_FILE}: no surviving mutant matches ${JSON.stringify(e)}`);
}

main();
