// The one repair the oracle makes: where a pillar's total variance would fall below the previous pillar's at
// some grid strike (calendar arbitrage the pool refuses, possible when the skew decays with tenor in a steep
// backwardation), the later pillar's ATM vol is raised to the smallest value that removes it (bisection).
// Observed inputs never need it in the tests' ranges; it is reported so a replay can count it.
import { checkSurface, type SurfaceLimits } from "./checkSurface.js";
import type { VolSurface } from "./types.js";

/** `surface` with calendar problems removed by raising ATM vols, and the pillars that were raised. */
export function repairCalendar(
  surface: VolSurface,
  limits: SurfaceLimits,
  margin: number,
): { surface: VolSurface; raised: number[] } {
  const pillars = surface.pillars.map((p) => ({ ...p }));
  const raised: number[] = [];
  const calendarOk = (i: number): boolean =>
    !checkSurface({ pillars: pillars.slice(0, i + 1) }, limits, margin).some(
      (p) => p.kind === "CalendarArbitrage" && p.pillar === i,
    );
  for (let i = 1; i < pillars.length; i++) {
    if (calendarOk(i)) continue;
    let lo = pillars[i]!.atmVol;
    let hi = limits.maxAtmVol;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      pillars[i]!.atmVol = mid;
      if (calendarOk(i)) hi = mid;
      else lo = mid;
    }
    pillars[i]!.atmVol = hi;
    raised.push(i);
  }
  return { surface: { pillars }, raised };
}
