import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';

const shuffleKeys = (v: unknown, seed: number): unknown => {
  if (Array.isArray(v)) return v.map((x) => shuffleKeys(x, seed));
  if (typeof v !== 'object' || v === null) return v;
  const entries = Object.entries(v);
  const rotated = entries.map((_, i) => entries[(i + seed) % entries.length] as [string, unknown]).reverse();
  return Object.fromEntries(rotated.map(([k, x]) => [k, shuffleKeys(x, seed)]));
};

describe('canonical JSON properties (hash chain, Art. 17(1): a stored event must hash the same after any round-trip)', () => {
  it('parses back to the value a JSON round-trip gives', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = canonicalJson(v);
        expect(E.isRight(r)).toBe(true);
        if (E.isRight(r)) expect(JSON.parse(r.right)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('does not depend on key order, and is a fixed point of parse-then-canonicalise', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(10), (v, seed) => {
        const a = canonicalJson(v);
        const b = canonicalJson(shuffleKeys(v, seed));
        const again = E.isRight(a) ? canonicalJson(JSON.parse(a.right)) : a;
        expect(a).toEqual(b);
        expect(again).toEqual(a);
      }),
    );
  });
});
