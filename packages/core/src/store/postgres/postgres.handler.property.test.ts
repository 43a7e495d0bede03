import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { describe } from 'vitest';
import { AccountEventCodec } from '../../account/events.js';
import { describeHandlerProperties } from '../../account/handlerProperties.testSupport.js';
import { migrate } from './migrate.js';
import { createPostgresEventStore } from './store.js';
import { DATABASE_URL, dropSchema, randomSchema, suiteTitle } from './testSupport.js';

// Art. 17(1): the account decider through the command handler, with the events in PostgreSQL (see the suite).
describe.skipIf(DATABASE_URL === undefined)(suiteTitle('PostgreSQL'), () => {
  describeHandlerProperties(
    'the account decider through the command handler and the PostgreSQL store',
    async () => {
      const schema = randomSchema('dd_handler_property');
      const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
      const migrated = await migrate(pool, { schema })();
      if (E.isLeft(migrated)) throw new Error(`migration failed: ${JSON.stringify(migrated.left)}`);
      return {
        store: createPostgresEventStore({ pool, codec: AccountEventCodec, schema }),
        dispose: async () => {
          await dropSchema(pool, schema);
          await pool.end();
        },
      };
    },
    { fold: 15, twice: 10, race: 15 },
  );
});
