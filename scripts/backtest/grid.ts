// The backtest's grid of hedge policies: a small typed definition (axes and their named values) expanded into
// the hedged vault's deployment policies (scripts/demo/hedgeSide.ts, HedgedVaultPolicy).
//
// An axis is one entry of AXES: how to read its values from a grid file and how to apply one value to the
// default policies. Adding an axis is one more entry in AXES and values for it in the grid (docs/frontier.md,
// "Adding an axis"); nothing else changes.
import { readFileSync } from "node:fs";
import {
  DEFAULT_CONDOR,
  DEFAULT_LAYERS,
  DEFAULT_VAULT_POLICY,
  DAY,
  wad,
  type LayerPolicy,
  type VaultPolicy,
} from "../deploy/hedgeSide.js";
import type { HedgedVaultPolicy } from "../demo/hedgeSide.js";

/** A bad grid: `where` names the file and the field (or the line of a JSON syntax error). */
export class GridError extends Error {
  constructor(
    readonly where: string,
    reason: string,
  ) {
    super(`${where}: ${reason}`);
    this.name = "GridError";
  }
}

/** The policies every axis starts from and changes. */
export interface GridPolicy {
  layers: LayerPolicy[];
  vaultPolicy: VaultPolicy;
}

/** One axis: how its values are read and how one of them changes a policy. */
export interface PolicyAxis<T> {
  /** What the axis varies (shown in --help, the frontier page and docs). */
  description: string;
  /** Reads one value from a grid file; `where` names it in errors. */
  parse(raw: unknown, where: string): T;
  /** The policy with this value applied. */
  apply(policy: GridPolicy, value: T): GridPolicy;
  /** The value in a few words (the frontier table). */
  show(value: T): string;
}

const LAYER_COUNT = DEFAULT_LAYERS.length;

function numberIn(raw: unknown, where: string, min: number, max: number): number {
  if (typeof raw !== "number" || !Number.isFinite(raw))
    throw new GridError(where, `${JSON.stringify(raw)} is not a number`);
  if (raw < min || raw > max) throw new GridError(where, `${raw} is outside ${min}..${max}`);
  return raw;
}

/** One value per layer (the contracts deploy exactly {@link LAYER_COUNT} layers). */
function perLayer<T>(raw: unknown, where: string, read: (v: unknown, where: string) => T): T[] {
  if (!Array.isArray(raw) || raw.length !== LAYER_COUNT) {
    throw new GridError(where, `needs ${LAYER_COUNT} values, one per layer, got ${JSON.stringify(raw)}`);
  }
  return raw.map((v, i) => read(v, `${where}[${i}]`));
}

/** An object with exactly the fields `keys` (each checked by the caller). */
function fieldsOf(raw: unknown, where: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new GridError(where, `needs { ${keys.join(", ")} }`);
  }
  for (const key of Object.keys(raw))
    if (!keys.includes(key)) throw new GridError(`${where}.${key}`, "unknown field");
  return raw as Record<string, unknown>;
}

/** A fraction as an exact WAD (no binary float on the chain): 0.15 -> 0.15e18. */
const fraction = (v: number): bigint => wad(String(v));

const withLayers = (p: GridPolicy, change: (l: LayerPolicy, i: number) => LayerPolicy): GridPolicy => ({
  ...p,
  layers: p.layers.map(change),
});

/** A layer's tenor window and roll window, days. */
export interface TenorWindow {
  minDays: number;
  maxDays: number;
  rollDays: number;
}

