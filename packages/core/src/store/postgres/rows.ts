import * as E from 'fp-ts/lib/Either.js';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import { corruptEvent, storeUnavailable, type StoreError } from '../errors.js';
import type { EventCodec, EventMetadata, StoredEvent } from '../port.js';

/**
 * A row of `events` as the adapter selects it: every non-text column cast to text in SQL, so that decoding does not
 * depend on the type parsers configured on the caller's `pg` (int8 as string or BigInt, json parsed or not).
 */
export interface EventRow {
  readonly position: string;
  readonly stream_id: string;
  readonly revision: string;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at_iso: string;
  readonly hash: string;
  readonly previous_hash: string;
}

/** The select list that produces an {@link EventRow}. */
export const EVENT_COLUMNS =
  'position::text AS position, stream_id, revision::text AS revision, event_id, type, data::text AS data, ' +
  'metadata::text AS metadata, recorded_at_iso, hash, previous_hash';

/**
 * A bigint column as a JavaScript number, or `undefined` beyond 2^53 - 1 (the schema's CHECK and sequence bound make
 * that impossible unless someone altered them).
 */
export const toSafeNumber = (text: string): number | undefined => {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
};

const parseJson = (text: string): E.Either<string, unknown> => {
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch (e) {
    return E.left(e instanceof Error ? e.message : String(e));
  }
};

/** Turns rows into stored events, decoding data through the codec; the first row that fails stops the read. */
export const decodeRows = <E>(
  codec: EventCodec<E>,
  rows: ReadonlyArray<EventRow>,
): E.Either<StoreError, StoredEvent<E>[]> => {
  const out: StoredEvent<E>[] = [];
  for (const row of rows) {
    const position = toSafeNumber(row.position);
    const revision = toSafeNumber(row.revision);
    if (position === undefined || revision === undefined) {
      return E.left(
        storeUnavailable(
          `stream ${row.stream_id}: revision ${row.revision} at position ${row.position} exceeds 2^53 - 1`,
        ),
      );
    }
    const corrupt = (reason: string): E.Either<StoreError, never> =>
      E.left(corruptEvent(row.stream_id, revision, position, reason));
    const raw = parseJson(row.data);
    if (E.isLeft(raw)) return corrupt(`data is not JSON: ${raw.left}`);
    const decoded = codec.decode(raw.right);
    if (E.isLeft(decoded)) return corrupt(PathReporter.report(decoded).join('; '));
    const metadata = parseJson(row.metadata);
    if (E.isLeft(metadata)) return corrupt(`metadata is not JSON: ${metadata.left}`);
    const m = metadata.right;
    if (typeof m !== 'object' || m === null || Array.isArray(m)) return corrupt('metadata is not a JSON object');
    out.push({
      streamId: row.stream_id,
      revision,
      position,
      eventId: row.event_id,
      type: row.type,
      data: decoded.right,
      metadata: m as EventMetadata,
      recordedAt: row.recorded_at_iso,
      hash: row.hash,
      previousHash: row.previous_hash,
    });
  }
  return E.right(out);
};
