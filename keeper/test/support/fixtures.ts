import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DEFAULT_LADDER, defaultCondorPolicy } from "../../src/rules/defaultPolicies.js";
import { parseMacroCalendar } from "../../src/rules/parseMacroCalendar.js";
import type { PlanCondorInput } from "../../src/rules/planCondor.js";
import type { PlanLayersInput } from "../../src/rules/planLayers.js";
import type {
  Action,
  Condor,
  CondorPolicy,
  LayerPolicy,
  LayerState,
  MacroCalendar,
  UnixSeconds,
} from "../../src/types.js";

const WAD = 10n ** 18n;

/** Unix seconds of an ISO date-time ("2026-03-02T08:00:00Z" or "2026-03-02"). */
export function ts(iso: string): UnixSeconds {
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) / 1000;
}

/** 8-decimal level from a float (20.5 → 2_050_000_000n). */
export function lvl(x: number): bigint {
  return BigInt(Math.round(x * 1e8));
}

/** 6-decimal amount from a float. */
export function usd(x: number): bigint {
  return BigInt(Math.round(x * 1e6));
}

export function repoCalendar(): MacroCalendar {
  const path = fileURLToPath(new URL("../../data/macro-calendar.json", import.meta.url));
  return parseMacroCalendar(JSON.parse(readFileSync(path, "utf8")));
}

export function emptyCalendar(years: readonly number[] = [2026, 2027]): MacroCalendar {
  const all = { FOMC: "complete", CPI: "complete", PPI: "complete" } as const;
  return { events: [], coverage: Object.fromEntries(years.map((y) => [String(y), all])), marketHolidays: [] };
}

/** Three layers carrying 50 / 30 / 20 % of the ladder's stress payoff. */
export const LAYER_POLICIES: readonly LayerPolicy[] = [
  {
    otmBps: 1_500,
    widthBps: 2_000,
    minTenorDays: 25,
    maxTenorDays: 35,
    rollWindowDays: 7,
    weight: WAD / 2n,
    maxPremium: usd(1_000),
    cooldownSeconds: 86_400,
    monetiseTriggerBps: 3_000,
  },
  {
    otmBps: 3_000,
    widthBps: 2_500,
    minTenorDays: 53,
    maxTenorDays: 67,
    rollWindowDays: 10,
    weight: (3n * WAD) / 10n,
    maxPremium: usd(800),
    cooldownSeconds: 86_400,
    monetiseTriggerBps: 3_000,
  },
  {
    otmBps: 5_000,
    widthBps: 3_000,
    minTenorDays: 83,
    maxTenorDays: 97,
    rollWindowDays: 14,
    weight: WAD / 5n,
    maxPremium: usd(600),
    cooldownSeconds: 86_400,
    monetiseTriggerBps: 3_000,
  },
];

export function layer(index: number, overrides: Partial<LayerState> = {}): LayerState {
  return {
    index,
    policy: LAYER_POLICIES[index] as LayerPolicy,
    position: null,
    lastRollAt: 0,
    reentryLevel: null,
    ...overrides,
  };
}

/** The default condor (keeper/src/rules/defaultPolicies.ts) with a 500 USDC roll premium cap, tested 1 % early. */
export const CONDOR_POLICY: CondorPolicy = { ...defaultCondorPolicy(usd(500)), testedDistanceBps: 100 };

/** The "now" of the layer and condor rule tests: Monday 2 March 2026, 12:00 UTC. */
export const RULES_NOW: UnixSeconds = ts("2026-03-02T12:00:00Z");

/** A live condor around an equity index of 6000: put 5525/5700 (series 41), call 6240/6430 (series 42), both expiring 25 March 2026. */
export const CONDOR: Condor = {
  put: {
    seriesId: 41n,
    shortStrike: lvl(5700),
    longStrike: lvl(5525),
    expiry: ts("2026-03-25T08:00:00Z"),
    size: WAD,
  },
  call: {
    seriesId: 42n,
    shortStrike: lvl(6240),
    longStrike: lvl(6430),
    expiry: ts("2026-03-25T08:00:00Z"),
    size: WAD,
  },
};

/**
 * planCondor's input at RULES_NOW: CONDOR held, index 6000, NAV 1,000,000 USD, 5-point strikes, no events, a flat
 * volatility curve (30-day forward factor 1: no spike).
 */
export function condorInput(overrides: Partial<PlanCondorInput> = {}): PlanCondorInput {
  return {
    now: RULES_NOW,
    condor: CONDOR,
    policy: CONDOR_POLICY,
    equityIndex: lvl(6000),
    nav: usd(1_000_000),
    events: [],
    holidays: new Set(),
    strikeTick: lvl(5),
    volTermFactor: WAD,
    ...overrides,
  };
}

/**
 * planLayers' input at RULES_NOW: volatility index 20, NAV 1,000,000 USD, the default ladder sizing, a flat
 * volatility curve, intensity 1, 0.50 strikes, no events.
 */
export function layersInput(layers: LayerState[], overrides: Partial<PlanLayersInput> = {}): PlanLayersInput {
  return {
    now: RULES_NOW,
    layers,
    volIndex: lvl(20),
    nav: usd(1_000_000),
    ladder: DEFAULT_LADDER,
    volTermFactor: WAD,
    intensity: 1,
    events: [],
    holidays: new Set(),
    postEventDays: 2,
    strikeTick: lvl(0.5),
    ...overrides,
  };
}

/** A condor side roll with a 500 USD premium cap (the budget never drops it). */
export const SIDE_ROLL: Action = {
  type: "RollCondorSide",
  side: "put",
  newShortStrike: 1n,
  newLongStrike: 1n,
  newExpiry: ts("2026-04-15T08:00:00Z"),
  maxPremium: usd(500),
  reason: "tested",
};