/** The axes the grid can vary: the policy fields that exist today. */
export const AXES = {
  otm: {
    description:
      "lower strikes above the volatility index, one fraction per layer (0.15 = 15 % out of the money)",
    parse: (raw, where) => perLayer(raw, where, (v, w) => numberIn(v, w, 0.05, 1.5)),
    apply: (p, v) => withLayers(p, (l, i) => ({ ...l, otm: fraction(v[i]!) })),
    show: (v) => v.map((x) => `${Math.round(x * 100)} %`).join(" / "),
  } satisfies PolicyAxis<number[]>,
  tenors: {
    description: "each layer's expiry window and roll window, days: { minDays, maxDays, rollDays } per layer",
    parse: (raw, where) =>
      perLayer(raw, where, (v, w) => {
        const o = fieldsOf(v, w, ["minDays", "maxDays", "rollDays"]);
        const minDays = numberIn(o["minDays"], `${w}.minDays`, 1, 364);
        const maxDays = numberIn(o["maxDays"], `${w}.maxDays`, minDays + 1, 365);
        const rollDays = numberIn(o["rollDays"], `${w}.rollDays`, 1, minDays - 1);
        return { minDays, maxDays, rollDays };
      }),
    apply: (p, v) =>
      withLayers(p, (l, i) => ({
        ...l,
        tenorMin: BigInt(v[i]!.minDays) * DAY,
        tenorMax: BigInt(v[i]!.maxDays) * DAY,
        rollWindow: BigInt(v[i]!.rollDays) * DAY,
      })),
    show: (v) => v.map((t) => `${t.minDays}-${t.maxDays} d`).join(" / "),
  } satisfies PolicyAxis<TenorWindow[]>,
  coverage: {
    description:
      "the ladder's payoff in the stress scenario (equity index -10 %, volatility index +100 %) as a multiple of the condor's loss in it",
    parse: (raw, where) => numberIn(raw, where, 0, 3), // the contracts' bounds (vault.coverage)
    apply: (p, v) => ({ ...p, vaultPolicy: { ...p.vaultPolicy, coverage: fraction(v) } }),
    show: (v) => `${v}x the condor's stress loss`,
  } satisfies PolicyAxis<number>,
  weights: {
    description: "each layer's share of the ladder's stress payoff (fractions summing to at most 1)",
    parse: (raw, where) => {
      const w = perLayer(raw, where, (v, at) => numberIn(v, at, 0, 1));
      const sum = w.reduce((a, b) => a + b, 0);
      if (sum > 1 + 1e-12) throw new GridError(where, `the weights sum to ${sum}, above 1`);
      return w;
    },
    apply: (p, v) => withLayers(p, (l, i) => ({ ...l, weight: fraction(v[i]!) })),
    show: (v) => v.map((x) => `${Math.round(x * 1000) / 10} %`).join(" / "),
  } satisfies PolicyAxis<number[]>,
  budget: {
    description:
      "the cash press: layers' net spending <= budgetMultiple x condor net income + reserveDraw x NAV per budget window (windowDays, default the deployment's)",
    parse: (raw, where) => {
      const o = fieldsOf(raw, where, ["budgetMultiple", "reserveDraw", "windowDays"]);
      return {
        budgetMultiple: numberIn(o["budgetMultiple"], `${where}.budgetMultiple`, 0, 1),
        reserveDraw: numberIn(o["reserveDraw"], `${where}.reserveDraw`, 0, 0.1),
        ...(o["windowDays"] === undefined
          ? {}
          : { windowDays: numberIn(o["windowDays"], `${where}.windowDays`, 7, 365) }),
      };
    },
    apply: (p, v) => ({
      ...p,
      vaultPolicy: {
        ...p.vaultPolicy,
        budgetMultiple: fraction(v.budgetMultiple),
        reserveDraw: fraction(v.reserveDraw),
        ...(v.windowDays === undefined ? {} : { budgetWindow: BigInt(v.windowDays) * DAY }),
      },
    }),
    show: (v) =>
      `k ${v.budgetMultiple}, draw ${Math.round(v.reserveDraw * 1000) / 10} %${v.windowDays === undefined ? "" : `, ${v.windowDays}-day window`}`,
  } satisfies PolicyAxis<{ budgetMultiple: number; reserveDraw: number; windowDays?: number }>,
} as const;

export type AxisName = keyof typeof AXES;
export const AXIS_NAMES = Object.keys(AXES) as AxisName[];
type AxisValue<A extends AxisName> = Parameters<(typeof AXES)[A]["apply"]>[1];

/** A grid: named values per axis; every axis also has the value `default` (the deployment's own). */
export interface GridDefinition {
  /**
   * `one-at-a-time`: the default policy, then one policy per named value, the other axes at their defaults.
   * `product`: every combination of the axes' values (`default` included).
   */
  mode: "one-at-a-time" | "product";
  axes: { [A in AxisName]?: Record<string, AxisValue<A>> };
}

