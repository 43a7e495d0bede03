import * as E from 'fp-ts/lib/Either.js';

/**
 * Canonical JSON after RFC 8785 (JSON Canonicalization Scheme) for the JSON data stored in events: objects, arrays,
 * strings, finite numbers, booleans and null. Keys are sorted by UTF-16 code units, numbers and strings are written as
 * ECMAScript's `JSON.stringify` writes them, there is no whitespace.
 *
 * Hand-written, with the `canonicalize` package (by RFC 8785's author) as the oracle its property tests compare
 * against. Not the package itself, for three measured or checked reasons:
 * - it does not refuse what JCS leaves undefined: it calls `toJSON` (a `Date` becomes a string), writes `undefined` in
 *   an array as `null` and drops functions, where this module must refuse them as a value naming their path (a hash
 *   over a form a store round-trip would not reproduce breaks the chain later, far from the cause), so using it takes
 *   a validating walk first;
 * - that walk plus the package cost 1.5-2x this writer on event payloads, and 2-3x on a whole hashed envelope
 *   (Node 20, the account events of this library), on the hot path of every append with a chain, verification,
 *   export and import;
 * - its 5.x releases declare `engines: node >= 22`, this library supports Node 20.
 *
 * Data that is already in canonical key order (every event read back from an NDJSON export, whose lines are written
 * canonically) takes a faster path: one validating walk, then the engine's own `JSON.stringify`, which writes the same
 * text when the keys are in order.
 */

/** A value that has no canonical JSON form, with the path to it (`$.data.items[2]`). */
export interface NotCanonicalJson {
  readonly _tag: 'NotCanonicalJson';
  readonly path: string;
  readonly reason: string;
}

class Refused {
  constructor(readonly reason: string) {}
}

// eslint-disable-next-line no-control-regex -- JSON must escape exactly these control characters
const NEEDS_ESCAPE = /["\\\u0000-\u001F]/;

const LONE_SURROGATE = 'a string holds a lone UTF-16 surrogate (not I-JSON)';
const NOT_PLAIN = 'not a plain object (encode it to JSON first)';

// Deeper than any event; a deeper value is refused rather than risking a stack overflow.
const MAX_DEPTH = 500;

interface WellFormed {
  isWellFormed(): boolean;
}

/** The JSON string literal of a well-formed string. */
const quote = (s: string): string =>
  // JSON.stringify escapes exactly as RFC 8785 requires, but costs several times more than quoting a string that has
  // nothing to escape, which is nearly every string an event holds.
  NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;

/** A JSON string literal as RFC 8785 writes it, or a {@link Refused} for a lone surrogate. */
const str = (s: string): string => {
  // isWellFormed is native and much cheaper than a look-around regular expression (Node >= 20; ES2024, hence the cast).
  if (!(s as unknown as WellFormed).isWellFormed()) throw new Refused(LONE_SURROGATE);
  return quote(s);
};

const num = (n: number): string => {
  if (!Number.isFinite(n)) throw new Refused(`${String(n)} is not a JSON number`);
  return n === 0 ? '0' : String(n); // ECMAScript Number::toString, -0 as 0: what RFC 8785 prescribes
};

/** An object shape as the writer needs it: its keys in canonical order, each quoted once, not once per object. */
interface Shape {
  /** The keys sorted by UTF-16 code units, as RFC 8785 section 3.2.3 requires (the default sort compares those). */
  readonly sorted: readonly string[];
  /** `"key":` for each sorted key, or `undefined` for a key holding a lone surrogate (refused if it holds a value). */
  readonly labels: ReadonlyArray<string | undefined>;
}

/** The shapes seen, as a trie over the keys in the order `Object.keys` gives them. */
interface ShapeNode {
  readonly next: Map<string, ShapeNode>;
  shape: Shape | undefined;
}

const newNode = (): ShapeNode => ({ next: new Map(), shape: undefined });

// Events have a few dozen shapes; the bounds keep other data (many shapes, or dictionaries with many keys) from
// growing the cache without end: past them it starts again empty.
const MAX_NODES = 4096;
const MAX_CACHED_KEYS = 64;
let shapes = newNode();
let nodes = 0;

const newShape = (keys: readonly string[]): Shape => {
  const sorted = keys.slice().sort();
  const labels = sorted.map((k) => ((k as unknown as WellFormed).isWellFormed() ? quote(k) + ':' : undefined));
  return { sorted, labels };
};

/**
 * The shape of an object with these keys, from the cache when seen before. Sorting the keys and quoting each of them
 * for every object cost more than all the rest of writing a decoded event, whose objects are seldom in key order. A
 * trie rather than a map keyed by the joined keys: walking it allocates nothing, and measured 1.3x faster.
 */
const shapeOf = (keys: readonly string[]): Shape => {
  if (keys.length > MAX_CACHED_KEYS) return newShape(keys);
  if (nodes + keys.length > MAX_NODES) {
    shapes = newNode();
    nodes = 0;
  }
  let node = shapes;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    let next = node.next.get(key);
    if (next === undefined) {
      next = newNode();
      node.next.set(key, next);
      nodes++;
    }
    node = next;
  }
  return (node.shape ??= newShape(keys));
};

/**
 * The writer. It keeps neither a path nor the open objects: a cycle only shows as nesting deeper than
 * {@link MAX_DEPTH}, and on that rare refusal (or any other) {@link locate} walks the value again, keeping both, to
 * say where and whether it was a cycle.
 */
