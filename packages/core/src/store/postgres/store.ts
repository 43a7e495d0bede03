import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Pool } from 'pg';
import { invalidArgument, storeUnavailable, wrongExpectedRevision, type StoreError } from '../errors.js';
import { eventHash, GENESIS_HASH } from '../hashChain.js';
import type {
  AppendResult,
  CurrentRevision,
  EventCodec,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
} from '../port.js';
import { createListener } from './listener.js';
import { sqlState, toStoreError } from './pgErrors.js';
import { decodeRows, EVENT_COLUMNS, toSafeNumber, type EventRow } from './rows.js';
import { CHAIN_VIOLATION, MAX_SAFE, schemaNames, STREAM_REVISION_CONSTRAINT } from './schema.js';
import { subscribe } from './subscription.js';
import {
  checkEvents,
  checkExpected,
  checkReadAll,
  checkReadStream,
  checkStreamId,
  checkSubscribeFrom,
} from './validation.js';

/** Options of {@link createPostgresEventStore}. */
export interface PostgresEventStoreOptions<E> {
  /** The caller's pool. The store never ends it; subscriptions hold one of its connections while any runs. */
  readonly pool: Pool;
  /** Encodes data for storage and hashing, decodes every event read. */
  readonly codec: EventCodec<E>;
  /** The schema {@link migrate} created. Default `'dinhdanh'`. */
  readonly schema?: string;
  /** The ISO-8601 instant stamped on events appended without `recordedAt`. Default: the system clock. */
  readonly clock?: () => string;
  /**
   * How many of a stream's latest events an `'any'` or `'stream-exists'` append searches for its first event id, to
   * recognise a retried batch. Default 100 (as the in-memory store); `Infinity` searches the whole stream.
   */
  readonly idempotencyWindow?: number;
  /**
   * Milliseconds between a subscription's safety-net reads when no notification arrives (a notification lost with
   * a dropped connection is then noticed this late). Default 5000.
   */
  readonly pollInterval?: number;
  /** Events a subscription reads per query. Default 500. */
  readonly pageSize?: number;
}

interface Head {
  readonly revision: number;
  readonly hash: string;
}

const EMPTY_METADATA: EventMetadata = Object.freeze({});

// A concurrent writer can make an 'any' append lose the race for a revision; each loss means another append
// succeeded, so this bound is only reached by a store under pathological contention on one stream.
const MAX_ATTEMPTS = 50;

/** Whether an INSERT failed because another writer took the revision first (so deciding again may succeed). */
const lostRace = (e: unknown): boolean => {
  const code = sqlState(e);
  return (
    (code === '23505' && (e as { constraint?: unknown }).constraint === STREAM_REVISION_CONSTRAINT) ||
    code === '40001' ||
    // The predecessor vanished between reading the head and inserting: a login purge, racing a new head.
    code === CHAIN_VIOLATION
  );
};

/**
 * The PostgreSQL event store: the {@link EventStore} port over the schema {@link migrate} creates.
 *
 * - Every event is hash-chained in its stream (`hash`, `previousHash`, computed with `eventHash` and checked for
 *   linkage by the database on insert).
 * - An append is one INSERT statement, its own transaction. Positions are assigned by a trigger under a
 *   transaction-scoped advisory lock held until commit, so they are committed in order and a reader never sees a
 *   later position before an earlier one (see docs/postgresql.md for the design and its cost).
 * - The expected revision is checked against the stream's head first; the unique (stream_id, revision) constraint
 *   settles races, the loser deciding again (a conflict, an idempotent success, or for `'any'` another attempt).
 * - Events are decoded through the codec on every read; a row that fails gives `CorruptEvent` naming stream and
 *   revision.
 * - Subscriptions read pages from their checkpoint and wait on LISTEN/NOTIFY between reads, with a slow poll as a
 *   safety net.
 *
 * @throws TypeError when `schema` is not a lower-case identifier of at most 56 characters.
 */
