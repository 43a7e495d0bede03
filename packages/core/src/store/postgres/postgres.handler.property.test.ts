import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountCommand } from '../../account/commands.js';
import { accountDecider } from '../../account/decide.js';
import { AccountEventCodec, type AccountEvent } from '../../account/events.js';
import { fold } from '../../account/evolve.js';
import { initialState } from '../../account/state.js';
import { createCommandHandler } from '../../handler/commandHandler.js';
import { lifecycleArb } from '../../testing/arbitraries.js';
import { verifyStreamChain } from '../hashChain.js';
import type { EventStore } from '../port.js';
import { subjectStream } from '../streams.js';
import { migrate } from './migrate.js';
import { createPostgresEventStore } from './store.js';
import { DATABASE_URL, dropSchema, randomSchema, suiteTitle } from './testSupport.js';

// The properties of account/handler.property.test.ts, with the events in PostgreSQL. The runs share one schema; each
// run's subject stream carries a suffix of its own, so runs never see each other's events.

/**
 * A store whose first two stream reads answer only once both have been answered: two handlers given it decide on the
 * same revision, however the database schedules them.
 */
const bothReadFirst = (store: EventStore<AccountEvent>): EventStore<AccountEvent> => {
  let arrived = 0;
  let release!: () => void;
  const barrier = new Promise<void>((resolve) => (release = resolve));
  return {
    ...store,
    readStream: (streamId, options) => async () => {
      const read = await store.readStream(streamId, options)();
      if (arrived >= 2) return read;
      if (++arrived === 2) release();
      await barrier;
      return read;
    },
  };
};

describe.skipIf(DATABASE_URL === undefined)(
  suiteTitle('the account decider through the command handler and the PostgreSQL store'),
  () => {
    const schema = randomSchema('dd_handler_property');
    let pool: pg.Pool;
    let store: EventStore<AccountEvent>;
    beforeAll(async () => {
      pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
      const migrated = await migrate(pool, { schema })();
      if (E.isLeft(migrated)) throw new Error(`migration failed: ${JSON.stringify(migrated.left)}`);
      store = createPostgresEventStore({ pool, codec: AccountEventCodec, schema });
    });
    afterAll(async () => {
      await dropSchema(pool, schema);
      await pool.end();
    });

    const setup = (over: EventStore<AccountEvent> = store, maxRetries?: number) => {
      const run = randomUUID();
      const streamOf = (c: AccountCommand): string => `${subjectStream(c.subjectId)}-${run}`;
      const handle = createCommandHandler(accountDecider, over, {
        streamOf,
        ...(maxRetries === undefined ? {} : { maxRetries }),
      });
      return { handle, streamOf };
    };

    it('folding the stored events gives the state the handler saw, revisions grow by exactly one, and the chain verifies (Art. 17(1))', async () => {
      await fc.assert(
        fc.asyncProperty(lifecycleArb({ maxMoves: 8 }), async (life) => {
          const { handle, streamOf } = setup();
          let last = initialState;
          let revision = -1;
          const seen: string[] = [];
          let stream: string | undefined;
          for (const c of life.commands) {
            stream = streamOf(c);
            const r = await handle(c)();
            if (E.isLeft(r)) continue;
            for (const e of r.right.events) {
              expect(e.revision).toBe(++revision);
              seen.push(JSON.stringify(e));
            }
            last = r.right.state;
          }
          if (stream === undefined) return;
          const stored = await store.readStream(stream)();
          if (E.isLeft(stored)) throw new Error('read failed');
          expect(
            fold(
              initialState,
              stored.right.map((e) => e.data),
            ),
          ).toEqual(last);
          // What was recorded is still exactly what is stored: nothing changed afterwards.
          expect(stored.right.map((e) => JSON.stringify(e))).toEqual(seen);
          expect(verifyStreamChain(stored.right, (d) => AccountEventCodec.encode(d as AccountEvent))).toEqual(
            E.right(undefined),
          );
        }),
        { numRuns: 15 },
      );
    });

    it('handling a command twice (same command id) records it once', async () => {
      await fc.assert(
        fc.asyncProperty(lifecycleArb({ maxMoves: 6 }), async (life) => {
          const { handle, streamOf } = setup();
          for (const c of life.commands) {
            const first = await handle(c)();
            const again = await handle(c)();
            if (E.isRight(first)) {
              expect(E.isRight(again) && again.right.events.map((e) => e.eventId)).toEqual(
                first.right.events.map((e) => e.eventId),
              );
            }
          }
          const c = life.commands[0];
          if (c === undefined) return;
          const stored = await store.readStream(streamOf(c))();
          const ids = E.isRight(stored) ? stored.right.map((e) => e.eventId) : [];
          expect(new Set(ids).size).toBe(ids.length);
        }),
        { numRuns: 10 },
      );
    });

    it('two concurrent commands on one subject that read the same revision never both win; the loser gets a conflict', async () => {
      await fc.assert(
        fc.asyncProperty(lifecycleArb({ maxMoves: 4 }), async (life) => {
          const [a, b] = life.commands;
          if (a === undefined) return;
          // No retries, and both handlers read before either appends: at most one append can succeed.
          const { handle } = setup(bothReadFirst(store), 0);
          const twin: AccountCommand = { ...a, commandId: `${a.commandId}-twin` };
          const results = await Promise.all([handle(a)(), handle(twin)()]);
          const wins = results.filter((r) => E.isRight(r) && r.right.events.length > 0);
          expect(wins.length).toBeLessThanOrEqual(1);
          if (wins.length === 1) {
            const loser = results.find((r) => !(E.isRight(r) && r.right.events.length > 0));
            expect(loser).toMatchObject(E.left({ _tag: 'WrongExpectedRevision' }));
          }
          if (b !== undefined) await handle(b)();
        }),
        { numRuns: 15 },
      );
    });
  },
);
