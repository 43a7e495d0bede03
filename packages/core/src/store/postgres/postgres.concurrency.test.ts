import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectedRevisionOf, type EventStore, type NewEvent, type StoredEvent, type Subscription } from '../port.js';
import { migrate } from './migrate.js';
import { schemaNames } from './schema.js';
import { createPostgresEventStore } from './store.js';
import { DATABASE_URL, dropSchema, insertRaw, randomSchema, suiteTitle } from './testSupport.js';

const Tick = t.type({ n: t.number });
type Tick = t.TypeOf<typeof Tick>;

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left)}`);
  return r.right;
};

const tick = (n: number): NewEvent<Tick> => ({ eventId: randomUUID(), type: 'Tick', data: { n } });

const ids = (events: ReadonlyArray<{ readonly eventId: string }>): string[] => events.map((e) => e.eventId);

const collect = async (store: EventStore<Tick>, slow: boolean) => {
  const received: StoredEvent<Tick>[] = [];
  const subscription: Subscription = right(
    await store.subscribe('start', async (e) => {
      received.push(e);
      // A subscriber slower than the writers, so that it is still catching up while they append.
      if (slow && received.length % 17 === 0) await new Promise((resolve) => setImmediate(resolve));
    })(),
  );
  return { received, subscription };
};

describe.skipIf(DATABASE_URL === undefined)(suiteTitle('PostgreSQL event store under concurrency'), () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
  });
  afterAll(async () => {
    await pool.end();
  });

  const freshStore = async (pollInterval?: number) => {
    const schema = randomSchema('dd_concurrency');
    right(await migrate(pool, { schema })());
    const store = createPostgresEventStore({
      pool,
      codec: Tick,
      schema,
      ...(pollInterval === undefined ? {} : { pollInterval }),
    });
    return { schema, store };
  };

  /**
   * Runs `race` while another transaction holds the schema's position lock, and lets it go once `waiting` INSERTs
   * queue behind it: every writer has then read the stream's head and none has written, whatever the timing.
   */
  const withPositionsHeld = async <A>(schema: string, waiting: number, race: () => Promise<A>): Promise<A> => {
    const [namespace, key] = schemaNames(schema).positionLock;
    const holder = await pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1, $2)', [namespace, key]);
      const raced = race();
      await vi.waitFor(
        async () => {
          const { rows } = await pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks
              WHERE locktype = 'advisory' AND NOT granted AND classid = $1::int4::oid AND objid = $2::int4::oid`,
            [namespace, key],
          );
          expect(rows[0]?.n).toBe(waiting);
        },
        { timeout: 5_000 },
      );
      await holder.query('COMMIT');
      return await raced;
    } finally {
      holder.release();
    }
  };

  it('of writers that all read the same revision, exactly one appends; every other gets a typed conflict', async () => {
    const { schema, store } = await freshStore();
    const s = `subject-${randomUUID()}`;
    right(await store.append(s, [tick(0), tick(1), tick(2), tick(3)], 'no-stream')());
    const read = right(await store.streamRevision(s)());
    const writers = [100, 200, 300, 400];
    const results = await withPositionsHeld(schema, writers.length, () =>
      Promise.all(writers.map((n) => store.append(s, [tick(n)], expectedRevisionOf(read))())),
    );
    expect(results.filter(E.isRight)).toEqual([E.right({ nextExpectedRevision: 4, position: expect.any(Number) })]);
    expect(results.filter(E.isLeft)).toEqual(
      Array.from({ length: writers.length - 1 }, () =>
        E.left({ _tag: 'WrongExpectedRevision', streamId: s, expected: { exact: 3 }, actual: 4 }),
      ),
    );
    const events = right(await store.readStream(s)());
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(writers).toContain(events[4]?.data.n);
    await dropSchema(pool, schema);
  });

  it("of writers that all create the same stream, exactly one does; a retry of the winner's batch succeeds again", async () => {
    const { schema, store } = await freshStore();
    const s = `subject-${randomUUID()}`;
    const batches = [[tick(1), tick(2)], [tick(3)], [tick(4)]];
    const results = await withPositionsHeld(schema, batches.length, () =>
      Promise.all(batches.map((batch) => store.append(s, batch, 'no-stream')())),
    );
    const won = results.findIndex(E.isRight);
    expect(results.filter(E.isRight)).toHaveLength(1);
    for (const r of results.filter(E.isLeft)) {
      expect(r.left).toMatchObject({ _tag: 'WrongExpectedRevision', expected: 'no-stream' });
    }
    const winner = batches[won] as NewEvent<Tick>[];
    expect(right(await store.append(s, winner, 'no-stream')())).toEqual(
      right(results[won] as E.Either<unknown, unknown>),
    );
    expect(ids(right(await store.readStream(s)()))).toEqual(ids(winner));
    await dropSchema(pool, schema);
  });

  it('parallel appends from several connections: every reader, polling or subscribed, sees every event once, in order', async () => {
    const { schema, store } = await freshStore();
    const subscribed = await collect(store, true);
    // A reader that polls from its checkpoint, as a projection would: if a later position ever became visible before
    // an earlier one that then committed, it would step over the earlier one for good.
    const polled: StoredEvent<Tick>[] = [];
    let writing = true;
    const poller = (async () => {
      let next = 0;
      for (;;) {
        const last = !writing;
        const page = right(await store.readAll({ fromPosition: next })());
        polled.push(...page);
        const end = page[page.length - 1];
        if (end !== undefined) next = end.position + 1;
        if (last) return;
      }
    })();

    const streams = Array.from({ length: 12 }, (_, k) => `subject-${k}-${randomUUID()}`);
    const shared = `login-${randomUUID()}`;
    const writer = async (streamId: string): Promise<void> => {
      for (let n = 0; n < 15; n++) {
        const batch = Array.from({ length: 1 + (n % 3) }, (_, k) => tick(n * 10 + k));
        right(await store.append(streamId, batch, n === 0 ? 'no-stream' : 'stream-exists')());
        // Writers also contend for one stream with 'any': losers of a revision race decide again.
        if (n % 5 === 0) right(await store.append(shared, [tick(n)], 'any')());
      }
    };
    await Promise.all(streams.map(writer));
    writing = false;
    await poller;

    const all = right(await store.readAll()());
    expect(all).toHaveLength(12 * (5 + 5 * 2 + 5 * 3) + 12 * 3);
    expect(all.every((e, i) => i === 0 || e.position > (all[i - 1] as StoredEvent<Tick>).position)).toBe(true);
    for (const s of [...streams, shared]) {
      const events = right(await store.readStream(s)());
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    }
    expect(ids(polled)).toEqual(ids(all));
    await subscribed.subscription.caughtUp;
    await vi.waitFor(() => expect(subscribed.received.length).toBeGreaterThanOrEqual(all.length), { timeout: 10_000 });
    await subscribed.subscription.stop();
    expect(ids(subscribed.received)).toEqual(ids(all));
    expect(await subscribed.subscription.closed).toEqual(E.right(undefined));
    await dropSchema(pool, schema);
  });

  it('a transaction holding an earlier position holds back every later append until it commits', async () => {
    const { schema, store } = await freshStore();
    const subscribed = await collect(store, false);
    await subscribed.subscription.caughtUp;
    const early = pool.connect();
    const client = await early;
    let appended: Promise<E.Either<unknown, unknown>> | undefined;
    try {
      await client.query('BEGIN');
      await insertRaw(client, schema, 'subject-early', [tick(1)]);
      // The early transaction has its position and the position lock; a later append must wait for both.
      appended = store.append('subject-late', [tick(2)], 'no-stream')();
      await vi.waitFor(async () => {
        const { rows } = await pool.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
        );
        expect(rows[0]?.waiting).toBeGreaterThan(0);
      });
      expect(right(await store.readAll()())).toEqual([]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    right(await appended);
    const all = right(await store.readAll()());
    expect(all.map((e) => e.streamId)).toEqual(['subject-early', 'subject-late']);
    expect((all[1] as StoredEvent<Tick>).position).toBeGreaterThan((all[0] as StoredEvent<Tick>).position);
    await vi.waitFor(() => expect(subscribed.received).toHaveLength(2));
    expect(ids(subscribed.received)).toEqual(ids(all));
    await subscribed.subscription.stop();
    await dropSchema(pool, schema);
  });

  it('a subscription survives the loss of its LISTEN connection, and stop gives the connection back', async () => {
    const { schema, store } = await freshStore(50);
    const listening = async (): Promise<number> => {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1`,
        [`LISTEN "${schema}_events"`],
      );
      return rows[0]?.n ?? 0;
    };
    const first = await collect(store, false);
    const second = await collect(store, false);
    await Promise.all([first.subscription.caughtUp, second.subscription.caughtUp]);
    // Both subscriptions share one connection.
    expect(await listening()).toBe(1);
    await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1`, [
      `LISTEN "${schema}_events"`,
    ]);
    right(await store.append('subject-after-loss', [tick(1), tick(2)], 'no-stream')());
    await vi.waitFor(() => expect(first.received).toHaveLength(2), { timeout: 5_000 });
    await vi.waitFor(() => expect(second.received).toHaveLength(2), { timeout: 5_000 });
    // The fallback poll listened again; live delivery goes on.
    await vi.waitFor(async () => expect(await listening()).toBe(1), { timeout: 5_000 });
    right(await store.append('subject-after-loss', [tick(3)], { exact: 1 })());
    await vi.waitFor(() => expect(first.received).toHaveLength(3));
    await first.subscription.stop();
    expect(await listening()).toBe(1);
    await second.subscription.stop();
    expect(await listening()).toBe(0);
    expect(await first.subscription.closed).toEqual(E.right(undefined));
    expect(await second.subscription.closed).toEqual(E.right(undefined));
    await dropSchema(pool, schema);
  });
});