export const createPostgresEventStore = <E>(options: PostgresEventStoreOptions<E>): EventStore<E> => {
  const { pool, codec } = options;
  const names = schemaNames(options.schema);
  const clock = options.clock ?? (() => new Date().toISOString());
  const window = options.idempotencyWindow ?? 100;
  const pollInterval = options.pollInterval ?? 5000;
  const pageSize = options.pageSize ?? 500;
  if (!(window === Infinity || (Number.isSafeInteger(window) && window >= 0))) {
    throw new TypeError(`idempotencyWindow ${String(window)} is not a count`);
  }
  if (!(Number.isSafeInteger(pageSize) && pageSize > 0)) throw new TypeError(`pageSize ${pageSize} is not positive`);
  const table = names.events;
  const listener = createListener(pool, names.channel);

  const rowsOf = async (sql: string, params: ReadonlyArray<unknown>): Promise<EventRow[]> =>
    (await pool.query<EventRow>(sql, [...params])).rows;

  const readHead = async (streamId: string): Promise<Head | undefined> => {
    const { rows } = await pool.query<{ revision: string; hash: string }>(
      `SELECT revision::text AS revision, hash FROM ${table} e WHERE stream_id = $1 ORDER BY e.revision DESC LIMIT 1`,
      [streamId],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return { revision: Number(row.revision), hash: row.hash };
  };

  /** The stream's revisions `from..from+n-1`: their event ids and positions, in order (fewer when missing). */
  const recordedAt = async (
    streamId: string,
    from: number,
    n: number,
  ): Promise<Array<{ eventId: string; position: number }>> => {
    const { rows } = await pool.query<{ event_id: string; position: string }>(
      `SELECT event_id, position::text AS position FROM ${table} e
        WHERE stream_id = $1 AND revision >= $2 AND revision < $3 ORDER BY e.revision`,
      [streamId, from, from + n],
    );
    return rows.map((r) => ({ eventId: r.event_id, position: Number(r.position) }));
  };

  /** The revision of the latest event among the stream's last `window` events whose id is `eventId`, or -1. */
  const findRecent = async (streamId: string, eventId: string, last: number): Promise<number> => {
    const { rows } = await pool.query<{ revision: string }>(
      `SELECT revision::text AS revision FROM ${table} e
        WHERE stream_id = $1 AND event_id = $2 AND revision > $3 ORDER BY e.revision DESC LIMIT 1`,
      [streamId, eventId, window === Infinity ? -1 : last - window],
    );
    const row = rows[0];
    return row === undefined ? -1 : Number(row.revision);
  };

  const conflict = (streamId: string, expected: ExpectedRevision, count: number): E.Either<StoreError, never> =>
    E.left(wrongExpectedRevision(streamId, expected, count === 0 ? 'no-stream' : count - 1));

  /** The outcome of an append whose batch the stream may already hold from revision `from` on. */
  const retryAt = async (
    streamId: string,
    count: number,
    from: number,
    events: ReadonlyArray<NewEvent<E>>,
    expected: ExpectedRevision,
  ): Promise<E.Either<StoreError, AppendResult>> => {
    if (events.length === 0 || from + events.length > count) return conflict(streamId, expected, count);
    const there = await recordedAt(streamId, from, events.length);
    const matches = there.length === events.length && there.every((r, k) => r.eventId === events[k]?.eventId);
    if (!matches) return conflict(streamId, expected, count);
    const last = there[there.length - 1] as { position: number };
    return E.right({ nextExpectedRevision: from + events.length - 1, position: last.position });
  };

  /**
   * Decides, as the in-memory adapter does, whether the append goes ahead (`undefined`), is an idempotent retry, or
   * conflicts, given the stream's event count.
   */
  const decide = async (
    streamId: string,
    count: number,
    events: ReadonlyArray<NewEvent<E>>,
    expected: ExpectedRevision,
  ): Promise<E.Either<StoreError, AppendResult> | undefined> => {
    if (expected === 'any' || expected === 'stream-exists') {
      if (count === 0) return expected === 'any' ? undefined : conflict(streamId, expected, 0);
      const first = events[0];
      if (first === undefined) return undefined;
      const at = await findRecent(streamId, first.eventId, count - 1);
      return at < 0 ? undefined : retryAt(streamId, count, at, events, expected);
    }
    if (expected === 'no-stream') return count === 0 ? undefined : retryAt(streamId, count, 0, events, expected);
    if (expected.exact === count - 1) return undefined;
    return expected.exact < count - 1
      ? retryAt(streamId, count, expected.exact + 1, events, expected)
      : conflict(streamId, expected, count);
  };

  interface Prepared {
    readonly eventIds: string[];
    readonly types: string[];
    readonly data: string[];
    readonly metadata: string[];
    readonly recordedAt: string[];
    readonly hashes: string[];
    readonly previousHashes: string[];
  }

  /** Encodes and hashes the batch for revisions `count..`; everything that can fail does so before the INSERT. */
  const prepare = (
    streamId: string,
    count: number,
    previousHash: string,
    events: ReadonlyArray<NewEvent<E>>,
    stamp: () => string,
  ): E.Either<StoreError, Prepared> => {
    const p: Prepared = {
      eventIds: [],
      types: [],
      data: [],
      metadata: [],
      recordedAt: [],
      hashes: [],
      previousHashes: [],
    };
    let previous = previousHash;
    for (let k = 0; k < events.length; k++) {
      const e = events[k] as NewEvent<E>;
      const data = codec.encode(e.data);
      const metadata = e.metadata ?? EMPTY_METADATA;
      const at = e.recordedAt ?? stamp();
      const h = eventHash(
        { streamId, revision: count + k, eventId: e.eventId, type: e.type, data, metadata, recordedAt: at },
        previous,
      );
      if (E.isLeft(h)) {
        return E.left(
          invalidArgument('append', `stream ${streamId}, event ${k}: not JSON at ${h.left.path}: ${h.left.reason}`),
        );
      }
      // What has a canonical form stringifies to JSON that parses back to the same canonical form.
      p.eventIds.push(e.eventId);
      p.types.push(e.type);
      p.data.push(JSON.stringify(data));
      p.metadata.push(JSON.stringify(metadata));
      p.recordedAt.push(at);
      p.hashes.push(h.right);
      p.previousHashes.push(previous);
      previous = h.right;
    }
    return E.right(p);
  };

  const insertSql = `
    WITH inserted AS (
      INSERT INTO ${table}
        (stream_id, revision, event_id, type, data, metadata, recorded_at, recorded_at_iso, hash, previous_hash)
      SELECT $1, $2::bigint + u.ord - 1, u.event_id, u.type, u.data::json, u.metadata::json,
             u.recorded_at::timestamptz, u.recorded_at, u.hash, u.previous_hash
        FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
             WITH ORDINALITY AS u(event_id, type, data, metadata, recorded_at, hash, previous_hash, ord)
       ORDER BY u.ord
      RETURNING position)
    SELECT max(position)::text AS position FROM inserted`;

  const append =
    (
      streamId: string,
      events: ReadonlyArray<NewEvent<E>>,
      expected: ExpectedRevision,
    ): TE.TaskEither<StoreError, AppendResult> =>
    async () => {
      const bad = checkStreamId('append', streamId) ?? checkEvents(streamId, events) ?? checkExpected(expected);
      if (bad !== undefined) return E.left(bad);
      let stamped: string | undefined;
      const stamp = (): string => (stamped ??= clock());
      try {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const head = await readHead(streamId);
          const count = head === undefined ? 0 : head.revision + 1;
          const decided = await decide(streamId, count, events, expected);
          if (decided !== undefined) return decided;
          if (events.length === 0) {
            return E.right({ nextExpectedRevision: count === 0 ? 'no-stream' : count - 1, position: null });
          }
          const prepared = prepare(streamId, count, head?.hash ?? GENESIS_HASH, events, stamp);
          if (E.isLeft(prepared)) return prepared;
          const p = prepared.right;
          try {
            const { rows } = await pool.query<{ position: string }>(insertSql, [
              streamId,
              count,
              p.eventIds,
              p.types,
              p.data,
              p.metadata,
              p.recordedAt,
              p.hashes,
              p.previousHashes,
            ]);
            const position = toSafeNumber(rows[0]?.position ?? '');
            if (position === undefined) return E.left(storeUnavailable('the insert returned no position'));
            return E.right({ nextExpectedRevision: count + events.length - 1, position });
          } catch (e) {
            if (!lostRace(e)) throw e;
          }
        }
        return E.left(storeUnavailable(`stream ${streamId}: gave up after ${MAX_ATTEMPTS} concurrent appends won`));
      } catch (e) {
        return E.left(toStoreError('append', names.schema)(e));
      }
    };

  const readStream =
    (streamId: string, options: ReadStreamOptions = {}): TE.TaskEither<StoreError, ReadonlyArray<StoredEvent<E>>> =>
    async () => {
      const bad = checkStreamId('readStream', streamId) ?? checkReadStream(options);
      if (bad !== undefined) return E.left(bad);
      const { direction = 'forward', fromRevision, maxCount = Infinity } = options;
      if (maxCount === 0) return E.right([]);
      const limit = maxCount === Infinity ? null : maxCount;
      try {
        const rows =
          direction === 'forward'
            ? await rowsOf(
                `SELECT ${EVENT_COLUMNS} FROM ${table} e
                  WHERE stream_id = $1 AND revision >= $2 ORDER BY e.revision LIMIT $3`,
                [streamId, fromRevision ?? 0, limit],
              )
            : await rowsOf(
                `SELECT ${EVENT_COLUMNS} FROM ${table} e
                  WHERE stream_id = $1 AND revision <= $2 ORDER BY e.revision DESC LIMIT $3`,
                [streamId, fromRevision ?? MAX_SAFE, limit],
              );
        return decodeRows(codec, rows);
      } catch (e) {
        return E.left(toStoreError('readStream', names.schema)(e));
      }
    };

  const readAfter = async (after: number, limit: number | null): Promise<E.Either<StoreError, StoredEvent<E>[]>> => {
    try {
      const rows = await rowsOf(
        `SELECT ${EVENT_COLUMNS} FROM ${table} e WHERE position > $1 ORDER BY e.position LIMIT $2`,
        [after, limit],
      );
      return decodeRows(codec, rows);
    } catch (e) {
      return E.left(toStoreError('readAll', names.schema)(e));
    }
  };

  const readAll =
    (options: ReadAllOptions = {}): TE.TaskEither<StoreError, ReadonlyArray<StoredEvent<E>>> =>
    async () => {
      const bad = checkReadAll(options);
      if (bad !== undefined) return E.left(bad);
      const { fromPosition = 0, maxCount = Infinity } = options;
      if (maxCount === 0) return E.right([]);
      return readAfter(fromPosition - 1, maxCount === Infinity ? null : maxCount);
    };

  const lastPosition = async (): Promise<E.Either<StoreError, number>> => {
    try {
      const { rows } = await pool.query<{ position: string | null }>(
        `SELECT max(position)::text AS position FROM ${table}`,
      );
      const text = rows[0]?.position ?? null;
      return E.right(text === null ? -1 : Number(text));
    } catch (e) {
      return E.left(toStoreError('subscribe', names.schema)(e));
    }
  };

  const streamRevision =
    (streamId: string): TE.TaskEither<StoreError, CurrentRevision> =>
    async () => {
      const bad = checkStreamId('streamRevision', streamId);
      if (bad !== undefined) return E.left(bad);
      try {
        const { rows } = await pool.query<{ revision: string | null }>(
          `SELECT max(revision)::text AS revision FROM ${table} WHERE stream_id = $1`,
          [streamId],
        );
        const text = rows[0]?.revision ?? null;
        return E.right(text === null ? 'no-stream' : Number(text));
      } catch (e) {
        return E.left(toStoreError('streamRevision', names.schema)(e));
      }
    };

  return {
    append,
    readStream,
    readAll,
    streamRevision,
    subscribe: (from, handler) => async () => {
      const bad = checkSubscribeFrom(from);
      if (bad !== undefined) return E.left(bad);
      return subscribe({
        from,
        handler,
        listener,
        lastPosition,
        readAfter: (after) => readAfter(after, pageSize),
        pageSize,
        pollInterval,
      });
    },
  };
};
