// `npm run test:mutation:contracts [-- options]`: mutation testing of the money contracts (docs/testing.md,
// "Mutation testing"). Each mutant is written into its source file, the Solidity files of its domain that import
// it are rebuilt, and the domain's Solidity and mocha tests run against it; the file is always restored.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { changedFiles, domains, inputsHash, judgeFiles, type Domain } from "./domains.js";
import { equivalentEntry, equivalentOf, loadEquivalents, type Equivalent } from "./equivalents.js";
import { fingerprint, hardhat, samePrints, stopRunning, type CommandResult } from "./hardhat.js";
import { rootsImporting } from "./importGraph.js";
import { applyMutant, diffOf, mutantsOf, type Mutant } from "./mutants.js";
import { OPERATOR_DESCRIPTIONS, OPERATORS, type OperatorName } from "./operators.js";
import { writeReport, type ContractsReport, type MutantResult, type Status } from "./report.js";
import {
  acquireLock,
  installRestoreHandlers,
  readOriginal,
  recoverLeftovers,
  restoreAll,
  writeMutant,
} from "./sourceGuard.js";

const USAGE = `npm run test:mutation:contracts -- [options]

Selection (combined with "and"; default: every mutant of every domain):
  --domain a,b        domains: ${domains()
    .map((d) => d.name)
    .join(", ")}
  --file path,...     Solidity files (as listed in scripts/mutation/domains.ts)
  --operator op,...   ${OPERATORS.join(", ")}
  --function name     one function ("constructor", "modifier name" for a modifier)
  --mutant id,...     mutants by id (8 hex digits, as --list and the reports print them)
  --sample N          N mutants drawn at random from the selection (with --seed S, default 1)
Running:
  --list              print the selected mutants with their diffs; build and test nothing
  --test file,...     run these test files per mutant instead of the domain's (*.t.sol and mocha files):
                      to check that a new test kills its mutant
  --timeout S         seconds allowed per test suite per mutant (default: 3 x its unmutated time + 60)
  --recheck-equivalents   run the mutants documented in scripts/mutation/equivalents.json too
  --out NAME          report name: out/mutation/NAME.{json,md} (default: contracts or contracts-<domains>)
  --resume            keep the results already in that report for every domain whose inputs are unchanged
                      (its contracts, mocks and tests, and scripts/deploy: same hash) and run only the rest;
                      a long run can stop and go on in another session`;

const BUILD_TIMEOUT_MS = 15 * 60_000;

interface Options {
  domains: Domain[];
  files: string[] | undefined;
  operators: OperatorName[] | undefined;
  fn: string | undefined;
  ids: string[] | undefined;
  sample: number | undefined;
  seed: number;
  list: boolean;
  timeoutS: number | undefined;
  recheck: boolean;
  out: string;
  tests: string[] | undefined;
  resume: boolean;
}

