import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import { corruptEvent, storeUnavailable, type StoreError } from '../errors.js';
import type { EventCodec, EventMetadata, StoredEvent } from '../port.js';
import { portPosition, portRevision } from './positions.js';

/**
 * How a port event is laid out in an EventStoreDB event, and back.
 *
 * `data` is the codec's encoded JSON, as is. EventStoreDB's event `metadata` is the JSON envelope
 * `{ recordedAt, hash, previousHash, metadata }`: the port's own metadata is nested under `metadata`, so no key a user
 * chooses can collide with the adapter's. The server's `created` stamp is not used: `recordedAt` is the instant of
 * the fact (it may come from the command), and it is covered by the hash chain.
 */

/** The adapter's envelope in EventStoreDB event metadata. */
export const Envelope = t.type({
  recordedAt: t.string,
  hash: t.string,
  previousHash: t.string,
  metadata: t.UnknownRecord,
});

/** An {@link Envelope}. */
export type Envelope = t.TypeOf<typeof Envelope>;

/** The fields of a recorded EventStoreDB event the adapter reads (the client's `RecordedEvent` has them all). */
export interface RecordedLike {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly position?: { readonly commit: bigint; readonly prepare: bigint } | undefined;
}

/** An event as stored, before its data is decoded: `data` is the stored JSON (what the hash chain covers). */
export type RawEvent = StoredEvent<unknown> & { readonly hash: string; readonly previousHash: string };

// A stream read on a server before 22.6 reports no $all position, or 2^64-1 for "none".
const NO_POSITION = 2n ** 64n - 1n;

/**
 * Whether a recorded event belongs to the port's view: not a system stream or system event (`$` names: metadata,
 * link, tombstone and statistics events), and inside the namespace when there is one.
 */
export const isPortEvent = (recorded: Pick<RecordedLike, 'streamId' | 'type'>, namespace: string): boolean =>
  !recorded.streamId.startsWith('$') && !recorded.type.startsWith('$') && recorded.streamId.startsWith(namespace);

/**
 * The port's view of a recorded event, its data left encoded. `CorruptEvent` (naming stream and revision) when it
 * is not what this adapter writes; `StoreUnavailable` when the server reports no `$all` position for it.
 */
export const rawFromRecorded = (recorded: RecordedLike, namespace: string): E.Either<StoreError, RawEvent> => {
  const streamId = recorded.streamId.slice(namespace.length);
  const revision = portRevision(recorded.revision);
  if (E.isLeft(revision)) return E.left(corruptEvent(streamId, -1, -1, revision.left));
  if (recorded.position === undefined || recorded.position.commit === NO_POSITION) {
    return E.left(
      storeUnavailable(
        `EventStoreDB reported no $all position for stream ${streamId}, revision ${revision.right}: ` +
          'stream reads report it from server version 22.6 on; upgrade the server',
      ),
    );
  }
  const position = portPosition(recorded.position);
  if (E.isLeft(position)) return E.left(corruptEvent(streamId, revision.right, -1, position.left));
  const corrupt = (reason: string): E.Either<StoreError, never> =>
    E.left(corruptEvent(streamId, revision.right, position.right, reason));
  if (!recorded.isJson) return corrupt('the event is not JSON (content type application/octet-stream)');
  const envelope = Envelope.decode(recorded.metadata);
  if (E.isLeft(envelope)) {
    return corrupt(`its metadata is not this adapter's envelope: ${PathReporter.report(envelope).join('; ')}`);
  }
  const { recordedAt, hash, previousHash, metadata } = envelope.right;
  return E.right({
    streamId,
    revision: revision.right,
    position: position.right,
    eventId: recorded.id,
    type: recorded.type,
    data: recorded.data,
    metadata: metadata as EventMetadata,
    recordedAt,
    hash,
    previousHash,
  });
};

/** Decodes a raw event's data through the codec; `CorruptEvent` naming stream and revision when it fails. */
export const decodeRaw = <A>(codec: EventCodec<A>, raw: RawEvent): E.Either<StoreError, StoredEvent<A>> => {
  const decoded = codec.decode(raw.data);
  return E.isLeft(decoded)
    ? E.left(corruptEvent(raw.streamId, raw.revision, raw.position, PathReporter.report(decoded).join('; ')))
    : E.right({ ...raw, data: decoded.right });
};
