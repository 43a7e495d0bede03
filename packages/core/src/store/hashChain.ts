import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { canonicalJson, type NotCanonicalJson } from './canonicalJson.js';
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

/** The chain hash (lowercase hex SHA-256) of an event given the hash of the event before it in its stream. */
export const eventHash = (event: HashedEventFields, previousHash: string): E.Either<NotCanonicalJson, string> =>
  pipe(
    canonicalJson({
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      recordedAt: event.recordedAt,
      previousHash,
    }),
    E.map((text) => createHash('sha256').update(text, 'utf8').digest('hex')),
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
