// The pusher's second step, off-chain half: both volatility surfaces of an observation, built by the volatility
// oracle module (scripts/volatility, docs/volatility.md) from its index values and whatever optional inputs the
// source gave (a documented model fills in the others), in the oracle's on-chain form, stamped with the
// observation time of the index rounds they go with.
import {
  buildSurfaces,
  MarketInputError,
  type MarketInputs,
  type OnChainVolSurface,
  type OracleSettingsOverride,
  SurfaceBuildError,
  toOnChainSurface,
} from "../volatility/index.js";
import type { Observation } from "./observations.js";
import { OPTIONAL_INPUTS, type OptionalInput } from "./settings.js";
import { FEED_DECIMALS } from "./values.js";

export interface ObservationSurfaces {
  /** The volatility-index feed's surface. */
  vix: OnChainVolSurface;
  /** The equity-index feed's surface. */
  spx: OnChainVolSurface;
  /** Inputs the model filled in. */
  modelled: OptionalInput[];
}

/** A surface the oracle module or the oracle contract refuses: that observation's surfaces are skipped. */
export class SurfaceRefusedError extends Error {
  override readonly name = "SurfaceRefusedError";
}

/** The optional inputs an observation lacks: the ones the oracle's model fills in. */
export function modelledInputs(observation: Observation): OptionalInput[] {
  return OPTIONAL_INPUTS.filter((input) => observation.extra?.[input] === undefined);
}

/** The oracle module's inputs: the index values in points, dated by the source or else by `observedAt` (UTC). */
export function marketInputsOf(observation: Observation, observedAt: number): MarketInputs {
  const points = (units: bigint): number => Number(units) / 10 ** FEED_DECIMALS;
  return {
    date: observation.date ?? new Date(observedAt * 1000).toISOString().slice(0, 10),
    vix: points(observation.vix),
    spx: points(observation.spx),
    ...observation.extra,
  };
}

/**
 * Builds both surfaces of `observation` as of `observedAt` (the oracle module's documented defaults, or
 * `settings` over them). A refusal of the oracle module (MarketInputError:
 * e.g. VIX3M and VIX imply a negative forward variance; SurfaceBuildError: a surface the pool would refuse) is
 * a SurfaceRefusedError naming the day and the problem.
 */
export function observationSurfaces(
  observation: Observation,
  observedAt: number,
  settings: OracleSettingsOverride = {},
): ObservationSurfaces {
  const inputs = marketInputsOf(observation, observedAt);
  try {
    const built = buildSurfaces(inputs, settings);
    return {
      vix: toOnChainSurface(built.volIndex, observedAt),
      spx: toOnChainSurface(built.equity, observedAt),
      modelled: built.modelled,
    };
  } catch (e) {
    if (e instanceof MarketInputError || e instanceof SurfaceBuildError)
      throw new SurfaceRefusedError(`surfaces of ${inputs.date} refused by the oracle module: ${e.message}`);
    throw e;
  }
}
