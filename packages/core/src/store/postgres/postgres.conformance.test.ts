import * as TE from 'fp-ts/lib/TaskEither.js';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeEventStoreConformance } from '../conformance.js';
import { storeUnavailable } from '../errors.js';
import { migrate } from './migrate.js';
import { createPostgresEventStore } from './store.js';
import { DATABASE_URL, dropSchema, insertRaw, randomSchema, suiteTitle } from './testSupport.js';

describe.skipIf(DATABASE_URL === undefined)(suiteTitle('PostgreSQL'), () => {
  let pool: pg.Pool;
  const connections = 6;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: DATABASE_URL, max: connections, idleTimeoutMillis: 0 });
    // Open every connection before the suite starts and keep them open. The suite's race of two writers reads the
    // revision on both before either appends only when both reads leave at once: a read that first had to open a
    // connection would see the other writer's append already committed, and rightly succeed after it (the
    // deterministic form of that race is in postgres.concurrency.test.ts).
    await Promise.all(Array.from({ length: connections }, () => pool.query('SELECT 1')));
  });
  afterAll(async () => {
    await pool.end();
  });

  // A schema per test: the suite stores a corrupt event in one test, which every later readAll would trip over.
  describeEventStoreConformance('PostgreSQL', async (codec) => {
    const schema = randomSchema('dd_conformance');
    const migrated = await migrate(pool, { schema })();
    if (migrated._tag === 'Left') throw new Error(`migration failed: ${JSON.stringify(migrated.left)}`);
    return {
      store: createPostgresEventStore({ pool, codec, schema }),
      appendUnchecked: (streamId, events) =>
        TE.tryCatch(
          () => insertRaw(pool, schema, streamId, events),
          (e) => storeUnavailable(String(e), e),
        ),
      dispose: () => dropSchema(pool, schema),
    };
  });
});
