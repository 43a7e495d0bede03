import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { storeUnavailable, type StoreError } from '../store/errors.js';
import { createInMemoryEventStore, type InMemoryEventStore } from '../store/inMemory.js';
import type { EventStore, StoredEvent } from '../store/port.js';
import { createCommandHandler, type Decider } from './commandHandler.js';
import { deriveEventId } from './eventIds.js';

// A toy decider: a counter that refuses to pass a limit. Not the domain; just enough to see folding, rejection,
// conflicts and idempotency.

const CounterEventCodec = t.union([
  t.type({ type: t.literal('Incremented'), by: t.number }),
  t.type({ type: t.literal('Reset') }),
]);
type CounterEvent = t.TypeOf<typeof CounterEventCodec>;

interface Increment {
  readonly kind: 'Increment';
  readonly counter: string;
  readonly by: number;
  readonly at?: string;
  readonly commandId?: string;
  readonly correlationId?: string;
}
interface Reset {
  readonly kind: 'Reset';
  readonly counter: string;
  readonly commandId?: string;
}
interface Noop {
  readonly kind: 'Noop';
  readonly counter: string;
}
type CounterCommand = Increment | Reset | Noop;

interface LimitReached {
  readonly _tag: 'LimitReached';
  readonly limit: number;
}

const LIMIT = 1000;

const counter: Decider<CounterCommand, number, CounterEvent, LimitReached> = {
  initialState: 0,
  evolve: (state, event) => (event.type === 'Incremented' ? state + event.by : 0),
  decide: (command, state) => {
    switch (command.kind) {
      case 'Increment':
        return state + command.by > LIMIT
          ? E.left({ _tag: 'LimitReached', limit: LIMIT })
          : E.right([{ type: 'Incremented', by: command.by }]);
      case 'Reset':
        return E.right(state === 0 ? [] : [{ type: 'Reset' }]);
      case 'Noop':
        return E.right([]);
    }
  },
};

const streamOf = (c: CounterCommand): string => `counter-${c.counter}`;

const newStore = (): InMemoryEventStore<CounterEvent> => createInMemoryEventStore({ codec: CounterEventCodec });

const handlerFor = (store: EventStore<CounterEvent>, maxRetries?: number) =>
  createCommandHandler(counter, store, maxRetries === undefined ? { streamOf } : { streamOf, maxRetries });

