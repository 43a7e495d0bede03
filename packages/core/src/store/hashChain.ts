import * as crypto from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { canonicalJson, canonicalString, quotedOrUndefined, type NotCanonicalJson } from './canonicalJson.js';
import type { EventMetadata, StoredEvent } from './port.js';

/**
 * The per-stream SHA-256 hash chain: each event's hash covers its content and the hash of the event before it in the
 * stream, so removing, reordering or altering any recorded event breaks every hash after it (Decree 69/2024/ND-CP
 * Art. 17(1), identity information stored eternally, made checkable).
 *
 * The hash is taken over the RFC 8785 canonical JSON of
 * `{ streamId, revision, eventId, type, data, metadata, recordedAt, previousHash }`, with `data` in its stored (encoded)
 * JSON form, so it verifies after any store or file round-trip.
 */

/** The `previousHash` of a stream's first event (revision 0): 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers (with `data` in its stored JSON form). */
export interface HashedEventFields {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
}

const nodeHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/**
 * The lowercase hex SHA-256 of a text's UTF-8 bytes. `crypto.hash` (Node >= 20.12) is a one-shot call about half the
 * cost of `createHash().update().digest()`, which stays as the fallback.
 */
export const sha256Hex: (text: string) => string =
  nodeHash === undefined
    ? (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex')
    : (text) => nodeHash('sha256', text, 'hex');

const prefixPath =
  (field: string) =>
  (e: NotCanonicalJson): NotCanonicalJson => ({
    ...e,
    path: `$.${field}${e.path.slice(1)}`,
  });

/** The canonical texts of an event's `data` and `metadata` (as its hash covers them), and the hash. */
export interface HashedEvent {
  readonly data: string;
  readonly metadata: string;
  readonly hash: string;
}

/**
 * Hashes an event given the hash of the event before it in its stream, returning the canonical `data` and `metadata`
 * texts too, so that a writer (an NDJSON export) does not serialise them a second time.
 *
 * The envelope's canonical JSON is written field by field in the sorted order RFC 8785 gives its keys
 * (`data, eventId, metadata, previousHash, recordedAt, revision, streamId, type`): the same text as `canonicalJson` of
 * the envelope object, without building it and sorting its keys for every event. Unusual input (a missing field, a
 * field of the wrong type) takes the general path so that the two can never differ.
 */
export const hashEvent = (event: HashedEventFields, previousHash: string): E.Either<NotCanonicalJson, HashedEvent> => {
  const { streamId, revision, eventId, type, data, metadata, recordedAt } = event;
  if (
    data === undefined ||
    typeof metadata !== 'object' ||
    metadata === null ||
    typeof streamId !== 'string' ||
    typeof eventId !== 'string' ||
    typeof type !== 'string' ||
    typeof recordedAt !== 'string' ||
    typeof previousHash !== 'string' ||
    !Number.isSafeInteger(revision)
  ) {
    // An absent `data` (or `metadata`) would be left out of the envelope and hash, but has no text to write.
    const envelope = { streamId, revision, eventId, type, data, metadata, recordedAt, previousHash };
    return pipe(
      canonicalJson(envelope),
      E.chain((text) =>
        pipe(
          E.Do,
          E.apS('data', pipe(canonicalJson(data), E.mapLeft(prefixPath('data')))),
          E.apS('metadata', pipe(canonicalJson(metadata), E.mapLeft(prefixPath('metadata')))),
          E.map((c) => ({ ...c, hash: sha256Hex(text) })),
        ),
      ),
    );
  }
  const d = canonicalJson(data);
  if (E.isLeft(d)) return E.left(prefixPath('data')(d.left));
  const m = canonicalJson(metadata);
  if (E.isLeft(m)) return E.left(prefixPath('metadata')(m.left));
  // Quoted without an Either or a table per event: this runs for every event appended, verified, exported or audited.
  const qEventId = quotedOrUndefined(eventId);
  if (qEventId === undefined) return notQuoted('eventId', eventId);
  const qPrevious = quotedOrUndefined(previousHash);
  if (qPrevious === undefined) return notQuoted('previousHash', previousHash);
  const qRecordedAt = quotedOrUndefined(recordedAt);
  if (qRecordedAt === undefined) return notQuoted('recordedAt', recordedAt);
  const qStreamId = quotedOrUndefined(streamId);
  if (qStreamId === undefined) return notQuoted('streamId', streamId);
  const qType = quotedOrUndefined(type);
  if (qType === undefined) return notQuoted('type', type);
  const text =
    `{"data":${d.right},"eventId":${qEventId},"metadata":${m.right},"previousHash":${qPrevious},` +
    `"recordedAt":${qRecordedAt},"revision":${revision === 0 ? 0 : revision},"streamId":${qStreamId},"type":${qType}}`;
  return E.right({ data: d.right, metadata: m.right, hash: sha256Hex(text) });
};

/** Why a field of the envelope has no canonical string form, with its path. */
const notQuoted = (field: string, value: string): E.Either<NotCanonicalJson, never> => {
  const q = canonicalString(value);
  return E.left(
    E.isLeft(q) ? { ...q.left, path: `$.${field}` } : { _tag: 'NotCanonicalJson', path: `$.${field}`, reason: '' },
  );
};

/** The chain hash (lowercase hex SHA-256) of an event given the hash of the event before it in its stream. */
export const eventHash = (event: HashedEventFields, previousHash: string): E.Either<NotCanonicalJson, string> =>
  pipe(
    hashEvent(event, previousHash),
    E.map((h) => h.hash),
  );

/** Where and why a stream's hash chain does not verify. */
export interface ChainBroken {
  readonly _tag: 'ChainBroken';
  readonly streamId: string;
  readonly revision: number;
  readonly reason: string;
}

/**
 * Verifies a run of consecutive events of one stream, in forward order. A run that starts at revision 0 must start
 * from {@link GENESIS_HASH}; one that starts later is anchored on its first event's `previousHash` (a tail that was
 * cut off is only detected against an exported digest, not here).
 *
 * `encode` turns an event's data into its stored JSON form (the store codec's `encode`) when it is not already.
 */
export const verifyStreamChain = (
  events: ReadonlyArray<StoredEvent<unknown>>,
  encode: (data: unknown) => unknown = (d) => d,
): E.Either<ChainBroken, void> => {
  const first = events[0];
  if (first === undefined) return E.right(undefined);
  const broken = (e: StoredEvent<unknown>, reason: string): E.Either<ChainBroken, void> =>
    E.left({ _tag: 'ChainBroken', streamId: e.streamId, revision: e.revision, reason });
  let previous = first.revision === 0 ? GENESIS_HASH : first.previousHash;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as StoredEvent<unknown>;
    if (e.streamId !== first.streamId) return broken(e, `belongs to stream ${e.streamId}, not ${first.streamId}`);
    if (e.revision !== first.revision + i) return broken(e, `expected revision ${first.revision + i}`);
    if (e.hash === undefined || e.previousHash === undefined) return broken(e, 'has no hash');
    if (e.previousHash !== previous) return broken(e, 'previousHash is not the hash of the event before it');
    const recomputed = eventHash({ ...e, data: encode(e.data) }, e.previousHash);
    if (E.isLeft(recomputed))
      return broken(e, `not canonical JSON at ${recomputed.left.path}: ${recomputed.left.reason}`);
    if (recomputed.right !== e.hash) return broken(e, 'hash does not match its content');
    previous = e.hash;
  }
  return E.right(undefined);
};
