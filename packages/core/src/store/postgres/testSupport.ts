import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { Pool, QueryResult, QueryResultRow } from 'pg';
import { eventHash, GENESIS_HASH } from '../hashChain.js';
import type { NewEvent } from '../port.js';
import { quoteIdent } from './schema.js';

/**
 * Helpers for this folder's tests (not exported from the package): the database they run against, a private schema
 * per test file, and raw inserts standing for a foreign writer.
 */

/** The database the tests use; they are skipped, saying why, when it is unset. */
export const DATABASE_URL: string | undefined = process.env['DATABASE_URL'] || undefined;

/** The title of a suite skipped for want of a database. */
export const SKIPPED = 'skipped: DATABASE_URL is not set (start PostgreSQL and set it, see docs/postgresql.md)';

/** The suite title: the title given, or the reason the suite is skipped. Warns once per process when skipping. */
export const suiteTitle = (title: string): string => {
  if (DATABASE_URL !== undefined) return title;
  const g = globalThis as { __dinhdanhPostgresWarned?: boolean };
  if (g.__dinhdanhPostgresWarned !== true) {
    g.__dinhdanhPostgresWarned = true;
    console.warn(`PostgreSQL tests ${SKIPPED}`);
  }
  return `${title}: ${SKIPPED}`;
};

/** A fresh schema name, so that test files and runs do not see each other's events. */
export const randomSchema = (prefix: string): string => `${prefix}_${randomBytes(6).toString('hex')}`;

/** Drops a test schema and everything in it (DROP is not TRUNCATE: no trigger stops it, see docs/postgresql.md). */
export const dropSchema = async (pool: Pool, schema: string): Promise<void> => {
  await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
};

/** A pool or a single client (to insert inside a transaction the test holds open). */
export interface Queryable {
  readonly query: <R extends QueryResultRow>(text: string, values?: unknown[]) => Promise<QueryResult<R>>;
}

/**
 * Inserts events with plain SQL, as a foreign writer or an operator would: no codec, no expected-revision check,
 * `recorded_at` as given. The rows still carry a correct hash chain, which the database's insert trigger demands.
 */
export const insertRaw = async (
  pool: Queryable,
  schema: string,
  streamId: string,
  events: ReadonlyArray<NewEvent<unknown>>,
): Promise<void> => {
  const table = `${quoteIdent(schema)}.events`;
  const { rows } = await pool.query<{ revision: string; hash: string }>(
    `SELECT revision::text AS revision, hash FROM ${table} e WHERE stream_id = $1 ORDER BY e.revision DESC LIMIT 1`,
    [streamId],
  );
  let revision = rows[0] === undefined ? 0 : Number(rows[0].revision) + 1;
  let previous = rows[0]?.hash ?? GENESIS_HASH;
  for (const e of events) {
    const recordedAt = e.recordedAt ?? new Date().toISOString();
    const metadata = e.metadata ?? {};
    const hash = eventHash(
      { streamId, revision, eventId: e.eventId, type: e.type, data: e.data, metadata, recordedAt },
      previous,
    );
    if (E.isLeft(hash)) throw new Error(`not JSON: ${hash.left.reason}`);
    await pool.query(
      `INSERT INTO ${table}
         (stream_id, revision, event_id, type, data, metadata, recorded_at, recorded_at_iso, hash, previous_hash)
       VALUES ($1, $2, $3, $4, $5::json, $6::json, $7::text::timestamptz, $7::text, $8, $9)`,
      [
        streamId,
        revision,
        e.eventId,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(metadata),
        recordedAt,
        hash.right,
        previous,
      ],
    );
    previous = hash.right;
    revision++;
  }
};
