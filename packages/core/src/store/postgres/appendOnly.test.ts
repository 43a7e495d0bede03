import { randomBytes, randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStreamChain } from '../hashChain.js';
import type { EventStore, NewEvent } from '../port.js';
import { migrate } from './migrate.js';
import { appendOnlyPrivileges, grantAppRole } from './privileges.js';
import { purgeLoginHistory } from './retention.js';
import { APPEND_ONLY_VIOLATION, CHAIN_VIOLATION, RETENTION_VIOLATION } from './schema.js';
import { createPostgresEventStore } from './store.js';
import { DATABASE_URL, dropSchema, insertRaw, randomSchema, suiteTitle } from './testSupport.js';

// These tests act as a careless operator with psql would: raw SQL as the superuser the tests connect as. What stops
// them is the database itself (triggers), not the library.

const Note = t.type({ text: t.string });
type Note = t.TypeOf<typeof Note>;

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left)}`);
  return r.right;
};

const note = (text: string, recordedAt?: string): NewEvent<Note> => ({
  eventId: randomUUID(),
  type: 'Noted',
  data: { text },
  ...(recordedAt === undefined ? {} : { recordedAt }),
});

const LONG_AGO = '2015-03-10T08:00:00.000+07:00';

describe.skipIf(DATABASE_URL === undefined)(
  suiteTitle('PostgreSQL append-only guards (Decree 69/2024/ND-CP Art. 17)'),
  () => {
    const schema = randomSchema('dd_append_only');
    const events = `"${schema}".events`;
    let pool: pg.Pool;
    let store: EventStore<Note>;
    let subject: string;
    let count: (streamId: string) => Promise<number>;

    beforeAll(async () => {
      pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
      right(await migrate(pool, { schema })());
      store = createPostgresEventStore({ pool, codec: Note, schema });
      subject = `subject-${randomUUID()}`;
      right(await store.append(subject, [note('requested'), note('granted')], 'no-stream')());
      // Identity events recorded long ago are no more deletable than today's.
      await insertRaw(pool, schema, subject, [note('old identity fact', LONG_AGO)]);
      count = async (streamId) => {
        const { rows } = await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${events} WHERE stream_id = $1`,
          [streamId],
        );
        return rows[0]?.n ?? 0;
      };
    });
    afterAll(async () => {
      await dropSchema(pool, schema);
      await pool.end();
    });

    describe('Art. 17(1): identity information is stored eternally', () => {
      it('refuses UPDATE of any event, even one that changes nothing or matches no row', async () => {
        await expect(
          pool.query(`UPDATE ${events} SET data = '{"text":"forged"}' WHERE stream_id = $1`, [subject]),
        ).rejects.toMatchObject({
          code: APPEND_ONLY_VIOLATION,
          message: expect.stringContaining('Art. 17(1)'),
        });
        await expect(pool.query(`UPDATE ${events} SET type = type WHERE false`)).rejects.toMatchObject({
          code: APPEND_ONLY_VIOLATION,
        });
        expect(right(await store.readStream(subject)())[0]?.data).toEqual({ text: 'requested' });
      });

      it('refuses DELETE of identity events, recent or old', async () => {
        await expect(
          pool.query(`DELETE FROM ${events} WHERE stream_id = $1 AND revision = 0`, [subject]),
        ).rejects.toMatchObject({
          code: APPEND_ONLY_VIOLATION,
          message: expect.stringContaining(subject),
        });
        await expect(
          pool.query(`DELETE FROM ${events} WHERE recorded_at < now() - interval '5 years'`),
        ).rejects.toMatchObject({
          code: APPEND_ONLY_VIOLATION,
        });
        expect(await count(subject)).toBe(3);
      });

      it('refuses TRUNCATE, with or without CASCADE', async () => {
        await expect(pool.query(`TRUNCATE ${events}`)).rejects.toMatchObject({ code: APPEND_ONLY_VIOLATION });
        await expect(pool.query(`TRUNCATE ${events} CASCADE`)).rejects.toMatchObject({ code: APPEND_ONLY_VIOLATION });
        expect(await count(subject)).toBe(3);
      });

      it('keeps refusing when a superuser sets session_replication_role = replica (the guards fire ALWAYS)', async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('SET LOCAL session_replication_role = replica');
          await expect(client.query(`DELETE FROM ${events} WHERE stream_id = $1`, [subject])).rejects.toMatchObject({
            code: APPEND_ONLY_VIOLATION,
          });
        } finally {
          await client.query('ROLLBACK');
          client.release();
        }
        expect(await count(subject)).toBe(3);
      });

      it('refuses a raw INSERT that does not continue its stream: a wrong previous hash, a revision gap', async () => {
        const base = (revision: number, previous: string) => [
          subject,
          revision,
          randomUUID(),
          'Noted',
          '{"text":"x"}',
          '{}',
          new Date().toISOString(),
          'a'.repeat(64),
          previous,
        ];
        const insert = `INSERT INTO ${events} (stream_id, revision, event_id, type, data, metadata, recorded_at, recorded_at_iso, hash, previous_hash)
          VALUES ($1, $2, $3, $4, $5, $6, $7::text::timestamptz, $7::text, $8, $9)`;
        await expect(pool.query(insert, base(3, 'b'.repeat(64)))).rejects.toMatchObject({ code: CHAIN_VIOLATION });
        const head = right(await store.readStream(subject, { direction: 'backward', maxCount: 1 })())[0];
        await expect(pool.query(insert, base(5, head?.hash ?? ''))).rejects.toMatchObject({ code: CHAIN_VIOLATION });
        expect(await count(subject)).toBe(3);
      });

      it('refuses a raw INSERT whose recorded instant is not the ISO-8601 text its hash was taken over', async () => {
        const stream = `subject-${randomUUID()}`;
        // What PostgreSQL prints for a timestamptz, as a writer that let the server format the instant would store.
        await expect(
          pool.query(
            `INSERT INTO ${events} (stream_id, revision, event_id, type, data, metadata, recorded_at, recorded_at_iso, hash, previous_hash)
             VALUES ($1, 0, $2, 'Noted', '{"text":"x"}', '{}', $3::timestamptz, $3::timestamptz::text, $4, $5)`,
            [stream, randomUUID(), LONG_AGO, 'a'.repeat(64), '0'.repeat(64)],
          ),
        ).rejects.toMatchObject({ code: '23514', constraint: 'events_recorded_at_iso_check' });
        expect(await count(stream)).toBe(0);
      });

      it('assigns positions itself, whatever position a raw INSERT asks for', async () => {
        const stream = `subject-${randomUUID()}`;
        await insertRaw(pool, schema, stream, [note('raw')]);
        const before = right(await store.readAll()());
        const last = before[before.length - 1]?.position ?? -1;
        const head = right(await store.readStream(stream)())[0];
        // Ask for position 0, which is taken: the trigger overrides it.
        await pool.query(
          `INSERT INTO ${events} (position, stream_id, revision, event_id, type, data, metadata, recorded_at, recorded_at_iso, hash, previous_hash)
           SELECT 0, stream_id, 1, $2, type, data, metadata, recorded_at, recorded_at_iso, $3, hash FROM ${events} WHERE stream_id = $1`,
          [stream, randomUUID(), 'c'.repeat(64)],
        );
        const after = right(await store.readStream(stream)());
        expect(after[1]?.previousHash).toBe(head?.hash);
        expect(after[1]?.position).toBeGreaterThan(last);
      });
    });

    describe('Art. 17(2): login history is kept at least five years', () => {
      const login = () => `login-${randomUUID()}`;

      it('refuses DELETE of a login event within five years', async () => {
        const s = login();
        right(await store.append(s, [note('login 1'), note('login 2')], 'no-stream')());
        await expect(
          pool.query(`DELETE FROM ${events} WHERE stream_id = $1 AND revision = 0`, [s]),
        ).rejects.toMatchObject({
          code: RETENTION_VIOLATION,
          message: expect.stringContaining('Art. 17(2)'),
        });
        await expect(pool.query(`UPDATE ${events} SET data = '{}' WHERE stream_id = $1`, [s])).rejects.toMatchObject({
          code: APPEND_ONLY_VIOLATION,
        });
        expect(await count(s)).toBe(2);
      });

      it("allows DELETE of login events older than five years, but never of a stream's last event", async () => {
        const s = login();
        await insertRaw(pool, schema, s, [note('a', LONG_AGO), note('b', LONG_AGO), note('c', LONG_AGO)]);
        expect((await pool.query(`DELETE FROM ${events} WHERE stream_id = $1 AND revision < 2`, [s])).rowCount).toBe(2);
        await expect(pool.query(`DELETE FROM ${events} WHERE stream_id = $1`, [s])).rejects.toMatchObject({
          code: RETENTION_VIOLATION,
          message: expect.stringContaining('last'),
        });
        expect(await count(s)).toBe(1);
        // The stream goes on from its last revision, and what is left of the chain verifies from its anchor.
        right(await store.append(s, [note('d')], { exact: 2 })());
        const left = right(await store.readStream(s)());
        expect(left.map((e) => e.revision)).toEqual([2, 3]);
        expect(verifyStreamChain(left)).toEqual(E.right(undefined));
      });

      it('counts the five years in whole days in Vietnam: the day of the login is not counted (Civil Code Arts. 147-148)', async () => {
        const { rows } = await pool.query<{ limit: string; before: string }>(
          `SELECT to_char(c AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS limit,
                  to_char((c - interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS before
             FROM (SELECT "${schema}".login_retention_cutoff() AS c) x`,
        );
        const { limit, before } = rows[0] as { limit: string; before: string };
        // The cut-off is a midnight in Vietnam (17:00 UTC the day before).
        expect(limit.slice(11)).toBe('17:00:00.000Z');
        const s = login();
        await insertRaw(pool, schema, s, [
          note('last moment of an expired day', before),
          note('first moment of a kept day', limit),
          note('now'),
        ]);
        expect((await pool.query(`DELETE FROM ${events} WHERE stream_id = $1 AND revision = 0`, [s])).rowCount).toBe(1);
        await expect(
          pool.query(`DELETE FROM ${events} WHERE stream_id = $1 AND revision = 1`, [s]),
        ).rejects.toMatchObject({
          code: RETENTION_VIOLATION,
        });
      });

      it('purgeLoginHistory refuses a cut-off younger than five years and deletes nothing', async () => {
        const s = login();
        await insertRaw(pool, schema, s, [note('a', LONG_AGO), note('b')]);
        const oneYearAgo = new Date(Date.now() - 366 * 24 * 3600 * 1000);
        const refused = await purgeLoginHistory(pool, { schema, olderThan: oneYearAgo })();
        expect(refused).toMatchObject(
          E.left({ _tag: 'RetentionRefused', reason: expect.stringContaining('Art. 17(2)') }),
        );
        expect(await purgeLoginHistory(pool, { schema, olderThan: 'not a date' })()).toMatchObject(
          E.left({ _tag: 'RetentionRefused' }),
        );
        expect(await count(s)).toBe(2);
      });

      it("purgeLoginHistory deletes old login events only: never identity events, never a login stream's last event", async () => {
        const [kept, emptied] = [login(), login()];
        await insertRaw(pool, schema, kept, [note('a', LONG_AGO), note('b', LONG_AGO), note('recent')]);
        await insertRaw(pool, schema, emptied, [note('a', LONG_AGO), note('b', LONG_AGO)]);
        const identityBefore = await count(subject);
        const purged = right(await purgeLoginHistory(pool, { schema })());
        expect(purged.deleted).toBeGreaterThanOrEqual(3);
        expect(right(await store.readStream(kept)()).map((e) => e.revision)).toEqual([2]);
        expect(right(await store.readStream(emptied)()).map((e) => e.revision)).toEqual([1]);
        expect(await count(subject)).toBe(identityBefore);
        expect(right(await purgeLoginHistory(pool, { schema, olderThan: '2016-01-01T00:00:00Z' })()).deleted).toBe(0);
      });
    });

    describe('the application role: INSERT and SELECT only', () => {
      const role = `dd_app_${randomBytes(6).toString('hex')}`;
      let appPool: pg.Pool;
      beforeAll(async () => {
        await pool.query(`CREATE ROLE "${role}" NOLOGIN`);
        right(await grantAppRole(pool, role, { schema })());
        // The tests log in as a superuser; `-c role=` makes every statement of these connections run as the role.
        appPool = new pg.Pool({ connectionString: DATABASE_URL, max: 3, options: `-c role=${role}` });
      });
      afterAll(async () => {
        await appPool.end();
        await pool.query(`DROP OWNED BY "${role}"`);
        await pool.query(`DROP ROLE "${role}"`);
      });

      it('lists grants of SELECT and INSERT and nothing wider', () => {
        const sql = appendOnlyPrivileges(role, { schema }).join(';\n');
        expect(sql).toContain(`GRANT SELECT, INSERT ON TABLE "${schema}".events TO "${role}"`);
        expect(sql).not.toMatch(/GRANT[^;]*(UPDATE|DELETE|TRUNCATE|TRIGGER)/);
        expect(() => appendOnlyPrivileges('')).toThrow(TypeError);
      });

      it('appends, reads and subscribes as the role; UPDATE, DELETE, TRUNCATE and purging are denied to it', async () => {
        const app = createPostgresEventStore({ pool: appPool, codec: Note, schema });
        const s = `subject-${randomUUID()}`;
        right(await app.append(s, [note('as the app')], 'no-stream')());
        expect(right(await app.readStream(s)())).toHaveLength(1);
        const received: string[] = [];
        const subscription = right(await app.subscribe('end', (e) => void received.push(e.eventId))());
        await subscription.caughtUp;
        const next = note('live');
        right(await app.append(s, [next], { exact: 0 })());
        await expect.poll(() => received).toEqual([next.eventId]);
        await subscription.stop();
        for (const sql of [
          `UPDATE ${events} SET type = 'x' WHERE stream_id = '${s}'`,
          `DELETE FROM ${events} WHERE stream_id = '${s}'`,
          `TRUNCATE ${events}`,
          `ALTER TABLE ${events} DISABLE TRIGGER events_guard_delete`,
        ]) {
          await expect(appPool.query(sql)).rejects.toMatchObject({ code: expect.stringMatching(/^42501$/) });
        }
        expect(await purgeLoginHistory(appPool, { schema })()).toMatchObject(E.left({ _tag: 'StoreUnavailable' }));
      });

      it('purges through the purge function once given it, with no DELETE privilege', async () => {
        right(await grantAppRole(pool, role, { schema, purge: true })());
        expect(await purgeLoginHistory(appPool, { schema })()).toMatchObject(E.right({ deleted: expect.any(Number) }));
        await expect(appPool.query(`DELETE FROM ${events} WHERE false`)).rejects.toMatchObject({ code: '42501' });
      });
    });
  },
);
