// A small seeded PRNG (mulberry32) and a standard-normal sampler (Marsaglia's polar method). Integer
// arithmetic plus Math.sqrt/Math.log only, so a seed gives the same path on every machine running V8.

/** A seeded source of uniform and standard-normal draws. */
export interface Prng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal (mean 0, variance 1). */
  normal(): number;
}

/** Creates a deterministic PRNG from a 32-bit seed (any integer; reduced modulo 2^32). */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  let spare: number | undefined;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    for (;;) {
      const u = 2 * uniform() - 1;
      const v = 2 * uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        spare = v * f;
        return u * f;
      }
    }
  };
  return { uniform, normal };
}
