import { randomBytes } from 'node:crypto';
import type { EventStore, StoredEvent } from '@dinhdanh/core';
import { createPostgresEventStore, migrate } from '@dinhdanh/core/postgres';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KeyedProjection, type ProjectedEvent, ProjectedEventCodec } from '../projection.js';
import { accountsProjection } from '../readModels/accounts.js';
import { deadlinesOnVietnamCalendar } from '../readModels/deadlines.js';
import { lockRegisterProjection, whatHappened } from '../readModels/lockRegister.js';
import { ANNA, EVA, evaLockedLater, eventsOf, record, story } from '../readModels/story.testSupport.js';
import { createInMemoryKeyedReadModelStore } from './readModelStore.js';
import { catchUp, follow, foldEvents, rebuild } from './runner.js';
import { serializeReadModel } from './serialize.js';

// The issue asks that the runner and the read models run on PostgreSQL as on the in-memory store: rebuild, catch up
// from a checkpoint, then follow live events through the adapter's `subscribe`.

const DATABASE_URL = process.env['DATABASE_URL'] || undefined;
const SKIPPED = 'skipped: DATABASE_URL is not set (start PostgreSQL and set it, see docs/postgresql.md)';
if (DATABASE_URL === undefined) console.warn(`projection runner on PostgreSQL ${SKIPPED}`);

const right = async <A>(te: TE.TaskEither<unknown, A>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(`unexpected Left: ${JSON.stringify(r.left)}`);
  return r.right;
};

const readAll = (store: EventStore<ProjectedEvent>) => right(store.readAll());

/** Waits (without asserting any timing) until `done` holds, or fails naming what did not happen. */
const eventually = async (done: () => boolean, why: () => string): Promise<void> => {
  for (let i = 0; !done(); i++) {
    if (i > 500) throw new Error(why());
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const suite = DATABASE_URL === undefined ? describe.skip : describe;

suite(DATABASE_URL === undefined ? `the runner on PostgreSQL: ${SKIPPED}` : 'the runner on PostgreSQL', () => {
  const schema = `projections_runner_${randomBytes(6).toString('hex')}`;
  let pool: pg.Pool;
  let store: EventStore<ProjectedEvent>;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
    await right(migrate(pool, { schema }));
    store = createPostgresEventStore<ProjectedEvent>({ pool, codec: ProjectedEventCodec, schema, pollInterval: 200 });
  });

  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it('rebuilds, catches up from a checkpoint, then follows live events, as it does in memory', async () => {
    await record(story(), store);
    const log: ReadonlyArray<StoredEvent<ProjectedEvent>> = await readAll(store);
    expect(log.length).toBeGreaterThan(0);

    // Rebuild: the same model as the in-memory store's log of the same story (positions aside, none in this model).
    const memory = await record(story());
    for (const p of [accountsProjection, deadlinesOnVietnamCalendar] as ReadonlyArray<KeyedProjection<unknown>>) {
      const built = await right(rebuild(p, store, { batchSize: 4 }));
      expect(serializeReadModel(built.state)).toBe(serializeReadModel(foldEvents(p, eventsOf(memory))));
    }

    // Catch up from a stored checkpoint in the middle of the log.
    const middle = (log[Math.floor(log.length / 2)] as StoredEvent<ProjectedEvent>).position;
    const rm = createInMemoryKeyedReadModelStore(
      await right(rebuild(lockRegisterProjection, store, { upTo: { position: middle } })),
    );
    const caught = await right(catchUp(lockRegisterProjection, store, rm, { batchSize: 3 }));
    const full = await right(rebuild(lockRegisterProjection, store));
    expect(caught.checkpoint).toBe(full.checkpoint);
    expect(serializeReadModel(caught.state)).toBe(serializeReadModel(full.state));

    // Follow: events appended after the catch-up reach the read model through the subscription.
    const following = await right(follow(lockRegisterProjection, store, rm, { batchSize: 3 }));
    expect(E.isRight(await following.caughtUp)).toBe(true);
    await record(evaLockedLater(), store);
    const after = await readAll(store);
    const last = (after[after.length - 1] as StoredEvent<ProjectedEvent>).position;
    await eventually(
      () => rm.current()?.checkpoint === last,
      () => `the followed model stopped at ${String(rm.current()?.checkpoint)}; the log ends at ${last}`,
    );
    await following.stop();
    expect(await following.closed).toEqual(E.right(undefined));

    const model = rm.current()?.state ?? new Map();
    expect(serializeReadModel(model)).toBe(serializeReadModel(foldEvents(lockRegisterProjection, after)));
    expect(whatHappened(model, ANNA)).toMatchObject({ locked: true, askedToBeLocked: true });
    expect(whatHappened(model, EVA)?.standingGrounds.map((g) => g.ground)).toEqual(['competent-agency-request']);
  });
});
