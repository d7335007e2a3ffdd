// Demo settings from the command line and the environment.
//
// `hardhat run` (Hardhat 3.18) passes no arguments to the script: `hardhat run scripts/demo.ts --days 5` fails
// with HHE504 (unknown option) and `hardhat run scripts/demo.ts -- --days 5` with HHE506 (argument not
// consumed). So `npm run demo` is configured through environment variables (`ALVH_DEMO_DAYS=60 npm run demo`);
// flags work when the script is started without `hardhat run` (`npx tsx scripts/demo.ts --days 60`, after
// `npx hardhat build`). Flags override environment variables.
import { isIsoDate, type HistoryOptions } from "./history.js";
import { MIN_SCENARIO_DAYS } from "./scenario.js";

/** Where the demo's market comes from. */
export type DemoMarketSource =
  { kind: "scenario"; days?: number; seed?: number } | ({ kind: "history"; days?: number } & HistoryOptions);

/** Parsed demo settings. */
export interface DemoOptions {
  market: DemoMarketSource;
  /** Output directory for report.json / report.html. Default `out`. */
  outDir: string;
  /** `--help` was asked for: print {@link DEMO_USAGE} and stop. */
  help: boolean;
}

/** A bad demo setting; `flag` is the flag or environment variable at fault. */
export class DemoArgsError extends Error {
  constructor(
    readonly flag: string,
    reason: string,
  ) {
    super(`${flag}: ${reason}`);
    this.name = "DemoArgsError";
  }
}

type Key = "vix" | "spx" | "vix3m" | "vix6m" | "vvix" | "from" | "to" | "days" | "seed" | "out";
const KEYS: readonly Key[] = ["vix", "spx", "vix3m", "vix6m", "vvix", "from", "to", "days", "seed", "out"];
const OPTIONAL_FILES = ["vix3m", "vix6m", "vvix"] as const;
const ENV: Record<Key, string> = {
  vix: "ALVH_DEMO_VIX",
  spx: "ALVH_DEMO_SPX",
  vix3m: "ALVH_DEMO_VIX3M",
  vix6m: "ALVH_DEMO_VIX6M",
  vvix: "ALVH_DEMO_VVIX",
  from: "ALVH_DEMO_FROM",
  to: "ALVH_DEMO_TO",
  days: "ALVH_DEMO_DAYS",
  seed: "ALVH_DEMO_SEED",
  out: "ALVH_DEMO_OUT",
};

export const DEMO_USAGE = `ALVH demo: deploys everything on an in-process chain and replays a market day by day.

Usage:  npm run demo                       (settings from ALVH_DEMO_* environment variables)
        npx tsx scripts/demo.ts [flags]    (after npx hardhat build; flags override the variables)

  --days N     trading days to replay (generated scenario: at least ${MIN_SCENARIO_DAYS}, default 756;
               history: keep the first N days of the window)          env ALVH_DEMO_DAYS
  --seed N     seed of the generated scenario (integer, 0..4294967295)  env ALVH_DEMO_SEED
  --vix FILE   replay real history: volatility index, Cboe CSV         env ALVH_DEMO_VIX
  --spx FILE   replay real history: equity index, Cboe CSV (with --vix) env ALVH_DEMO_SPX
  --vix3m FILE optional with history: Cboe VIX3M_History.csv            env ALVH_DEMO_VIX3M
  --vix6m FILE optional with history: Cboe VIX6M_History.csv            env ALVH_DEMO_VIX6M
  --vvix FILE  optional with history: Cboe VVIX_History.csv (DATE,VVIX) env ALVH_DEMO_VVIX
               (a day a file lacks, or a file not given, is modelled by the volatility oracle)
  --from DATE  first day of the history window, YYYY-MM-DD             env ALVH_DEMO_FROM
  --to DATE    last day of the history window, YYYY-MM-DD              env ALVH_DEMO_TO
  --out DIR    where report.json and report.html go (default out)      env ALVH_DEMO_OUT
  --help       print this

Also: ALVH_DEMO_SCREENSHOT=FILE saves a PNG of the report (needs Chromium, e.g. Debian's chromium).

Cboe CSV: header DATE,OPEN,HIGH,LOW,CLOSE, dates MM/DD/YYYY (e.g. Cboe's VIX_History.csv); VVIX: DATE,VVIX.
`;

