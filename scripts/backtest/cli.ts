// `npm run backtest` settings: the market exactly as the demo takes it (the same ALVH_DEMO_* variables and
// flags: the generated scenario by default, or Cboe CSVs; scripts/demo/cli.ts), plus the grid and the number of
// worker processes. Flags override variables; `npm run backtest -- --help` lists them.
import { DemoArgsError, DEMO_USAGE, parseDemoArgs, type DemoOptions } from "../demo/cli.js";
import { AXES, AXIS_NAMES } from "./grid.js";

/** Default worker processes: the budget is set for a 2-core machine. */
export const DEFAULT_WORKERS = 2;

export interface BacktestOptions extends DemoOptions {
  /** A grid file (JSON); absent: the built-in grid (scripts/backtest/grid.ts, DEFAULT_GRID). */
  gridFile?: string;
  workers: number;
}

const OWN = {
  grid: "ALVH_BACKTEST_GRID",
  workers: "ALVH_BACKTEST_WORKERS",
} as const;
type OwnKey = keyof typeof OWN;

export const BACKTEST_USAGE = `ALVH backtest: replays one market once per hedge policy of a grid, each on its own
fresh chain, and writes out/frontier.html and out/frontier.json (yearly net hedge cost against worst event loss).

Usage:  npm run backtest [-- flags]     (it builds the contracts first)

  --grid FILE    the grid of policies, JSON (default: the built-in 12)  env ALVH_BACKTEST_GRID
  --workers N    worker processes, 1..16 (default ${DEFAULT_WORKERS})                  env ALVH_BACKTEST_WORKERS

The market and the output directory, as for the demo (the same variables):
${DEMO_USAGE.split("\n")
  .filter((l) => /^ {2}--(days|seed|vix|spx|vix3m|vix6m|vvix|from|to|out) |^ {15}\(/.test(l))
  .join("\n")}

Grid file: { "mode": "one-at-a-time" | "product", "axes": { "<axis>": { "<name>": <value>, ... } } }; every
axis also has the value "default" (the deployment's). Axes:
${AXIS_NAMES.map((a) => `  ${a.padEnd(9)}${AXES[a].description}`).join("\n")}
`;

/** Parses the backtest's settings (see {@link BACKTEST_USAGE}); throws a DemoArgsError naming the flag or variable. */
export function parseBacktestArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): BacktestOptions {
  const own = new Map<OwnKey, { value: string; name: string }>();
  for (const key of Object.keys(OWN) as OwnKey[]) {
    const value = env[OWN[key]];
    if (value !== undefined && value !== "") own.set(key, { value, name: OWN[key] });
  }
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^--(grid|workers)(?:=(.*))?$/s.exec(args[i]!);
    if (m === null) {
      rest.push(args[i]!);
      continue;
    }
    const key = m[1] as OwnKey;
    let value = m[2];
    if (value === undefined) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith("--")) throw new DemoArgsError(`--${key}`, "needs a value");
      value = next;
      i++;
    }
    if (value === "") throw new DemoArgsError(`--${key}`, "needs a value");
    own.set(key, { value, name: `--${key}` });
  }
  const demo = parseDemoArgs(rest, env);
  let workers = DEFAULT_WORKERS;
  const w = own.get("workers");
  if (w !== undefined) {
    if (!/^\d+$/.test(w.value.trim())) throw new DemoArgsError(w.name, `"${w.value}" is not a whole number`);
    workers = Number(w.value.trim());
    if (workers < 1 || workers > 16) throw new DemoArgsError(w.name, `${workers} is outside 1..16`);
  }
  const grid = own.get("grid");
  return { ...demo, workers, ...(grid === undefined ? {} : { gridFile: grid.value }) };
}
