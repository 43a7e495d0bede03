/**
 * The PostgreSQL scenarios: dinhdanh's PostgreSQL store on the server at DATABASE_URL, appending the log's first
 * events one at a time (as a command handler does) and reading them all back in pages. Skipped, with the reason,
 * when DATABASE_URL is unset or the server does not answer. Each run uses a schema of its own and drops it.
 */
import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { type LogEvent, LogEventCodec } from '@dinhdanh/core';
import { createPostgresEventStore, migrate } from '@dinhdanh/core/postgres';
import { type Deadline, type Prepared, type Outcome, timedOut } from './contender.js';

/** The outcome of both scenarios, or why they were skipped. */
export type PostgresRun = { readonly skipped: string } | { readonly append: Outcome; readonly readAll: Outcome };

/** Runs the PostgreSQL scenarios on at most `maxEvents` of the log, each stopped at its deadline. */
export const runPostgres = async (p: Prepared, maxEvents: number, deadline: () => Deadline): Promise<PostgresRun> => {
  const url = process.env['DATABASE_URL'];
  if (url === undefined || url === '') return { skipped: 'DATABASE_URL is not set' };
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 3000 });
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end();
    return { skipped: `PostgreSQL at DATABASE_URL does not answer (${(e as Error).message})` };
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  try {
    const migrated = await migrate(pool, { schema })();
    if (E.isLeft(migrated)) throw new Error(`migrate: ${JSON.stringify(migrated.left)}`);
    const store = createPostgresEventStore<LogEvent>({ pool, codec: LogEventCodec, schema });
    const events = p.workload.events;
    const n = Math.min(maxEvents, events.length);
    let d = deadline();
    let start = performance.now();
    let appended = 0;
    let note: string | undefined = n < events.length ? `the first ${n} of ${events.length} events` : undefined;
    for (let i = 0; i < n; i++) {
      const e = events[i]!;
      const r = await store.append(
        e.streamId,
        [{ eventId: e.eventId, type: e.data.type, data: e.data, recordedAt: e.recordedAt }],
        e.revision === 0 ? 'no-stream' : { exact: e.revision - 1 },
      )();
      if (E.isLeft(r)) throw new Error(`append: ${JSON.stringify(r.left)}`);
      appended++;
      if ((i & 127) === 0 && performance.now() > d.at) {
        note = timedOut(d, appended, n, 'events');
        break;
      }
    }
    const append: Outcome = {
      events: appended,
      seconds: (performance.now() - start) / 1000,
      ...(note === undefined ? {} : { note }),
    };
    d = deadline();
    start = performance.now();
    let read = 0;
    let from = 0;
    for (;;) {
      const page = await store.readAll({ fromPosition: from, maxCount: 5000 })();
      if (E.isLeft(page)) throw new Error(`readAll: ${JSON.stringify(page.left)}`);
      const last = page.right[page.right.length - 1];
      if (last === undefined) break;
      read += page.right.length;
      from = last.position + 1;
      if (performance.now() > d.at) break;
    }
    return { append, readAll: { events: read, seconds: (performance.now() - start) / 1000 } };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await pool.end();
  }
};