/** One policy of the grid. */
export interface GridPoint {
  /** `default`, or the axis values that differ, e.g. `otm=wide, budget=cash press`. */
  name: string;
  /** The value name of every axis (`default` where unchanged). */
  values: Record<AxisName, string>;
  /** What each changed value is, in words. */
  detail: string;
  policy: HedgedVaultPolicy;
}

/** The default policies (the deployment's), as the grid starts from them. */
export const DEFAULT_GRID_POLICY: GridPolicy = {
  layers: DEFAULT_LAYERS.map((l) => ({ ...l })),
  vaultPolicy: { ...DEFAULT_VAULT_POLICY },
};

/**
 * The default grid: 12 policies, one axis at a time around the default (5 axes, 11 variations), coarse on purpose.
 * Coverage is the lever of both targets (how much the ladder pays in a crash, hence what it costs); weights, strikes
 * and tenors shape where on the way up it pays; the budget is the cash press itself. Values a volatility desk would
 * try, none fitted to the generated scenario: coverage from half to one and a half times the condor's stress loss
 * (more is a long-volatility bet: calls on the volatility index carry a negative risk premium), strikes nearer (the
 * founders' 15/30/50 %, the default before the frontier picked 25/45/75 %) and further, tenors shorter and longer by
 * about a month, the payoff front-loaded or spread evenly, the press halved or pooled over a quarter.
 */
export const DEFAULT_GRID: GridDefinition = {
  mode: "one-at-a-time",
  axes: {
    coverage: { half: 0.5, "three quarters": 0.75, "one and a half": 1.5 },
    otm: {
      near: [0.15, 0.3, 0.5],
      "far out": [0.35, 0.6, 1.0],
    },
    tenors: {
      short: [
        { minDays: 10, maxDays: 30, rollDays: 5 },
        { minDays: 31, maxDays: 55, rollDays: 7 },
        { minDays: 56, maxDays: 80, rollDays: 10 },
      ],
      long: [
        { minDays: 30, maxDays: 60, rollDays: 10 },
        { minDays: 61, maxDays: 100, rollDays: 14 },
        { minDays: 101, maxDays: 140, rollDays: 21 },
      ],
    },
    weights: {
      "front-loaded": [0.7, 0.2, 0.1],
      even: [0.34, 0.33, 0.33],
    },
    budget: {
      "half press": { budgetMultiple: 0.5, reserveDraw: 0 },
      "quarterly window": { budgetMultiple: 1, reserveDraw: 0, windowDays: 90 },
    },
  },
};

/** The unhedged reference: the same condor with every layer's weight at zero (the demo's unhedged vault). */
export const REFERENCE_POINT: GridPoint = {
  name: "unhedged condor",
  values: Object.fromEntries(AXIS_NAMES.map((a) => [a, "default"])) as Record<AxisName, string>,
  detail: "layers off (weight 0): the condor alone",
  policy: {
    layers: DEFAULT_LAYERS.map((l) => ({ ...l, weight: 0n })),
    vaultPolicy: { ...DEFAULT_VAULT_POLICY },
    condor: { ...DEFAULT_CONDOR },
  },
};

function applyValue<A extends AxisName>(axis: A, policy: GridPolicy, value: AxisValue<A>): GridPolicy {
  return (AXES[axis] as unknown as PolicyAxis<AxisValue<A>>).apply(policy, value);
}

function showValue<A extends AxisName>(axis: A, value: AxisValue<A>): string {
  return (AXES[axis] as unknown as PolicyAxis<AxisValue<A>>).show(value);
}

/** One policy from a choice of value names (`default` or a name in the grid) per axis. */
function pointOf(grid: GridDefinition, choice: Partial<Record<AxisName, string>>): GridPoint {
  let policy = DEFAULT_GRID_POLICY;
  const changed: string[] = [];
  const details: string[] = [];
  for (const axis of AXIS_NAMES) {
    const name = choice[axis] ?? "default";
    if (name === "default") continue;
    const value = grid.axes[axis]?.[name];
    if (value === undefined) throw new GridError(`axes.${axis}`, `has no value named "${name}"`);
    policy = applyValue(axis, policy, value);
    changed.push(`${axis}=${name}`);
    details.push(`${axis} ${showValue(axis, value)}`);
  }
  return {
    name: changed.length === 0 ? "default" : changed.join(", "),
    values: Object.fromEntries(AXIS_NAMES.map((a) => [a, choice[a] ?? "default"])) as Record<
      AxisName,
      string
    >,
    detail: details.length === 0 ? "the deployment's policies" : details.join("; "),
    policy: { layers: policy.layers, vaultPolicy: policy.vaultPolicy },
  };
}

