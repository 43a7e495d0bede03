import * as crypto from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts';
import { canonicalJson } from '../canonicalJson.js';
import type { EventStore } from '../port.js';
import { drive, type Progress } from './drive.js';
import type { LogError } from './failures.js';
import type { NdjsonInput, ReadLogOptions } from './records.js';
import { createVerifier, type VerifierState } from './verifier.js';

const HEX64 = /^[0-9a-f]{64}$/;
const Sha256Hex = new t.Type<string, string, unknown>(
  'Sha256Hex',
  (u): u is string => typeof u === 'string' && HEX64.test(u),
  (u, c) => (typeof u === 'string' && HEX64.test(u) ? t.success(u) : t.failure(u, c, 'expected 64 lowercase hex')),
  (s) => s,
);
const Count = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'Count');
const Position = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= -1, 'Position');

/**
 * The io-ts codec of a {@link Digest}, to read one back from where an auditor kept it. Unknown fields are refused by
 * the signature check, not here (they are not signed).
 */
export const DigestCodec = t.intersection([
  t.type({
    version: t.literal(1),
    algorithm: t.literal('sha256+jcs'),
    position: Position,
    count: Count,
    globalHead: Sha256Hex,
    streams: Count,
    createdAt: t.string,
  }),
  t.partial({ category: t.string, signature: t.string }),
]);

/**
 * A small, printable record of a log at one moment, for an auditor to keep outside the system: verifying the log
 * against it later proves that none of its first `count` chained events was altered, removed, inserted or reordered,
 * and that the tail was not cut.
 *
 * - `count` — events in the global chain (every stream but login streams, see `globalChain.ts`);
 * - `globalHead` — the global chain's head after them;
 * - `streams` — how many chained streams they belong to;
 * - `position` — the store's position of the last of them (-1 when none): informative, since positions change when a
 *   log is imported into another store, while `count` and `globalHead` do not;
 * - `category` — present when the digest covers one category only;
 * - `signature` — base64 Ed25519 over the RFC 8785 form of the other fields ({@link signDigest}).
 */
export type Digest = t.TypeOf<typeof DigestCodec>;

/** Options of {@link digest}. */
export interface DigestOptions<E> extends ReadLogOptions<E> {
  /** The ISO-8601 instant recorded as `createdAt`. Default: the system clock. */
  readonly clock?: () => string;
  readonly onProgress?: (p: Progress) => void;
}

/** The digest of what a verifier has read so far. */
export const digestOf = (state: VerifierState, createdAt: string, category?: string): Digest => ({
  version: 1,
  algorithm: 'sha256+jcs',
  position: state.lastChainedPosition,
  count: state.chainedEvents,
  globalHead: state.globalHead,
  streams: state.chainedStreams,
  createdAt,
  ...(category === undefined ? {} : { category }),
});

/**
 * Reads a store (in `readAll` pages) or an NDJSON file and returns its {@link Digest}. The whole log is verified on the
 * way (a digest of a broken log would vouch for the damage): the first integrity failure is returned instead.
 */
export const digest =
  <E>(source: EventStore<E> | NdjsonInput, options: DigestOptions<E> = {}): TE.TaskEither<LogError, Digest> =>
  async () => {
    const verifier = createVerifier();
    const outcome = await drive(source, verifier, { ...options, phase: 'digest' });
    if (outcome.failure !== undefined) return E.left(outcome.failure);
    if (outcome.error !== undefined) return E.left(outcome.error);
    const createdAt = (options.clock ?? (() => new Date().toISOString()))();
    return E.right(digestOf(verifier.state, createdAt, options.category));
  };

const signedBytes = (d: Digest): Buffer => {
  const { signature: _signature, ...unsigned } = d;
  const text = canonicalJson(unsigned);
  // A decoded Digest is plain JSON, so it always has a canonical form.
  if (E.isLeft(text)) throw new Error(`digest has no canonical form: ${text.left.reason}`);
  return Buffer.from(text.right, 'utf8');
};

/**
 * Signs a digest with an Ed25519 private key (`crypto.generateKeyPairSync('ed25519')`, or a PEM the caller holds):
 * the signature covers the RFC 8785 form of every other field, so the digest can be printed, kept as JSON and checked
 * with the public key alone.
 */
export const signDigest = (d: Digest, privateKey: crypto.KeyObject | string): Digest => ({
  ...d,
  signature: crypto.sign(null, signedBytes(d), privateKey).toString('base64'),
});

/** Whether a digest carries a valid Ed25519 signature by the holder of `publicKey` (false when unsigned). */
export const verifyDigestSignature = (d: Digest, publicKey: crypto.KeyObject | string): boolean => {
  if (d.signature === undefined) return false;
  try {
    return crypto.verify(null, signedBytes(d), publicKey, Buffer.from(d.signature, 'base64'));
  } catch {
    return false;
  }
};

/** Prints a digest as one line of JSON (keys in RFC 8785 order), for a printout or a file. */
export const printDigest = (d: Digest): string => {
  const text = canonicalJson(d);
  if (E.isLeft(text)) throw new Error(`digest has no canonical form: ${text.left.reason}`);
  return text.right;
};
