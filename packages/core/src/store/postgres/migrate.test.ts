import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { APPEND_ONLY_VIOLATION } from './schema.js';
import { createPostgresEventStore } from './store.js';
import { DATABASE_URL, dropSchema, randomSchema, suiteTitle } from './testSupport.js';

const Note = t.type({ text: t.string });

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left)}`);
  return r.right;
};

describe.skipIf(DATABASE_URL === undefined)(suiteTitle('PostgreSQL migration'), () => {
  let pool: pg.Pool;
  const schemas: string[] = [];
  const fresh = (): string => {
    const schema = randomSchema('dd_migrate');
    schemas.push(schema);
    return schema;
  };
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
  });
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool.end();
  });

  it('is idempotent and safe to run from several processes at once, keeping every recorded event', async () => {
    const schema = fresh();
    const results = await Promise.all([1, 2, 3].map(() => migrate(pool, { schema })()));
    expect(results).toEqual([E.right(undefined), E.right(undefined), E.right(undefined)]);
    const store = createPostgresEventStore({ pool, codec: Note, schema });
    const s = `subject-${randomUUID()}`;
    right(await store.append(s, [{ eventId: randomUUID(), type: 'Noted', data: { text: 'kept' } }], 'no-stream')());
    const before = right(await store.readAll()());
    right(await migrate(pool, { schema })());
    expect(right(await store.readAll()())).toEqual(before);
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`,
      [`"${schema}".events`],
    );
    expect(rows[0]?.n).toBe(6);
  });

  it('re-enables a guard trigger that was disabled, and adds a check an older table lacks', async () => {
    const schema = fresh();
    const events = `"${schema}".events`;
    right(await migrate(pool, { schema })());
    await pool.query(`ALTER TABLE ${events} DISABLE TRIGGER events_refuse_truncate`);
    await pool.query(`ALTER TABLE ${events} DROP CONSTRAINT events_recorded_at_iso_check`);
    right(await migrate(pool, { schema })());
    await expect(pool.query(`TRUNCATE ${events}`)).rejects.toMatchObject({ code: APPEND_ONLY_VIOLATION });
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = $1::regclass AND conname = 'events_recorded_at_iso_check'`,
      [events],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('tells the caller to migrate when the schema is missing', async () => {
    const schema = fresh();
    const store = createPostgresEventStore({ pool, codec: Note, schema });
    const read = await store.readStream('subject-1')();
    expect(read).toMatchObject(E.left({ _tag: 'StoreUnavailable', reason: expect.stringContaining('run migrate') }));
  });

  it('refuses a schema name that is not a plain lower-case identifier', () => {
    expect(() => migrate(pool, { schema: 'Robert"); DROP TABLE x; --' })).toThrow(TypeError);
  });
});