/**
 * The script's own arguments inside `process.argv`: what follows the script path
 * (`node --import tsx scripts/demo.ts --days 5`, a leading `--` dropped), nothing under `hardhat run`.
 */
export function demoArgv(argv: readonly string[] = process.argv): string[] {
  // `hardhat run <script>`: Hardhat forwards nothing, and its own words are not ours.
  if (argv[2] === "run" && /hardhat/.test(argv[1] ?? "")) return [];
  const rest = argv.slice(2);
  return rest[0] === "--" ? rest.slice(1) : rest;
}

function parseInteger(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new DemoArgsError(flag, `"${text}" is not a whole number`);
  const n = Number(text.trim());
  if (n < min || n > max) throw new DemoArgsError(flag, `${n} is outside ${min}..${max}`);
  return n;
}

/**
 * Parses the demo's settings: environment variables `ALVH_DEMO_*` first, then `args` (flags as `--days 5` or
 * `--days=5`) on top. Throws a {@link DemoArgsError} naming the flag (or variable) for an unknown flag, a
 * missing or bad value, `--vix` without `--spx` (or the reverse), a window, an optional history file or a
 * seed without the setting it belongs to.
 */
export function parseDemoArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): DemoOptions {
  const raw = new Map<Key, { value: string; name: string }>();
  for (const key of KEYS) {
    const value = env[ENV[key]];
    if (value !== undefined && value !== "") raw.set(key, { value, name: ENV[key] });
  }
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    const m = /^--([a-z0-9]+)(?:=(.*))?$/s.exec(arg);
    const key = m?.[1] as Key | undefined;
    if (m === null || key === undefined || !KEYS.includes(key)) {
      throw new DemoArgsError(arg.split("=")[0]!, "unknown flag (try --help)");
    }
    const name = `--${key}`;
    let value = m[2];
    if (value === undefined) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith("--")) throw new DemoArgsError(name, "needs a value");
      value = next;
      i++;
    }
    if (value === "") throw new DemoArgsError(name, "needs a value");
    raw.set(key, { value, name });
  }

  const outDir = raw.get("out")?.value ?? "out";
  for (const key of ["from", "to"] as const) {
    const v = raw.get(key);
    if (v !== undefined && !isIsoDate(v.value)) {
      throw new DemoArgsError(v.name, `"${v.value}" is not a YYYY-MM-DD date`);
    }
  }
  const vix = raw.get("vix");
  const spx = raw.get("spx");
  const from = raw.get("from");
  const to = raw.get("to");
  const days = raw.get("days");
  const seed = raw.get("seed");
  if (vix !== undefined || spx !== undefined) {
    if (vix === undefined)
      throw new DemoArgsError("--vix", `needed with ${spx!.name}: give both files or neither`);
    if (spx === undefined)
      throw new DemoArgsError("--spx", `needed with ${vix.name}: give both files or neither`);
    if (seed !== undefined)
      throw new DemoArgsError(seed.name, "only applies to the generated scenario, not to history");
    if (from !== undefined && to !== undefined && from.value > to.value) {
      throw new DemoArgsError(from.name, `${from.value} is after ${to.name} ${to.value}`);
    }
    return {
      market: {
        kind: "history",
        vixFile: vix.value,
        spxFile: spx.value,
        ...(raw.get("vix3m") === undefined ? {} : { vix3mFile: raw.get("vix3m")!.value }),
        ...(raw.get("vix6m") === undefined ? {} : { vix6mFile: raw.get("vix6m")!.value }),
        ...(raw.get("vvix") === undefined ? {} : { vvixFile: raw.get("vvix")!.value }),
        ...(from === undefined ? {} : { from: from.value }),
        ...(to === undefined ? {} : { to: to.value }),
        ...(days === undefined ? {} : { days: parseInteger(days.name, days.value, 1, 100_000) }),
      },
      outDir,
      help,
    };
  }
  for (const v of [from, to, ...OPTIONAL_FILES.map((key) => raw.get(key))]) {
    if (v !== undefined) throw new DemoArgsError(v.name, "only applies to history (--vix and --spx)");
  }
  return {
    market: {
      kind: "scenario",
      ...(days === undefined
        ? {}
        : { days: parseInteger(days.name, days.value, MIN_SCENARIO_DAYS, 100_000) }),
      ...(seed === undefined ? {} : { seed: parseInteger(seed.name, seed.value, 0, 0xffffffff) }),
    },
    outDir,
    help,
  };
}
