import * as E from 'fp-ts/lib/Either.js';

/**
 * Canonical JSON after RFC 8785 (JSON Canonicalization Scheme) for the JSON data stored in events: objects, arrays,
 * strings, finite numbers, booleans and null. Keys are sorted by UTF-16 code units, numbers and strings are written as
 * ECMAScript's `JSON.stringify` writes them, there is no whitespace.
 *
 * Hand-written rather than the `canonicalize` package because it is 40 lines and must reject, as a value, what JCS
 * does not define (lone surrogates, `NaN`, `undefined` in arrays, class instances such as `Date`) instead of
 * serialising it some way that a store round-trip would not reproduce.
 */

/** A value that has no canonical JSON form, with the path to it (`$.data.items[2]`). */
export interface NotCanonicalJson {
  readonly _tag: 'NotCanonicalJson';
  readonly path: string;
  readonly reason: string;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

class Refused {
  constructor(readonly reason: string) {}
}

// eslint-disable-next-line no-control-regex -- JSON must escape exactly these control characters
const NEEDS_ESCAPE = /["\\\u0000-\u001F]/;

const str = (s: string): string => {
  // The cheap test first: most text has no surrogate at all, and only a surrogate can be lone.
  if (SURROGATE.test(s) && LONE_SURROGATE.test(s))
    throw new Refused('a string holds a lone UTF-16 surrogate (not I-JSON)');
  // JSON.stringify escapes exactly as RFC 8785 requires, but costs ~10 times more than quoting a string that has
  // nothing to escape, which is nearly every string an event holds.
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
};

/**
 * The writer's state: the objects being written, outermost first (a cycle is an object met again while still open),
 * and the keys and indices leading to the value being written, printed only when a value is refused.
 */
interface Walk {
  readonly open: object[];
  readonly path: Array<string | number>;
}

const write = (v: unknown, walk: Walk): string => {
  switch (typeof v) {
    case 'string':
      return str(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v)) throw new Refused(`${String(v)} is not a JSON number`);
      return v === 0 ? '0' : String(v); // ECMAScript Number::toString, -0 as 0: what RFC 8785 prescribes
    case 'object': {
      if (v === null) return 'null';
      if (walk.open.includes(v)) throw new Refused('a cycle');
      walk.open.push(v);
      let out: string;
      if (Array.isArray(v)) {
        out = '[';
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          walk.path.push(i);
          if (item === undefined) throw new Refused('undefined in an array');
          out += (i === 0 ? '' : ',') + write(item, walk);
          walk.path.pop();
        }
        out += ']';
      } else {
        const proto: unknown = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) {
          throw new Refused('not a plain object (encode it to JSON first)');
        }
        const record = v as Record<string, unknown>;
        out = '{';
        // Default sort compares UTF-16 code units, as RFC 8785 section 3.2.3 requires.
        for (const key of Object.keys(record).sort()) {
          const item = record[key];
          // A property holding undefined is absent from JSON, so absent from the canonical form too.
          if (item === undefined) continue;
          walk.path.push(key);
          out += (out.length === 1 ? '' : ',') + str(key) + ':' + write(item, walk);
          walk.path.pop();
        }
        out += '}';
      }
      walk.open.pop();
      return out;
    }
    default:
      throw new Refused(`a ${typeof v} is not JSON`);
  }
};

const printPath = (path: ReadonlyArray<string | number>): string =>
  path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${k}`), '$');

/** The RFC 8785 canonical JSON text of a JSON value, or why the value has none. */
export const canonicalJson = (value: unknown): E.Either<NotCanonicalJson, string> => {
  const walk: Walk = { open: [], path: [] };
  try {
    return E.right(write(value, walk));
  } catch (e) {
    if (e instanceof Refused) return E.left({ _tag: 'NotCanonicalJson', path: printPath(walk.path), reason: e.reason });
    throw e;
  }
};
