import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { describe } from 'vitest';
import { describeEventStoreModel } from '../modelConformance.js';
import { migrate } from './migrate.js';
import { createPostgresEventStore } from './store.js';
import { DATABASE_URL, dropSchema, randomSchema, suiteTitle } from './testSupport.js';

// Art. 17(1) stored eternally, as a property of the PostgreSQL store: the port's model-based suite, which every
// adapter runs, on a schema of its own.
describe.skipIf(DATABASE_URL === undefined)(suiteTitle('PostgreSQL'), () => {
  describeEventStoreModel('PostgreSQL', async (codec) => {
    const schema = randomSchema('dd_property');
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
    const migrated = await migrate(pool, { schema })();
    if (E.isLeft(migrated)) throw new Error(`migration failed: ${JSON.stringify(migrated.left)}`);
    return {
      store: createPostgresEventStore({ pool, codec, schema }),
      dispose: async () => {
        await dropSchema(pool, schema);
        await pool.end();
      },
    };
  });
});
