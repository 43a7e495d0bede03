import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../handler/commandHandler.js';
import { verifyStreamChain } from '../store/hashChain.js';
import type { EventStore } from '../store/port.js';
import { subjectStream } from '../store/streams.js';
import { lifecycleArb } from '../testing/arbitraries.js';
import type { AccountCommand } from './commands.js';
import { accountDecider } from './decide.js';
import { AccountEventCodec, type AccountEvent } from './events.js';
import { fold } from './evolve.js';
import { initialState } from './state.js';

// The properties of the account decider through the command handler, on any store that keeps the hash chain. The
// runs share one store; each run's subject streams carry a suffix of their own, so runs never see each other's events.

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

/** What a store hands the suite: one store for the whole suite. */
export interface HandlerSubject {
  readonly store: EventStore<AccountEvent>;
  readonly dispose?: () => Promise<void>;
}

/** Command sequences tried by each property. */
export interface HandlerRuns {
  readonly fold: number;
  readonly twice: number;
  readonly race: number;
}

/** Registers the handler's properties (vitest) against the store `subject` gives, created once before them. */
export const describeHandlerProperties = (
  title: string,
  subject: () => Promise<HandlerSubject>,
  runs: HandlerRuns,
): void => {
  describe(title, () => {
    let held: HandlerSubject | undefined;
    let store: EventStore<AccountEvent>;
    beforeAll(async () => {
      held = await subject();
      store = held.store;
    });
    afterAll(async () => {
      await held?.dispose?.();
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
        { numRuns: runs.fold },
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
        { numRuns: runs.twice },
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
        { numRuns: runs.race },
      );
    });
  });
};