function fail(message: string): never {
  console.error(`mutation: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function csv(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
}

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) fail(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        domain: { type: "string" },
        file: { type: "string" },
        operator: { type: "string" },
        function: { type: "string" },
        mutant: { type: "string" },
        sample: { type: "string" },
        seed: { type: "string" },
        list: { type: "boolean" },
        timeout: { type: "string" },
        "recheck-equivalents": { type: "boolean" },
        out: { type: "string" },
        test: { type: "string" },
        resume: { type: "boolean" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const v = parsed.values;
  if (v.help === true) {
    console.log(USAGE);
    process.exit(0);
  }
  const all = domains();
  const names = csv(v.domain);
  const unknownDomain = names?.find((n) => !all.some((d) => d.name === n));
  if (unknownDomain !== undefined) fail(`--domain: no domain "${unknownDomain}"`);
  const files = csv(v.file);
  const unknownFile = files?.find((f) => !all.some((d) => d.files.includes(f)));
  if (unknownFile !== undefined)
    fail(`--file: "${unknownFile}" is in no domain (scripts/mutation/domains.ts)`);
  const operators = csv(v.operator);
  const unknownOperator = operators?.find((o) => !(OPERATORS as readonly string[]).includes(o));
  if (unknownOperator !== undefined) fail(`--operator: no operator "${unknownOperator}"`);
  const ids = csv(v.mutant);
  const badId = ids?.find((id) => !/^[0-9a-f]{8}$/.test(id));
  if (badId !== undefined) fail(`--mutant: "${badId}" is not an id (8 hex digits)`);
  const tests = csv(v.test);
  const missingTest = tests?.find((t) => !existsSync(t) || !/\.(t\.sol|ts)$/.test(t));
  if (missingTest !== undefined)
    fail(`--test: "${missingTest}" is not a test file (*.t.sol or *.ts) that exists`);
  const selected = all.filter(
    (d) =>
      (names === undefined || names.includes(d.name)) &&
      (files === undefined || d.files.some((f) => files.includes(f))),
  );
  return {
    domains: selected,
    files,
    operators: operators as OperatorName[] | undefined,
    fn: v.function,
    ids,
    sample: positiveInt("--sample", v.sample),
    seed: positiveInt("--seed", v.seed) ?? 1,
    list: v.list === true,
    timeoutS: positiveInt("--timeout", v.timeout),
    recheck: v["recheck-equivalents"] === true,
    out: v.out ?? (names === undefined ? "contracts" : `contracts-${names.join("-")}`),
    tests,
    resume: v.resume === true,
  };
}

/** mulberry32: a small seeded generator, so a sample is the same on every machine for the same seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Selected {
  domain: Domain;
  mutant: Mutant;
}

function select(options: Options): Selected[] {
  let chosen: Selected[] = [];
  for (const domain of options.domains) {
    for (const file of domain.files) {
      if (options.files !== undefined && !options.files.includes(file)) continue;
      for (const mutant of mutantsOf(file, readOriginal(file))) {
        if (options.operators !== undefined && !options.operators.includes(mutant.operator)) continue;
        if (options.fn !== undefined && mutant.fn !== options.fn) continue;
        if (options.ids !== undefined && !options.ids.includes(mutant.id)) continue;
        chosen.push({ domain, mutant });
      }
    }
  }
  if (options.sample !== undefined && options.sample < chosen.length) {
    const random = seeded(options.seed);
    const order = chosen.map((s, i) => ({ s, i, r: random() }));
    order.sort((a, b) => a.r - b.r);
    const kept = new Set(order.slice(0, options.sample).map((o) => o.i));
    chosen = chosen.filter((_, i) => kept.has(i));
  }
  return chosen;
}

function firstError(result: CommandResult): string {
  const line = result.output.split("\n").find((l) => /error/i.test(l));
  return (
    line ??
    result.output
      .split("\n")
      .filter((l) => l.trim() !== "")
      .at(-1) ??
    ""
  )
    .trim()
    .slice(0, 200);
}

function git(args: string[]): string {
  return execFileSync("git", args, { encoding: "utf8" }).trim();
}

interface Suite {
  kind: "solidity" | "mocha";
  args: string[];
  timeoutMs: number;
}

function suitesOf(domain: Domain, tests: string[] | undefined): Suite[] {
  const mochaTests = tests === undefined ? domain.mochaTests : tests.filter((t) => !t.endsWith(".t.sol"));
  const solidityTests =
    tests === undefined ? domain.solidityTests : tests.filter((t) => t.endsWith(".t.sol"));
  // Mocha first: it stops at the first failing test (--bail), and the example tests kill most mutants; the
  // Solidity suites (fuzz and invariants) then run only against what the examples let through.
  const suites: Suite[] = [];
  if (mochaTests.length > 0) {
    suites.push({
      kind: "mocha",
      args: ["test", "mocha", "--no-compile", "--bail", ...mochaTests],
      timeoutMs: 0,
    });
  }
  if (solidityTests.length > 0) {
    suites.push({
      kind: "solidity",
      args: ["test", "solidity", "--no-compile", ...solidityTests],
      timeoutMs: 0,
    });
  }
  return suites;
}

function build(roots: string[]): Promise<CommandResult> {
  return hardhat(["--no-typechain", "build", "--quiet", ...roots], BUILD_TIMEOUT_MS);
}

/**
 * `--resume`: copies into `report` the results of the earlier report of the same name for every domain whose
 * inputs hash is unchanged, and returns their keys (`domain:id`), which the run then skips.
 */
function resume(report: ContractsReport, out: string): Set<string> {
  const path = join("out/mutation", `${out}.json`);
  const kept = new Set<string>();
  if (!existsSync(path)) {
    console.log(`mutation: --resume: no ${path} yet, starting afresh`);
    return kept;
  }
  const previous = JSON.parse(readFileSync(path, "utf8")) as Partial<ContractsReport>;
  const inputs = previous.inputs ?? {};
  let dropped = 0;
  for (const result of previous.results ?? []) {
    const key = `${result.domain}:${result.mutant.id}`;
    if (inputs[result.domain] === undefined || inputs[result.domain] !== report.inputs[result.domain]) {
      dropped += 1;
    } else if (!kept.has(key)) {
      kept.add(key);
      report.results.push(result);
    }
  }
  report.resumedFrom = [
    ...(previous.resumedFrom ?? []),
    `${previous.commit ?? "?"} (${previous.selection ?? "?"})`,
  ];
  console.log(
    `mutation: --resume: kept ${kept.size} results of ${path}` +
      (dropped === 0 ? "" : `; dropped ${dropped} whose domain's contracts or tests changed since`),
  );
  return kept;
}

