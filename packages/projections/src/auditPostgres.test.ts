import { randomBytes } from 'node:crypto';
import { LogEventCodec, createInMemoryEventStore } from '@dinhdanh/core';
import { createPostgresEventStore, migrate } from '@dinhdanh/core/postgres';
import { VIOLATION_KIND_IDS, simulate } from '@dinhdanh/core/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { auditStore, toJson } from './index.js';

// The issue asks that the audit runs on PostgreSQL as on the in-memory store: the same simulated history, written
// through the real handler into each, gives byte-identical reports.
const DATABASE_URL = process.env['DATABASE_URL'] || undefined;
const SKIPPED = 'skipped: DATABASE_URL is not set (start PostgreSQL and set it, see docs/postgresql.md)';
if (DATABASE_URL === undefined) console.warn(`audit on PostgreSQL ${SKIPPED}`);

// A blank written reason cannot even be stored in PostgreSQL: its codec refuses it on read, as it should. Those two
// kinds are audited from files and the in-memory store (see audit/examples.test.ts).
const STORABLE = VIOLATION_KIND_IDS.filter(
  (k) => k !== 'refusal-without-reason' && k !== 'agency-refusal-without-reason',
);

describe.skipIf(DATABASE_URL === undefined)('the audit on PostgreSQL', () => {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
  const schema = `audit_${randomBytes(6).toString('hex')}`;
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('reports what it reports on the in-memory store, byte for byte', async () => {
    const migrated = await migrate(pool, { schema })();
    expect(migrated._tag).toBe('Right');
    const options = {
      seed: 77,
      subjects: 150,
      from: '2025-01-01T00:00:00+07:00',
      to: '2025-12-31T23:59:59+07:00',
      violations: Object.fromEntries(STORABLE.map((k) => [k, 0.01])),
    };
    const onPg = await simulate({
      ...options,
      store: createPostgresEventStore({ pool, codec: LogEventCodec, schema }),
    });
    const inMemory = await simulate({
      ...options,
      store: createInMemoryEventStore({ codec: LogEventCodec, hashChain: true }),
    });
    expect(onPg.injected.length).toBeGreaterThan(0);
    expect(onPg.injected).toEqual(inMemory.injected);

    const asOf = '2026-01-01T00:00:00+07:00';
    const [a, b] = await Promise.all([auditStore(onPg.store, { asOf })(), auditStore(inMemory.store, { asOf })()]);
    if (a._tag === 'Left' || b._tag === 'Left') throw new Error(JSON.stringify([a, b]));
    expect(a.right.events).toBe(inMemory.summary.events);
    for (const v of onPg.injected) expect(a.right.countsByCheck[v.expectedCheck], v.kind).toBeGreaterThan(0);
    expect(toJson(a.right)).toBe(toJson(b.right));
  }, 120_000);
});
