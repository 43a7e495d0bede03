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

describe('canonical JSON refusals deep inside a value', () => {
  it('names the path of a lone surrogate in a key and of a cycle further down', () => {
    expect(canonicalJson({ a: { ['k\udc00']: 1 } })).toMatchObject(E.left({ path: '$.a.k\udc00' }));
    const inner: Record<string, unknown> = {};
    inner['back'] = { again: inner };
    expect(canonicalJson({ x: [inner] })).toEqual(
      E.left({ _tag: 'NotCanonicalJson', path: '$.x[0].back.again', reason: 'a cycle' }),
    );
  });

  it('refuses a value nested deeper than it will write, rather than overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 600; i++) deep = [deep];
    expect(canonicalJson(deep)).toMatchObject(E.left({ reason: 'nested deeper than 500' }));
  });
});

describe('canonical JSON of data already in canonical key order (the fast path: events read back from an export)', () => {
  it('writes integer-like keys in code-unit order although the engine enumerates them numerically', () => {
    const parsed = JSON.parse('{"10":1,"2":2,"a":{"b":[3,{"c":4}]}}') as unknown;
    expect(text(parsed)).toBe('{"10":1,"2":2,"a":{"b":[3,{"c":4}]}}');
  });

  it('still refuses what has no JSON form, naming where it is', () => {
    expect(canonicalJson({ a: 1, b: { c: NaN } })).toMatchObject(E.left({ path: '$.b.c' }));
    expect(canonicalJson({ a: 1, toJSON: () => 'x' })).toMatchObject(E.left({ path: '$.toJSON' }));
    const holey: unknown[] = [1];
    holey[2] = 3;
    expect(canonicalJson({ a: holey })).toMatchObject(E.left({ path: '$.a[1]', reason: 'undefined in an array' }));
  });
});

describe('canonical JSON of many objects of one shape (the writer keeps each shape it has seen)', () => {
  it('tells apart shapes whose keys join to the same text', () => {
    expect(text([{ 'a,b': 1 }, { b: 2, a: 1 }, { 'a,b': 3 }])).toBe('[{"a,b":1},{"a":1,"b":2},{"a,b":3}]');
  });

  it('refuses a lone surrogate key of a shape seen before only where it holds a value', () => {
    expect(text({ z: 1, ['k\udc00']: undefined })).toBe('{"z":1}');
    expect(canonicalJson({ z: 1, ['k\udc00']: 2 })).toMatchObject(E.left({ path: '$.k\udc00' }));
  });

  it('writes the same text after seeing more shapes than it keeps, and for objects with many keys', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ [`k${i}`]: i, a: 0 }));
    expect(text(many)).toBe(JSON.stringify(many.map((o, i) => ({ a: 0, [`k${i}`]: o[`k${i}`] }))));
    const wide = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${99 - i}`, i]));
    const sorted = Object.keys(wide).sort();
    const expected = `{${sorted.map((k) => `"${k}":${String(wide[k])}`).join(',')}}`;
    expect(text([wide, wide])).toBe(`[${expected},${expected}]`);
  });
});
