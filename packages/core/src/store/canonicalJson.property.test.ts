import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
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

describe('canonical JSON against the canonicalize package (RFC 8785 reference, by its author)', () => {
  it('writes the same text for any JSON value, including awkward strings and numbers', () => {
    const awkward = fc.oneof(
      fc.jsonValue(),
      fc.string({ unit: 'binary' }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue()),
    );
    fc.assert(
      fc.property(awkward, (v) => {
        expect(canonicalJson(v)).toEqual(E.right(canonicalize(v)));
      }),
    );
  });

  it('writes the same text again for a value parsed back from it (key order as the engine enumerates it)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue())), (v) => {
        const once = canonicalize(v) as string;
        expect(canonicalJson(JSON.parse(once))).toEqual(E.right(once));
      }),
    );
  });
});
