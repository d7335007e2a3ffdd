import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultCondorPolicy } from "../../src/rules/defaultPolicies.js";
import { parseMacroCalendar } from "../../src/rules/parseMacroCalendar.js";
import type { CondorPolicy, LayerPolicy, LayerState, MacroCalendar, UnixSeconds } from "../../src/types.js";

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
