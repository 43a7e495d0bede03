import { canonicalJson } from '@dinhdanh/core';
import * as E from 'fp-ts/lib/Either.js';

const plain = (v: unknown): unknown => {
  if (v instanceof Map) {
    const o: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, x] of v as Map<unknown, unknown>) o[String(k)] = plain(x);
    return o;
  }
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && v !== null) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = plain(x);
    return o;
  }
  return v;
};

/**
 * The canonical JSON text of a read model (RFC 8785: keys sorted, numbers and strings in one form), with maps written
 * as objects keyed by their keys. Two models are the same exactly when their texts are byte-identical, which is how
 * the determinism of the runner is checked. Throws a `TypeError` for a model that is not JSON (a broken projection).
 */
export const serializeReadModel = (model: unknown): string => {
  const text = canonicalJson(plain(model));
  if (E.isLeft(text)) throw new TypeError(`read model is not JSON at ${text.left.path}: ${text.left.reason}`);
  return text.right;
};
