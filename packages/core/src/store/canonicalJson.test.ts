import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';

const text = (v: unknown): string => {
  const r = canonicalJson(v);
  if (E.isLeft(r)) throw new Error(`${r.left.path}: ${r.left.reason}`);
  return r.right;
};

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, as the RFC 8785 section 3.2.3 example', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Compared as text: JSON.parse would move the integer-like key "1" first again.
    const keys = [...text(input).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1] ?? ''}"`) as string);
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('writes numbers as ECMAScript does, -0 as 0 (RFC 8785 appendix B samples)', () => {
    expect(text([1e30, 4.5, 0.002, 1e-7, 0.000001, -0, 333333333.3333333, 1e21, 9007199254740991])).toBe(
      '[1e+30,4.5,0.002,1e-7,0.000001,0,333333333.3333333,1e+21,9007199254740991]',
    );
  });

  it('writes the RFC 8785 section 3.2.2 sample exactly', () => {
    const input = {
      numbers: [333333333.3333333, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(text(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('keeps Vietnamese text, emoji and astral characters as they are, without normalising', () => {
    const nfd = 'Việt'.normalize('NFD');
    expect(text({ a: 'Nguyễn 🇻🇳 𠀀', b: nfd })).toBe(`{"a":"Nguyễn 🇻🇳 𠀀","b":"${nfd}"}`);
  });

  it('leaves out properties holding undefined, as a JSON round-trip would', () => {
    expect(text({ b: 1, a: undefined })).toBe('{"b":1}');
  });

  it.each([
    ['NaN', { n: NaN }, '$.n'],
    ['Infinity', [Infinity], '$[0]'],
    ['undefined in an array', [1, undefined], '$[1]'],
    ['a Date', { at: new Date(0) }, '$.at'],
    ['a bigint', { n: 1n }, '$.n'],
    ['a lone surrogate', { s: 'a\ud800b' }, '$.s'],
    ['a function', { f: () => 1 }, '$.f'],
  ])('refuses %s as a value, naming where it is', (_, value, path) => {
    expect(canonicalJson(value)).toMatchObject(E.left({ _tag: 'NotCanonicalJson', path }));
  });

  it('refuses a cycle', () => {
    const o: Record<string, unknown> = {};
    o['self'] = o;
    expect(canonicalJson(o)).toMatchObject(E.left({ reason: 'a cycle' }));
  });

  it('accepts a value shared twice (not a cycle)', () => {
    const shared = { x: 1 };
    expect(text({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});