async function main(): Promise<void> {
  process.chdir(join(dirname(fileURLToPath(import.meta.url)), "..", ".."));
  const options = parseOptions(process.argv.slice(2));
  const equivalents = loadEquivalents();
  if (!options.list) {
    // Before the mutants are read from the sources: a run killed earlier may have left one of them mutated.
    acquireLock();
    const leftovers = recoverLeftovers();
    if (leftovers.length > 0)
      console.warn(`mutation: restored ${leftovers.join(", ")} (left mutated by a killed run)`);
    installRestoreHandlers(stopRunning);
  }
  const selection = select(options);
  if (selection.length === 0) fail("the selection holds no mutant");
  const sources = new Map<string, string>();
  const sourceOf = (file: string): string => {
    let text = sources.get(file);
    if (text === undefined) {
      text = readOriginal(file);
      sources.set(file, text);
    }
    return text;
  };

  if (options.list) {
    for (const { domain, mutant } of selection) {
      const eq = equivalentOf(mutant, equivalents);
      console.log(
        `${mutant.id} [${domain.name}] ${mutant.operator}${eq === undefined ? "" : " (documented equivalent)"}`,
      );
      console.log(`${diffOf(sourceOf(mutant.file), mutant)}\n`);
    }
    console.log(`${selection.length} mutants`);
    return;
  }

  const dirty = git(["status", "--porcelain", "--", "contracts"]) !== "";
  const report: ContractsReport = {
    commit: git(["rev-parse", "--short", "HEAD"]) + (dirty ? " (contracts modified)" : ""),
    selection: process.argv.slice(2).join(" ") || "all",
    startedAt: new Date().toISOString(),
    finishedAt: "",
    seconds: 0,
    inputs: Object.fromEntries(options.domains.map((d) => [d.name, inputsHash(d)])),
    resumedFrom: [],
    baselines: {},
    results: [],
  };
  const alreadyRun = options.resume ? resume(report, options.out) : new Set<string>();
  const started = Date.now();
  const save = (): void => {
    report.finishedAt = new Date().toISOString();
    report.seconds = (Date.now() - started) / 1000;
    writeReport(report, options.out);
  };
  console.log(`mutation: ${selection.length} mutants; reports in out/mutation/${options.out}.{json,md}`);
  for (const op of OPERATORS) console.log(`  ${op}: ${OPERATOR_DESCRIPTIONS[op]}`);

  // Mutants kept from an earlier run (--resume) are counted as done; a domain left with none is not built at all.
  const kept = (s: Selected): boolean => alreadyRun.has(`${s.domain.name}:${s.mutant.id}`);
  let done = selection.filter(kept).length;
  for (const domain of options.domains) {
    const mine = selection.filter((s) => s.domain === domain && !kept(s)).map((s) => s.mutant);
    if (mine.length === 0) continue;
    const files = [...new Set(mine.map((m) => m.file))];
    const rootsOf = new Map(files.map((f) => [f, rootsImporting(f, domain.compileScope)]));
    const allRoots = [...new Set([...rootsOf.values()].flat())];

    // Dry run: the unmutated domain must build and pass through the same steps, or every mutant would look killed.
    console.log(`\n[${domain.name}] unmutated build and tests (${allRoots.length} Solidity roots)`);
    const baseBuild = await build(allRoots);
    if (baseBuild.code !== 0)
      throw new Error(`[${domain.name}] the unmutated build failed:\n${baseBuild.output}`);
    const basePrints = new Map(files.map((f) => [f, fingerprint(rootsOf.get(f) ?? [])]));
    const suites = suitesOf(domain, options.tests);
    const judgedBy = judgeFiles(domain);
    let testSeconds = 0;
    for (const suite of suites) {
      const result = await hardhat(suite.args, 60 * 60_000);
      if (result.code !== 0)
        throw new Error(`[${domain.name}] the unmutated ${suite.kind} tests fail:\n${result.output}`);
      suite.timeoutMs = options.timeoutS !== undefined ? options.timeoutS * 1000 : 3 * result.ms + 60_000;
      testSeconds += result.ms / 1000;
    }
    report.baselines[domain.name] = {
      testSeconds: Math.round(testSeconds),
      timeoutSeconds: Math.round(suites.reduce((s, x) => s + x.timeoutMs, 0) / 1000),
    };
    console.log(`[${domain.name}] unmutated tests pass in ${testSeconds.toFixed(0)} s`);

    for (const file of files) {
      const original = sourceOf(file);
      const roots = rootsOf.get(file) ?? [file];
      for (const mutant of mine.filter((m) => m.file === file)) {
        done += 1;
        const t0 = Date.now();
        const { start: _s, end: _e, ...stored } = mutant;
        const record = (status: Status, detail: string): void => {
          const result: MutantResult = {
            domain: domain.name,
            mutant: stored,
            status,
            detail,
            seconds: Math.round((Date.now() - t0) / 100) / 10,
            diff: diffOf(original, mutant),
          };
          report.results.push(result);
          save();
          console.log(
            `[${done}/${selection.length}] ${mutant.id} ${file}:${mutant.line} ${mutant.fn} ${mutant.operator} -> ` +
              `${status}${detail === "" ? "" : ` (${detail})`} ${result.seconds} s`,
          );
        };
        const documented: Equivalent | undefined = equivalentOf(mutant, equivalents);
        if (documented !== undefined && !options.recheck) {
          record("equivalent", `documented: ${documented.reason}`);
          continue;
        }
        writeMutant(file, applyMutant(original, mutant));
        const built = await build(roots);
        if (built.timedOut || built.code !== 0) {
          restoreAll();
          record("compile-error", built.timedOut ? "build timed out" : firstError(built));
          continue;
        }
        if (samePrints(fingerprint(roots), basePrints.get(file) ?? new Map())) {
          restoreAll();
          record("equivalent", "identical bytecode (trivial compiler equivalence)");
          continue;
        }
        let status: Status = "survived";
        let detail = "";
        for (const suite of suites) {
          const result = await hardhat(suite.args, suite.timeoutMs);
          if (result.timedOut) {
            status = "timed-out";
            detail = `${suite.kind} tests over ${Math.round(suite.timeoutMs / 1000)} s`;
            break;
          }
          if (result.code !== 0) {
            status = "killed";
            detail = suite.kind;
            break;
          }
        }
        restoreAll();
        const edited = changedFiles(judgedBy, judgeFiles(domain));
        if (edited.length > 0) {
          throw new Error(
            `[${domain.name}] ${edited.join(", ")} changed during the run, so mutant ${mutant.id} was judged by ` +
              `other tests than the mutants before it; it is not recorded. Undo the edit and go on with --resume ` +
              `(it keeps results while a domain's inputs hash the same), or keep it and start that domain again.`,
          );
        }
        if (status === "survived" && documented !== undefined) {
          status = "equivalent";
          detail = `documented (rechecked, survived): ${documented.reason}`;
        } else if (status === "survived") {
          detail = `if equivalent, add to equivalents.json: ${JSON.stringify(equivalentEntry(mutant))}`;
        }
        record(status, detail);
      }
      // The roots now hold the last mutant's bytecode: rebuild them from the restored source.
      const rebuilt = await build(roots);
      if (rebuilt.code !== 0)
        throw new Error(`[${domain.name}] rebuilding ${file} after its mutants failed:\n${rebuilt.output}`);
    }
  }
  save();
  const count = (s: Status): number => report.results.filter((r) => r.status === s).length;
  console.log(
    `\nmutation: ${report.results.length} mutants in ${Math.round(report.seconds)} s: ${count("killed")} killed, ` +
      `${count("survived")} survived, ${count("equivalent")} equivalent, ${count("timed-out")} timed out, ` +
      `${count("compile-error")} compile errors`,
  );
}

main().catch((error: unknown) => {
  stopRunning();
  restoreAll();
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