const write = (v: unknown, depth: number): string => {
  switch (typeof v) {
    case 'string':
      return str(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return num(v);
    case 'object': {
      if (v === null) return 'null';
      if (depth >= MAX_DEPTH) throw new Refused(`nested deeper than ${MAX_DEPTH}`);
      let out: string;
      if (Array.isArray(v)) {
        out = '[';
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item === undefined) throw new Refused('undefined in an array');
          out += (i === 0 ? '' : ',') + write(item, depth + 1);
        }
        out += ']';
      } else {
        const proto: unknown = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) {
          throw new Refused(NOT_PLAIN);
        }
        const record = v as Record<string, unknown>;
        const { sorted, labels } = shapeOf(Object.keys(record));
        out = '{';
        for (let k = 0; k < sorted.length; k++) {
          const item = record[sorted[k] as string];
          // A property holding undefined is absent from JSON, so absent from the canonical form too.
          if (item === undefined) continue;
          const label = labels[k];
          if (label === undefined) throw new Refused(LONE_SURROGATE);
          out += (out.length === 1 ? label : ',' + label) + write(item, depth + 1);
        }
        out += '}';
      }
      return out;
    }
    default:
      throw new Refused(`a ${typeof v} is not JSON`);
  }
};

/**
 * Whether `JSON.stringify(v)` is already the canonical form of `v`: every string well formed, every number finite,
 * every object plain with its keys (in the order the engine enumerates and stringifies them) sorted by UTF-16 code
 * units, no `undefined` in an array. Throws a {@link Refused} for what has no JSON form; returns false as soon as an
 * object is out of order (or has its own `toJSON`), leaving the rest to {@link write}, which checks everything again.
 */
const inOrder = (v: unknown, depth: number): boolean => {
  switch (typeof v) {
    case 'string':
      if (!(v as unknown as WellFormed).isWellFormed()) throw new Refused(LONE_SURROGATE);
      return true;
    case 'number':
      if (!Number.isFinite(v)) throw new Refused(`${String(v)} is not a JSON number`);
      return true;
    case 'boolean':
      return true;
    case 'object': {
      if (v === null) return true;
      if (depth >= MAX_DEPTH) throw new Refused(`nested deeper than ${MAX_DEPTH}`);
      // JSON.stringify would call it; the writer does not.
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item === undefined) throw new Refused('undefined in an array');
          if (!inOrder(item, depth + 1)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw new Refused(NOT_PLAIN);
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as string;
        if (k > 0 && key <= (keys[k - 1] as string)) return false;
        const item = record[key];
        if (item === undefined) continue;
        if (!(key as unknown as WellFormed).isWellFormed()) throw new Refused(LONE_SURROGATE);
        if (!inOrder(item, depth + 1)) return false;
      }
      return true;
    }
    default:
      throw new Refused(`a ${typeof v} is not JSON`);
  }
};

/**
 * Walks the value again, keeping the path and the open objects, to the first value {@link write} refuses: returns
 * why (`undefined` when nothing is), with `path` left pointing at it.
 */
const locate = (v: unknown, open: object[], path: Array<string | number>): string | undefined => {
  if (typeof v !== 'object' || v === null) {
    try {
      write(v, 0);
      return undefined;
    } catch (e) {
      if (e instanceof Refused) return e.reason;
      throw e;
    }
  }
  if (open.includes(v)) return 'a cycle';
  if (open.length >= MAX_DEPTH) return `nested deeper than ${MAX_DEPTH}`;
  const isArray = Array.isArray(v);
  const proto: unknown = Object.getPrototypeOf(v);
  if (!isArray && proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  open.push(v);
  const keys: Array<string | number> = isArray ? Array.from({ length: v.length }, (_, i) => i) : Object.keys(v).sort();
  for (const k of keys) {
    const x: unknown = (v as Record<string | number, unknown>)[k];
    path.push(k);
    if (typeof k === 'number' && x === undefined) return 'undefined in an array';
    if (x !== undefined) {
      if (typeof k === 'string' && !(k as unknown as WellFormed).isWellFormed()) {
        return LONE_SURROGATE;
      }
      const reason = locate(x, open, path);
      if (reason !== undefined) return reason;
    }
    path.pop();
  }
  open.pop();
  return undefined;
};

const printPath = (path: ReadonlyArray<string | number>): string =>
  path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${k}`), '$');

/** The canonical JSON of a JSON string (RFC 8785 section 3.2.2.2), or why it has none: for writers of fixed shapes. */
export const canonicalString = (s: string): E.Either<NotCanonicalJson, string> => {
  try {
    return E.right(str(s));
  } catch (e) {
    if (e instanceof Refused) return E.left({ _tag: 'NotCanonicalJson', path: '$', reason: e.reason });
    throw e;
  }
};

/**
 * {@link canonicalString} without the `Either`: the literal, or `undefined` when the string has none (ask
 * {@link canonicalString} why). For writers that quote several strings of every event.
 */
export const quotedOrUndefined = (s: string): string | undefined => {
  if (!(s as unknown as WellFormed).isWellFormed()) return undefined;
  return quote(s);
};

/** The RFC 8785 canonical JSON text of a JSON value, or why the value has none. */
export const canonicalJson = (value: unknown): E.Either<NotCanonicalJson, string> => {
  try {
    return E.right(inOrder(value, 0) ? JSON.stringify(value) : write(value, 0));
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    const path: Array<string | number> = [];
    const reason = locate(value, [], path) ?? e.reason;
    return E.left({ _tag: 'NotCanonicalJson', path: printPath(path), reason });
  }
};
