// The oracle's entry point: one day's market inputs in, the equity-index and volatility-index surfaces out,
// each checked against the pool's push checks (in float and again after WAD rounding), with the list of
// inputs that a model filled in.
import { checkSurface, type SurfaceProblem } from "./checkSurface.js";
import { equitySurface } from "./equitySurface.js";
import { repairCalendar } from "./repairCalendar.js";
import { oracleSettings, type OracleSettingsOverride } from "./settings.js";
import { fromOnChainSurface, toOnChainSurface } from "./toOnChainSurface.js";
import type { MarketInputs, ModelledInput, VolSurface } from "./types.js";
import { varianceTermStructure, type VarianceTermStructure } from "./varianceTermStructure.js";
import { volIndexSurface } from "./volIndexSurface.js";
import { vvixFromVix } from "./volOfVol.js";

/** Relative room kept on the calendar check so that WAD rounding never flips it. */
export const CALENDAR_MARGIN = 1e-9;

/** A surface the pool would refuse: the problems, named. Never thrown for valid inputs in the tested ranges. */
export class SurfaceBuildError extends Error {
  constructor(
    readonly surface: "equity" | "volIndex",
    readonly problems: SurfaceProblem[],
  ) {
    super(`${surface} surface refused: ${problems.map((p) => p.message).join("; ")}`);
    this.name = "SurfaceBuildError";
  }
}

/** Both surfaces of a day and how they were made. */
export interface BuiltSurfaces {
  equity: VolSurface;
  volIndex: VolSurface;
  /** Inputs that were absent and filled in by a model. */
  modelled: ModelledInput[];
  /** The inputs as used (given or modelled), index points. */
  used: { vix: number; vix3m: number; vix6m: number; vvix: number; spx: number };
  /** The volatility index's futures at the volIndex pillars, index points. */
  vixFutures: number[];
  termStructure: VarianceTermStructure;
  /** Pillars whose ATM vol was raised to remove a calendar arbitrage (repairCalendar.ts). */
  raised: { equity: number[]; volIndex: number[] };
}

/** Builds, checks and returns both surfaces of `day`. Throws MarketInputError or SurfaceBuildError. */
export function buildSurfaces(day: MarketInputs, override: OracleSettingsOverride = {}): BuiltSurfaces {
  const s = oracleSettings(override);
  const { termStructure, modelled } = varianceTermStructure(day, s.termStructure);
  let vvix = day.vvix;
  if (vvix === undefined) {
    modelled.push("vvix");
    vvix = vvixFromVix(day.vix, s.volIndex);
  }
  const equity = finish("equity", equitySurface(day.spx, termStructure, s), s.limits);
  const vol = volIndexSurface(day.vix, vvix, termStructure, s);
  const volIndex = finish("volIndex", vol.surface, s.limits);
  return {
    equity: equity.surface,
    volIndex: volIndex.surface,
    modelled,
    used: {
      vix: day.vix,
      vix3m: termStructure.vol93 * 100,
      vix6m: termStructure.vol182 * 100,
      vvix,
      spx: day.spx,
    },
    vixFutures: vol.futures,
    termStructure,
    raised: { equity: equity.raised, volIndex: volIndex.raised },
  };
}

function finish(
  name: "equity" | "volIndex",
  surface: VolSurface,
  limits: Parameters<typeof checkSurface>[1] & object,
): { surface: VolSurface; raised: number[] } {
  const repaired = repairCalendar(surface, limits, CALENDAR_MARGIN);
  const problems = checkSurface(repaired.surface, limits, CALENDAR_MARGIN);
  // What is pushed is the WAD-rounded surface: check that too.
  const rounded = fromOnChainSurface(toOnChainSurface(repaired.surface, 0));
  problems.push(...checkSurface(rounded, limits, 0));
  if (problems.length > 0) throw new SurfaceBuildError(name, problems);
  return repaired;
}