const ok = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left)}`);
  return r.right;
};

const stored = (store: InMemoryEventStore<CounterEvent>, c: string): ReadonlyArray<StoredEvent<CounterEvent>> =>
  ok(store.readStreamSync(`counter-${c}`));

const foldStream = (events: ReadonlyArray<StoredEvent<CounterEvent>>): number =>
  events.reduce((s, e) => counter.evolve(s, e.data), counter.initialState);

/** Holds the first `parties` stream loads until all of them have been issued, so that their handlings interleave. */
const interleaving = (store: EventStore<CounterEvent>, parties: number): EventStore<CounterEvent> => {
  const held: Array<() => void> = [];
  return {
    ...store,
    readStream: (streamId, options) => () => {
      if (options !== undefined || held.length >= parties) return store.readStream(streamId, options)();
      const go = new Promise<void>((resolve) => held.push(resolve));
      if (held.length === parties) for (const release of held) release();
      return go.then(() => store.readStream(streamId, options)());
    },
  };
};

/** Lets a foreign writer append to the stream just before each of the handler's first `times` appends. */
const contested = (store: InMemoryEventStore<CounterEvent>, times: number) => {
  let appends = 0;
  const wrapped: EventStore<CounterEvent> = {
    ...store,
    append: (streamId, events, expected) => () => {
      appends++;
      if (appends <= times) {
        ok(
          store.appendSync(
            streamId,
            [{ eventId: randomUUID(), type: 'Incremented', data: { type: 'Incremented', by: 1 } }],
            'any',
          ),
        );
      }
      return store.append(streamId, events, expected)();
    },
  };
  return { store: wrapped, appends: () => appends };
};

describe('the command handler', () => {
  it('records the decided events with the command id, correlation id and the command instant as recordedAt', async () => {
    const store = newStore();
    const handle = handlerFor(store);
    const command: Increment = {
      kind: 'Increment',
      counter: 'a',
      by: 5,
      at: '2025-03-01T02:00:00.000Z',
      commandId: 'cmd-1',
      correlationId: 'corr-9',
    };
    const handled = ok(await handle(command)());
    expect(handled.state).toBe(5);
    expect(handled.revision).toBe(0);
    expect(handled.events).toEqual(stored(store, 'a'));
    expect(handled.events[0]).toMatchObject({
      streamId: 'counter-a',
      revision: 0,
      type: 'Incremented',
      data: { type: 'Incremented', by: 5 },
      metadata: { commandId: 'cmd-1', correlationId: 'corr-9' },
      recordedAt: '2025-03-01T02:00:00.000Z',
      eventId: deriveEventId('counter-a', 'cmd-1', 0),
    });
  });

  it('takes recordedAt from the clock option when given, and from the store clock when the command has no instant', async () => {
    const store = createInMemoryEventStore({ codec: CounterEventCodec, clock: () => '2030-01-01T00:00:00.000Z' });
    const handle = createCommandHandler(counter, store, {
      streamOf,
      recordedAt: () => '2026-06-01T00:00:00.000+07:00',
    });
    const a = ok(await handle({ kind: 'Increment', counter: 'a', by: 1, at: '2025-01-01T00:00:00Z' })());
    expect(a.events[0]?.recordedAt).toBe('2026-06-01T00:00:00.000+07:00');
    const b = ok(await handlerFor(store)({ kind: 'Increment', counter: 'b', by: 1 })());
    expect(b.events[0]?.recordedAt).toBe('2030-01-01T00:00:00.000Z');
    expect(b.events[0]?.metadata).toEqual({});
  });

  it("returns the decider's rejection as a value and records nothing", async () => {
    const store = newStore();
    const handle = handlerFor(store);
    ok(await handle({ kind: 'Increment', counter: 'a', by: 999 })());
    const r = await handle({ kind: 'Increment', counter: 'a', by: 2 })();
    expect(r).toEqual(E.left({ _tag: 'LimitReached', limit: LIMIT }));
    expect(stored(store, 'a')).toHaveLength(1);
  });

  it('appends nothing when the decider decides no event, returning the current state and revision', async () => {
    const store = newStore();
    const handle = handlerFor(store);
    expect(ok(await handle({ kind: 'Noop', counter: 'a' })())).toEqual({ events: [], state: 0, revision: 'no-stream' });
    ok(await handle({ kind: 'Increment', counter: 'a', by: 3 })());
    expect(ok(await handle({ kind: 'Noop', counter: 'a' })())).toEqual({ events: [], state: 3, revision: 0 });
    expect(store.eventCount()).toBe(1);
  });

  it('returns the state that folding the stored stream gives', async () => {
    const store = newStore();
    const handle = handlerFor(store);
    let last = 0;
    for (const command of [
      { kind: 'Increment', counter: 'a', by: 4 },
      { kind: 'Increment', counter: 'a', by: 6 },
      { kind: 'Reset', counter: 'a' },
      { kind: 'Increment', counter: 'a', by: 2 },
    ] as const) {
      last = ok(await handle(command)()).state;
      expect(last).toBe(foldStream(stored(store, 'a')));
    }
    expect(last).toBe(2);
  });

  it('never lets two interleaved handlings on one stream both win at the same revision (no retries)', async () => {
    const store = newStore();
    ok(
      store.appendSync(
        'counter-a',
        [{ eventId: randomUUID(), type: 'Incremented', data: { type: 'Incremented', by: 1 } }],
        'no-stream',
      ),
    );
    const handle = handlerFor(interleaving(store, 2), 0);
    const results = await Promise.all([
      handle({ kind: 'Increment', counter: 'a', by: 10 })(),
      handle({ kind: 'Increment', counter: 'a', by: 20 })(),
    ]);
    expect(results.filter(E.isRight)).toHaveLength(1);
    expect(results.filter(E.isLeft).map((r) => r.left)).toEqual([
      { _tag: 'WrongExpectedRevision', streamId: 'counter-a', expected: { exact: 0 }, actual: 1 },
    ]);
    expect(stored(store, 'a')).toHaveLength(2);
  });

  it('decides the loser of a race again on the new state, so both interleaved commands count once each', async () => {
    const store = newStore();
    const handle = handlerFor(interleaving(store, 2));
    const results = await Promise.all([
      handle({ kind: 'Increment', counter: 'a', by: 10 })(),
      handle({ kind: 'Increment', counter: 'a', by: 20 })(),
    ]);
    const states = results.map((r) => ok(r).state).sort((x, y) => x - y);
    expect(states).toEqual([states[0], 30]);
    expect([10, 20]).toContain(states[0]);
    expect(stored(store, 'a').map((e) => e.revision)).toEqual([0, 1]);
    expect(foldStream(stored(store, 'a'))).toBe(30);
  });

  it('succeeds after a transient conflict by re-reading the stream', async () => {
    const store = newStore();
    const contest = contested(store, 2);
    const handle = handlerFor(contest.store);
    const handled = ok(await handle({ kind: 'Increment', counter: 'a', by: 10 })());
    expect(contest.appends()).toBe(3);
    expect(handled.state).toBe(12);
    expect(handled.revision).toBe(2);
    expect(foldStream(stored(store, 'a'))).toBe(12);
  });

  it('gives up with the conflict once its retries are spent', async () => {
    const store = newStore();
    const contest = contested(store, 10);
    const handle = handlerFor(contest.store, 2);
    const r = await handle({ kind: 'Increment', counter: 'a', by: 10 })();
    expect(r).toMatchObject(E.left({ _tag: 'WrongExpectedRevision', streamId: 'counter-a' }));
    expect(contest.appends()).toBe(3);
    expect(stored(store, 'a').every((e) => e.data.type === 'Incremented' && e.data.by === 1)).toBe(true);
  });

  it('handles a command with a commandId once: handling it again returns the recorded result and appends nothing', async () => {
    const store = newStore();
    const handle = handlerFor(store);
    const command: Increment = {
      kind: 'Increment',
      counter: 'a',
      by: 7,
      commandId: 'once',
      at: '2025-01-02T03:04:05Z',
    };
    const first = ok(await handle(command)());
    ok(await handle({ kind: 'Increment', counter: 'a', by: 1 })());
    const again = ok(await handle(command)());
    expect(again).toEqual(first);
    expect(stored(store, 'a')).toHaveLength(2);
    expect(foldStream(stored(store, 'a'))).toBe(8);
  });

  it('records a command with a commandId once even when two handlings of it interleave', async () => {
    const store = newStore();
    const handle = handlerFor(interleaving(store, 2));
    const command: Increment = { kind: 'Increment', counter: 'a', by: 7, commandId: 'dup' };
    const [a, b] = await Promise.all([handle(command)(), handle(command)()]);
    expect(ok(a!)).toEqual(ok(b!));
    expect(stored(store, 'a')).toHaveLength(1);
  });

  it('passes a store failure through as a value', async () => {
    const store = newStore();
    const broken: EventStore<CounterEvent> = {
      ...store,
      readStream: () => TE.left<StoreError>(storeUnavailable('connection refused')),
    };
    const r = await handlerFor(broken)({ kind: 'Increment', counter: 'a', by: 1 })();
    expect(r).toEqual(E.left({ _tag: 'StoreUnavailable', reason: 'connection refused' }));
  });

  it('refuses a negative retry count as a broken configuration', () => {
    expect(() => createCommandHandler(counter, newStore(), { streamOf, maxRetries: -1 })).toThrow(RangeError);
  });
});

describe('derived event ids', () => {
  it('are RFC 9562 version-8 UUIDs, the same for the same stream, command and index, different otherwise', () => {
    const id = deriveEventId('subject-1', 'cmd', 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deriveEventId('subject-1', 'cmd', 0)).toBe(id);
    const others = [
      deriveEventId('subject-1', 'cmd', 1),
      deriveEventId('subject-2', 'cmd', 0),
      deriveEventId('subject-1', 'cmd2', 0),
    ];
    expect(new Set([id, ...others]).size).toBe(4);
  });
});
