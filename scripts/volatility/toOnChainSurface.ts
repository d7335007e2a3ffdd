// The float surface as the pool stores it: tenors in whole seconds, every other field WAD (1e18), rounded to
// nearest in decimal (no float multiplication by 1e18).
import type { OnChainVolSurface, VolSurface } from "./types.js";

const WAD = 10n ** 18n;
const UINT32_MAX = 2 ** 32 - 1;
const UINT64_MAX = 2n ** 64n - 1n;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/**
 * `value` × 1e18 rounded to nearest (ties away from zero), from the double's shortest decimal form (the one
 * `String(value)` prints: 0.1 → 100000000000000000, not the binary expansion's …0055).
 */
export function toWad(value: number): bigint {
  if (!Number.isFinite(value)) throw new Error(`toWad: ${value} is not finite`);
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(value)));
  if (m === null) throw new Error(`toWad: cannot read ${value}`);
  const digits = m[1]! + (m[2] ?? "");
  const scale = (m[2] ?? "").length - Number(m[3] ?? 0) - 18; // value·1e18 = digits·10^(−scale)
  let units: bigint;
  if (scale <= 0) units = BigInt(digits) * 10n ** BigInt(-scale);
  else {
    const divisor = 10n ** BigInt(scale);
    units = BigInt(digits) / divisor;
    if ((BigInt(digits) % divisor) * 2n >= divisor) units += 1n;
  }
  return value < 0 ? -units : units;
}

/** A WAD integer as a float. */
export function fromWad(value: bigint): number {
  return Number(value) / 1e18;
}

/** The on-chain form of `surface`, stamped `updatedAt` (unix seconds). Throws when a field overflows its type. */
export function toOnChainSurface(surface: VolSurface, updatedAt: number | bigint): OnChainVolSurface {
  const at = BigInt(updatedAt);
  if (at < 0n) throw new Error(`toOnChainSurface: updatedAt ${at} is negative`);
  const pillars = surface.pillars.map((p, i) => {
    const tenor = Math.round(p.tenor);
    if (!(tenor >= 0 && tenor <= UINT32_MAX))
      throw new Error(`toOnChainSurface: pillar ${i} tenor ${p.tenor} is not a uint32`);
    const unsigned = (field: string, v: number): bigint => {
      const w = toWad(v);
      if (w < 0n || w > UINT64_MAX)
        throw new Error(`toOnChainSurface: pillar ${i} ${field} ${v} is not a uint64 WAD`);
      return w;
    };
    const signed = (field: string, v: number): bigint => {
      const w = toWad(v);
      if (w < INT64_MIN || w > INT64_MAX)
        throw new Error(`toOnChainSurface: pillar ${i} ${field} ${v} is not an int64 WAD`);
      return w;
    };
    return {
      tenor,
      forwardFactor: unsigned("forwardFactor", p.forwardFactor),
      atmVol: unsigned("atmVol", p.atmVol),
      skew: signed("skew", p.skew),
      curvature: signed("curvature", p.curvature),
    };
  });
  return { updatedAt: at, pillars };
}

/** The float surface an on-chain surface denotes (for checking what will actually be pushed). */
export function fromOnChainSurface(surface: OnChainVolSurface): VolSurface {
  return {
    pillars: surface.pillars.map((p) => ({
      tenor: p.tenor,
      forwardFactor: fromWad(p.forwardFactor),
      atmVol: fromWad(p.atmVol),
      skew: fromWad(p.skew),
      curvature: fromWad(p.curvature),
    })),
  };
}