/** The grid's policies, the default first. */
export function expandGrid(grid: GridDefinition): GridPoint[] {
  const axes = AXIS_NAMES.filter((a) => Object.keys(grid.axes[a] ?? {}).length > 0);
  if (grid.mode === "one-at-a-time") {
    const points = [pointOf(grid, {})];
    for (const axis of axes)
      for (const name of Object.keys(grid.axes[axis]!)) points.push(pointOf(grid, { [axis]: name }));
    return points;
  }
  let choices: Partial<Record<AxisName, string>>[] = [{}];
  for (const axis of axes) {
    const names = ["default", ...Object.keys(grid.axes[axis]!)];
    choices = choices.flatMap((c) => names.map((n) => ({ ...c, [axis]: n })));
  }
  return choices.map((c) => pointOf(grid, c));
}

/** Reads and checks a grid file (JSON: `{ "mode": ..., "axes": { "<axis>": { "<name>": <value> } } }`). */
export function readGridFile(file: string): GridDefinition {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new GridError(file, `cannot be read (${(e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const line = jsonErrorLine(text, message);
    throw new GridError(line === undefined ? file : `${file} line ${line}`, `is not JSON (${message})`);
  }
  return parseGrid(raw, file);
}

/**
 * The line of a JSON.parse error in `text`, from its message: V8 gives either the position, or a snippet of
 * the text around the error (10 characters either side, cut ends marked "...").
 */
export function jsonErrorLine(text: string, message: string): number | undefined {
  const lineOf = (position: number): number => text.slice(0, position).split("\n").length;
  const at = /position (\d+)/.exec(message);
  if (at !== null) return lineOf(Number(at[1]));
  const m = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (m === null) return undefined;
  const [, token, before, snippet, after] = m as unknown as [
    string,
    string,
    string | undefined,
    string,
    string | undefined,
  ];
  const start = text.indexOf(snippet);
  if (start < 0) return undefined;
  if (before !== undefined) return lineOf(start + 10);
  if (after !== undefined) return lineOf(start + snippet.length - 10);
  return lineOf(start + snippet.lastIndexOf(token));
}

/** Checks a grid given as plain data; errors name `source` and the field. */
export function parseGrid(raw: unknown, source: string): GridDefinition {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new GridError(source, "needs a JSON object");
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (key !== "mode" && key !== "axes") throw new GridError(`${source}: ${key}`, "unknown field");
  const mode = o["mode"] ?? "one-at-a-time";
  if (mode !== "one-at-a-time" && mode !== "product") {
    throw new GridError(
      `${source}: mode`,
      `${JSON.stringify(mode)} is neither "one-at-a-time" nor "product"`,
    );
  }
  const axesRaw = o["axes"];
  if (typeof axesRaw !== "object" || axesRaw === null || Array.isArray(axesRaw)) {
    throw new GridError(`${source}: axes`, "needs an object of axes");
  }
  const axes: GridDefinition["axes"] = {};
  for (const [axis, values] of Object.entries(axesRaw as Record<string, unknown>)) {
    if (!(AXIS_NAMES as string[]).includes(axis)) {
      throw new GridError(`${source}: axes.${axis}`, `unknown axis (known: ${AXIS_NAMES.join(", ")})`);
    }
    if (typeof values !== "object" || values === null || Array.isArray(values)) {
      throw new GridError(`${source}: axes.${axis}`, "needs an object of named values");
    }
    const parsed: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
      if (name === "default")
        throw new GridError(`${source}: axes.${axis}.default`, "is implicit (the deployment's value)");
      parsed[name] = AXES[axis as AxisName].parse(value as never, `${source}: axes.${axis}.${name}`);
    }
    (axes as Record<string, unknown>)[axis] = parsed;
  }
  return { mode, axes };
}
