import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../store/inMemory.js';
import type { StoredEvent } from '../store/port.js';
import { createCommandHandler, type Decider } from './commandHandler.js';

// A toy decider: a counter that refuses to pass a limit (the domain's deciders are tested elsewhere).
const Event = t.union([t.type({ type: t.literal('Added'), n: t.number }), t.type({ type: t.literal('Cleared') })]);
type Event = t.TypeOf<typeof Event>;
interface Command {
  readonly counter: 'a' | 'b';
  readonly add: number | 'clear';
  readonly commandId?: string;
  readonly at: string;
}
const LIMIT = 50;
const counter: Decider<Command, number, Event, 'over the limit'> = {
  initialState: 0,
  evolve: (s, e) => (e.type === 'Added' ? s + e.n : 0),
  decide: (c, s) => {
    const add = c.add;
    if (add === 'clear') return E.right([{ type: 'Cleared' }]);
    if (s + add > LIMIT) return E.left('over the limit');
    return E.right(Array.from({ length: add % 3 }, () => ({ type: 'Added' as const, n: add })));
  },
};

const command: fc.Arbitrary<Command> = fc.record(
  {
    counter: fc.constantFrom('a' as const, 'b' as const),
    add: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant('clear' as const)),
    commandId: fc.uuid(),
    at: fc
      .date({ min: new Date('2024-07-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  },
  { requiredKeys: ['counter', 'add', 'at'] },
);

const fold = (events: ReadonlyArray<StoredEvent<Event>>): number =>
  events.reduce((s, e) => counter.evolve(s, e.data), 0);

describe('command handler properties', () => {
  it('for any sequence of commands, folding the stored stream gives the state the handler returned', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 25 }), async (commands) => {
        const store = createInMemoryEventStore({ codec: Event });
        const handle = createCommandHandler(counter, store, { streamOf: (c) => `counter-${c.counter}` });
        for (const c of commands) {
          const r = await handle(c)();
          if (E.isLeft(r)) {
            expect(r.left).toBe('over the limit');
            continue;
          }
          const stream = E.getOrElse((): ReadonlyArray<StoredEvent<Event>> => [])(
            store.readStreamSync(`counter-${c.counter}`),
          );
          expect(r.right.state).toBe(fold(stream));
          expect(r.right.revision).toBe(stream.length === 0 ? 'no-stream' : stream.length - 1);
          expect(r.right.events.every((e) => e.recordedAt === c.at)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('handling any command again by its commandId records nothing new and returns the first result', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { maxLength: 12 }),
        command,
        fc.array(command, { maxLength: 6 }),
        async (before, c, between) => {
          const store = createInMemoryEventStore({ codec: Event });
          const handle = createCommandHandler(counter, store, { streamOf: (x) => `counter-${x.counter}` });
          const once = { ...c, commandId: 'the-command' };
          for (const x of before) await handle(x)();
          const first = await handle(once)();
          for (const x of between) await handle(x)();
          const count = store.eventCount();
          const again = await handle(once)();
          if (E.isRight(first) && first.right.events.length > 0) {
            expect(again).toEqual(first);
            expect(store.eventCount()).toBe(count);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
