import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCommandHandler } from '../handler/commandHandler.js';
import { createInMemoryEventStore } from '../store/inMemory.js';
import { subjectStream } from '../store/streams.js';
import { lifecycleArb } from '../testing/arbitraries.js';
import type { AccountCommand } from './commands.js';
import { accountDecider } from './decide.js';
import { AccountEventCodec } from './events.js';
import { fold } from './evolve.js';
import { initialState } from './state.js';

const setup = () => {
  const store = createInMemoryEventStore({ codec: AccountEventCodec, hashChain: true });
  const handle = createCommandHandler(accountDecider, store, {
    streamOf: (c: AccountCommand) => subjectStream(c.subjectId),
  });
  return { store, handle };
};

describe('the account decider through the command handler and the in-memory store', () => {
  it('folding the stored events gives the state the handler saw, and revisions grow by exactly one (Art. 17(1))', async () => {
    await fc.assert(
      fc.asyncProperty(lifecycleArb({ maxMoves: 8 }), async (life) => {
        const { store, handle } = setup();
        const stream = subjectStream(life.subjectId);
        let last = initialState;
        let revision = -1;
        const seen: string[] = [];
        for (const c of life.commands) {
          const r = await handle(c)();
          if (E.isLeft(r)) continue;
          for (const e of r.right.events) {
            expect(e.revision).toBe(++revision);
            seen.push(JSON.stringify(e));
          }
          last = r.right.state;
        }
        const stored = await store.readStream(stream, { direction: 'forward' })();
        if (E.isLeft(stored)) throw new Error('read failed');
        expect(
          fold(
            initialState,
            stored.right.map((e) => e.data),
          ),
        ).toEqual(last);
        // What was recorded is still exactly what is stored: nothing changed afterwards.
        expect(stored.right.map((e) => JSON.stringify(e))).toEqual(seen);
      }),
      { numRuns: 60 },
    );
  });

  it('handling a command twice (same command id) records it once', async () => {
    await fc.assert(
      fc.asyncProperty(lifecycleArb({ maxMoves: 6 }), async (life) => {
        const { store, handle } = setup();
        for (const c of life.commands) {
          const first = await handle(c)();
          const again = await handle(c)();
          if (E.isRight(first)) {
            expect(E.isRight(again) && again.right.events.map((e) => e.eventId)).toEqual(
              first.right.events.map((e) => e.eventId),
            );
          }
        }
        const stored = await store.readStream(subjectStream(life.subjectId), { direction: 'forward' })();
        const ids = E.isRight(stored) ? stored.right.map((e) => e.eventId) : [];
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 40 },
    );
  });

  it('two concurrent commands on one subject never both win against the same revision', async () => {
    await fc.assert(
      fc.asyncProperty(lifecycleArb({ maxMoves: 4 }), async (life) => {
        const { store } = setup();
        // No retries: both read the same revision, so at most one append can succeed.
        const handle = createCommandHandler(accountDecider, store, {
          streamOf: (c: AccountCommand) => subjectStream(c.subjectId),
          maxRetries: 0,
        });
        const [a, b] = life.commands;
        if (a === undefined) return;
        const twin: AccountCommand = { ...a, commandId: `${a.commandId}-twin` };
        const results = await Promise.all([handle(a)(), handle(twin)()]);
        const wins = results.filter((r) => E.isRight(r) && r.right.events.length > 0).length;
        expect(wins).toBeLessThanOrEqual(1);
        if (b !== undefined) await handle(b)();
      }),
      { numRuns: 60 },
    );
  });
});
