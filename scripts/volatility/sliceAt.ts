// The surface at a time to expiry: the interpolation rules the on-chain pricer implements.
//   forward factor: below the first pillar linear from exactly 1 at expiry to f1; between pillars linear
//                   in tenor; beyond the last pillar flat;
//   ATM vol:        flat below the first pillar; between pillars the total variance atm²·t is linear in
//                   tenor; flat beyond the last pillar;
//   skew, curvature: flat outside the pillars, linear in tenor between them.
import type { VolSlice, VolSurface } from "./types.js";

/** The surface interpolated at `tau` seconds to expiry (`tau` ≥ 0). */
export function sliceAt(surface: VolSurface, tau: number): VolSlice {
  const p = surface.pillars;
  if (p.length === 0) throw new Error("sliceAt: the surface has no pillar");
  const first = p[0]!;
  if (tau <= first.tenor) {
    return {
      forwardFactor: 1 + ((first.forwardFactor - 1) * Math.max(tau, 0)) / first.tenor,
      atmVol: first.atmVol,
      skew: first.skew,
      curvature: first.curvature,
    };
  }
  const last = p[p.length - 1]!;
  if (tau >= last.tenor) {
    return {
      forwardFactor: last.forwardFactor,
      atmVol: last.atmVol,
      skew: last.skew,
      curvature: last.curvature,
    };
  }
  let j = 1;
  while (p[j]!.tenor < tau) j++;
  const lo = p[j - 1]!;
  const hi = p[j]!;
  const u = (tau - lo.tenor) / (hi.tenor - lo.tenor);
  const lerp = (a: number, b: number): number => a + (b - a) * u;
  const w = lerp(lo.atmVol * lo.atmVol * lo.tenor, hi.atmVol * hi.atmVol * hi.tenor);
  return {
    forwardFactor: lerp(lo.forwardFactor, hi.forwardFactor),
    atmVol: Math.sqrt(w / tau),
    skew: lerp(lo.skew, hi.skew),
    curvature: lerp(lo.curvature, hi.curvature),
  };
}

/** The forward factor f(τ) = forward / index at `tau` seconds. */
export function forwardFactor(surface: VolSurface, tau: number): number {
  return sliceAt(surface, tau).forwardFactor;
}
