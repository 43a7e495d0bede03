/**
 * The simulator's pseudo-random numbers: SFC32 (Chris Doty-Humphrey's Small Fast Counting generator, 128 bits of
 * state, period at least 2^32, passes PractRand to 2^42+ bytes), seeded through SplitMix32 so that nearby seeds give
 * unrelated streams. Plain 32-bit integer arithmetic: the same numbers on every machine, no clock, no `Math.random`.
 */

/** A deterministic source of random numbers. */
export interface Rng {
  /** A uniform integer in [0, 2^32). */
  readonly next: () => number;
  /** A uniform float in [0, 1). */
  readonly float: () => number;
  /** A uniform integer in [min, max], both included. */
  readonly int: (min: number, max: number) => number;
  /** `true` with probability `p`. */
  readonly chance: (p: number) => boolean;
  /** One element of a non-empty array. */
  readonly pick: <T>(xs: readonly T[]) => T;
}

const splitmix32 = (seed: number): (() => number) => {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
};

/**
 * A generator for a seed and a stream number: `rng(seed, 7)` is the seventh subject's own sequence, independent of
 * how many numbers the other subjects drew.
 */
export const rng = (seed: number, stream = 0): Rng => {
  const init = splitmix32((Math.imul(seed | 0, 0x2545f491) ^ Math.imul(stream | 0, 0x6c8e9cf5)) >>> 0);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs, as the algorithm's author recommends, so the state is well mixed.
  for (let i = 0; i < 12; i++) next();
  const float = (): number => next() / 4294967296;
  return {
    next,
    float,
    int: (min, max) => min + Math.floor(float() * (max - min + 1)),
    chance: (p) => float() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(float() * xs.length)] as T,
  };
};
