import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it, vi } from 'vitest';
import { verifyStreamChain } from './hashChain.js';
import { createInMemoryEventStore, type InMemoryEventStore } from './inMemory.js';
import type { NewEvent, StoredEvent } from './port.js';

const Counted = t.type({ type: t.literal('Counted'), n: t.number });
type Counted = t.TypeOf<typeof Counted>;

const counted = (n: number): NewEvent<Counted> => ({
  eventId: randomUUID(),
  type: 'Counted',
  data: { type: 'Counted', n },
});

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left)}`);
  return r.right;
};

const store = (
  options: Partial<Parameters<typeof createInMemoryEventStore<Counted>>[0]> = {},
): InMemoryEventStore<Counted> => createInMemoryEventStore({ codec: Counted, ...options });

describe('the in-memory event store', () => {
  it('numbers global positions from 0 without gaps and lists its streams in order of first event', () => {
    const s = store();
    right(s.appendSync('subject-b', [counted(0), counted(1)], 'no-stream'));
    right(s.appendSync('subject-a', [counted(2)], 'no-stream'));
    right(s.appendSync('subject-b', [counted(3)], { exact: 1 }));
    expect(right(s.readAllSync()).map((e) => e.position)).toEqual([0, 1, 2, 3]);
    expect(s.eventCount()).toBe(4);
    expect(s.streamIds()).toEqual(['subject-b', 'subject-a']);
  });

  it('gives the same answers through its synchronous and its TaskEither paths', async () => {
    const s = store();
    const viaTask = await s.append('subject-1', [counted(0)], 'no-stream')();
    expect(viaTask).toEqual(E.right({ nextExpectedRevision: 0, position: 0 }));
    expect(s.appendSync('subject-1', [counted(1)], { exact: 0 })).toEqual(
      E.right({ nextExpectedRevision: 1, position: 1 }),
    );
    expect(await s.readStream('subject-1')()).toEqual(s.readStreamSync('subject-1'));
    expect(await s.readAll({ fromPosition: 1 })()).toEqual(s.readAllSync({ fromPosition: 1 }));
    expect(await s.streamRevision('subject-1')()).toEqual(s.streamRevisionSync('subject-1'));
  });

  it('keeps streams and the global order right across its storage chunks (40,000 events, batches of 777)', () => {
    const s = store({ freeze: false });
    const streams = ['subject-a', 'subject-b', 'login-c'];
    const expected: Array<[string, number]> = [];
    let n = 0;
    for (let batch = 0; n < 40_000; batch++) {
      const streamId = streams[batch % 3] as string;
      const events = Array.from({ length: 777 }, () => counted(n++));
      right(s.appendSync(streamId, events, 'any'));
      for (const e of events) expected.push([streamId, e.data.n]);
    }
    const all = right(s.readAllSync());
    expect(all.map((e) => [e.streamId, e.data.n])).toEqual(expected);
    expect(all.every((e, i) => e.position === i)).toBe(true);
    for (const streamId of streams) {
      const events = right(s.readStreamSync(streamId));
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
      expect(events.map((e) => e.data.n)).toEqual(expected.filter(([id]) => id === streamId).map(([, v]) => v));
      const middle = right(s.readStreamSync(streamId, { fromRevision: 5000, maxCount: 3 }));
      expect(middle.map((e) => e.data)).toEqual(events.slice(5000, 5003).map((e) => e.data));
    }
  });

  it('freezes recorded data and metadata, so neither the writer nor a reader can change a recorded event', () => {
    const s = store();
    const event = { ...counted(1), metadata: { nested: { k: 'v' } } };
    right(s.appendSync('subject-1', [event], 'no-stream'));
    expect(() => {
      (event.data as { n: number }).n = 2;
    }).toThrow(TypeError);
    expect(() => {
      (event.metadata.nested as { k: string }).k = 'w';
    }).toThrow(TypeError);
    expect(right(s.readStreamSync('subject-1'))[0]?.data.n).toBe(1);
  });

  it('does not freeze when told not to (bulk replays of values nobody else holds)', () => {
    const s = store({ freeze: false });
    const event = counted(1);
    right(s.appendSync('subject-1', [event], 'no-stream'));
    expect(Object.isFrozen(event.data)).toBe(false);
  });

  it('recognises a retried any-append within its idempotency window, and an exact retry at any age', () => {
    const s = store({ idempotencyWindow: 2 });
    const old = [counted(0)];
    right(s.appendSync('subject-1', old, 'any'));
    const second = [counted(1), counted(2)];
    right(s.appendSync('subject-1', second, 'any'));
    expect(s.appendSync('subject-1', second, { exact: 0 })).toEqual(E.right({ nextExpectedRevision: 2, position: 2 }));
    expect(s.appendSync('subject-1', old, 'no-stream')).toEqual(E.right({ nextExpectedRevision: 0, position: 0 }));
    const recent = [counted(3)];
    right(s.appendSync('subject-1', recent, 'any'));
    expect(s.appendSync('subject-1', recent, 'any')).toEqual(E.right({ nextExpectedRevision: 3, position: 3 }));
    // Beyond the window, 'any' cannot tell a retry from a new write: EventStoreDB's best effort, documented.
    right(s.appendSync('subject-1', old, 'any'));
    expect(right(s.streamRevisionSync('subject-1'))).toBe(4);
  });

  it('refuses a recordedAt that is not an ISO-8601 instant, and metadata that is not an object', () => {
    const s = store();
    expect(s.appendSync('subject-1', [{ ...counted(0), recordedAt: '24/01/2025' }], 'any')).toMatchObject(
      E.left({ _tag: 'InvalidArgument' }),
    );
    expect(
      s.appendSync('subject-1', [{ ...counted(0), metadata: [] as unknown as Record<string, unknown> }], 'any'),
    ).toMatchObject(E.left({ _tag: 'InvalidArgument' }));
    expect(s.eventCount()).toBe(0);
  });

  it('keeps the hash chain when asked, over trusted and unchecked events alike', () => {
    const s = store({ hashChain: true });
    right(s.appendSync('subject-1', [counted(0), counted(1)], 'no-stream'));
    right(
      s.appendUnchecked(
        'subject-1',
        [{ eventId: randomUUID(), type: 'Counted', data: { type: 'Counted', n: 2 } }],
        'any',
      ),
    );
    const events = right(s.readStreamSync('subject-1'));
    expect(events.every((e) => typeof e.hash === 'string' && e.hash.length === 64)).toBe(true);
    expect(verifyStreamChain(events)).toEqual(E.right(undefined));
  });

  it('refuses, with the hash chain on, metadata that has no JSON form, writing nothing', () => {
    const s = store({ hashChain: true });
    const bad = { ...counted(0), metadata: { at: new Date(0) } };
    expect(s.appendSync('subject-1', [counted(1), bad], 'any')).toMatchObject(E.left({ _tag: 'InvalidArgument' }));
    expect(s.eventCount()).toBe(0);
  });

  it('ends a subscription with CorruptEvent at an event that fails its codec, after delivering those before it', async () => {
    const s = store();
    right(s.appendSync('subject-1', [counted(0)], 'no-stream'));
    right(s.appendUnchecked('subject-1', [{ eventId: randomUUID(), type: 'Counted', data: { n: 'one' } }], 'any'));
    const received: StoredEvent<Counted>[] = [];
    const sub = right(await s.subscribe('start', (e) => void received.push(e))());
    expect(await sub.closed).toMatchObject(
      E.left({ _tag: 'CorruptEvent', streamId: 'subject-1', revision: 1, position: 1 }),
    );
    expect(received.map((e) => e.revision)).toEqual([0]);
  });

  it('lets a synchronous subscriber catch up on many events while appends continue', async () => {
    const s = store({ freeze: false });
    for (let i = 0; i < 20; i++)
      right(
        s.appendSync(
          `subject-${i}`,
          Array.from({ length: 500 }, (_, n) => counted(n)),
          'no-stream',
        ),
      );
    let count = 0;
    const sub = right(await s.subscribe('start', () => void count++)());
    right(s.appendSync('subject-late', [counted(0)], 'no-stream'));
    await sub.caughtUp;
    await vi.waitFor(() => expect(count).toBe(10_001));
    await sub.stop();
    expect(await sub.closed).toEqual(E.right(undefined));
  });

  it('refuses a subscription start that is not start, end or after a position', async () => {
    const s = store();
    expect(await s.subscribe({ after: -2 }, () => undefined)()).toMatchObject(E.left({ _tag: 'InvalidArgument' }));
  });
});
