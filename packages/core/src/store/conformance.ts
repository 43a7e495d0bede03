import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import * as t from 'io-ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeStoreError, type StoreError } from './errors.js';
import {
  expectedRevisionOf,
  type EventCodec,
  type EventStore,
  type NewEvent,
  type StoredEvent,
  type SubscribeFrom,
} from './port.js';

/**
 * The conformance suite of the event store port: every adapter (in-memory, PostgreSQL, EventStoreDB) runs the same
 * tests, so that what a user sees does not depend on where the events are kept.
 *
 * It asserts only what the port promises everywhere: global positions increase strictly but need not be gap-free or
 * start at 0, and each test uses fresh stream names, so a shared database works.
 */

/** The events the suite writes: one carrying text (for Unicode), one carrying a number. */
export const ConformanceEventCodec = t.union([
  t.type({ type: t.literal('Noted'), text: t.string }),
  t.type({ type: t.literal('Counted'), n: t.number }),
]);

/** An event of {@link ConformanceEventCodec}. */
export type ConformanceEvent = t.TypeOf<typeof ConformanceEventCodec>;

/** What an adapter hands the suite for one test. */
export interface ConformanceSubject {
  /** A store holding {@link ConformanceEvent}s, decoding through the codec the suite passed. */
  readonly store: EventStore<ConformanceEvent>;
  /**
   * Writes events exactly as given, bypassing every check of their data, as a foreign writer or a damaged file would
   * (for PostgreSQL an INSERT, for EventStoreDB a raw append): the suite stores an event that fails the codec with it.
   */
  readonly appendUnchecked: (
    streamId: string,
    events: ReadonlyArray<NewEvent<unknown>>,
  ) => TE.TaskEither<StoreError, unknown>;
  /** Releases what the store holds (connections, containers) after the test. */
  readonly dispose?: () => Promise<void>;
}

const noted = (text: string, extra: Partial<NewEvent<ConformanceEvent>> = {}): NewEvent<ConformanceEvent> => ({
  eventId: randomUUID(),
  type: 'Noted',
  data: { type: 'Noted', text },
  ...extra,
});

const counted = (n: number): NewEvent<ConformanceEvent> => ({
  eventId: randomUUID(),
  type: 'Counted',
  data: { type: 'Counted', n },
});

const stream = (category = 'subject'): string => `${category}-${randomUUID()}`;

/** Runs a task that must succeed, failing the test with the store's own words otherwise. */
const ok = async <A>(task: TE.TaskEither<StoreError, A>): Promise<A> => {
  const r = await task();
  if (E.isLeft(r)) throw new Error(`expected success, got ${describeStoreError(r.left)}`);
  return r.right;
};

/** Runs a task that must fail, returning its error. */
const fails = async <A>(task: TE.TaskEither<StoreError, A>): Promise<StoreError> => {
  const r = await task();
  if (E.isRight(r)) throw new Error(`expected an error, got ${JSON.stringify(r.right)}`);
  return r.left;
};

const ids = (events: ReadonlyArray<{ readonly eventId: string }>): string[] => events.map((e) => e.eventId);

const increasing = (ns: ReadonlyArray<number>): boolean => ns.every((n, i) => i === 0 || n > (ns[i - 1] as number));

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Registers the conformance tests of the event store port for one adapter.
 *
 * @param name - the adapter's name, printed in the test titles
 * @param makeStore - makes a store for one test, decoding through the codec given (called once per test)
 */
export const describeEventStoreConformance = (
  name: string,
  makeStore: (codec: EventCodec<ConformanceEvent>) => Promise<ConformanceSubject>,
): void => {
  describe(`event store port conformance: ${name}`, () => {
    const open: ConformanceSubject[] = [];
    const subject = async (): Promise<ConformanceSubject> => {
      const s = await makeStore(ConformanceEventCodec);
      open.push(s);
      return s;
    };
    const fresh = async (): Promise<EventStore<ConformanceEvent>> => (await subject()).store;
    afterEach(async () => {
      for (const s of open.splice(0)) await s.dispose?.();
    });

    describe('append and expected revisions', () => {
      it('appends to a new stream expecting no-stream, recording revisions from 0 and every field as given', async () => {
        const store = await fresh();
        const s = stream();
        const batch = [
          noted('một', { metadata: { commandId: 'c-1', n: 1, nested: { ok: true, list: [1, 'a', null] } } }),
          noted('hai', { recordedAt: '2025-01-24T08:00:00.000Z' }),
          counted(3),
        ];
        const result = await ok(store.append(s, batch, 'no-stream'));
        expect(result.nextExpectedRevision).toBe(2);
        const read = await ok(store.readStream(s));
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(result.position).toBe(read[2]?.position);
        expect(read.map((e) => ({ streamId: e.streamId, eventId: e.eventId, type: e.type, data: e.data }))).toEqual(
          batch.map((e) => ({ streamId: s, eventId: e.eventId, type: e.type, data: e.data })),
        );
        expect(read[0]?.metadata).toEqual({ commandId: 'c-1', n: 1, nested: { ok: true, list: [1, 'a', null] } });
        expect(read[1]?.metadata).toEqual({});
        expect(read[1]?.recordedAt).toBe('2025-01-24T08:00:00.000Z');
        expect(Number.isNaN(Date.parse(read[0]?.recordedAt ?? ''))).toBe(false);
        expect(increasing(read.map((e) => e.position))).toBe(true);
      });

      it('refuses no-stream on a stream that has events, naming stream, expectation and actual revision', async () => {
        const store = await fresh();
        const s = stream();
        await ok(store.append(s, [noted('a'), noted('b')], 'no-stream'));
        expect(await fails(store.append(s, [noted('c')], 'no-stream'))).toEqual({
          _tag: 'WrongExpectedRevision',
          streamId: s,
          expected: 'no-stream',
          actual: 1,
        });
        expect(await ok(store.readStream(s))).toHaveLength(2);
      });

      it('appends at the exact current revision and refuses a stale or future one', async () => {
        const store = await fresh();
        const s = stream();
        await ok(store.append(s, [noted('a'), noted('b')], 'no-stream'));
        expect((await ok(store.append(s, [noted('c')], { exact: 1 }))).nextExpectedRevision).toBe(2);
        expect(await fails(store.append(s, [noted('stale')], { exact: 1 }))).toMatchObject({
          _tag: 'WrongExpectedRevision',
          expected: { exact: 1 },
          actual: 2,
        });
        expect(await fails(store.append(s, [noted('future')], { exact: 7 }))).toMatchObject({
          _tag: 'WrongExpectedRevision',
          actual: 2,
        });
        expect(await fails(store.append(stream(), [noted('x')], { exact: 0 }))).toMatchObject({
          _tag: 'WrongExpectedRevision',
          actual: 'no-stream',
        });
        expect((await ok(store.readStream(s))).map((e) => e.data)).toEqual([
          { type: 'Noted', text: 'a' },
          { type: 'Noted', text: 'b' },
          { type: 'Noted', text: 'c' },
        ]);
      });

      it('appends with any whether or not the stream exists', async () => {
        const store = await fresh();
        const s = stream();
        expect((await ok(store.append(s, [noted('a')], 'any'))).nextExpectedRevision).toBe(0);
        expect((await ok(store.append(s, [noted('b'), noted('c')], 'any'))).nextExpectedRevision).toBe(2);
        expect(await ok(store.streamRevision(s))).toBe(2);
      });

      it('appends with stream-exists only to a stream that has events', async () => {
        const store = await fresh();
        const s = stream();
        expect(await fails(store.append(s, [noted('a')], 'stream-exists'))).toEqual({
          _tag: 'WrongExpectedRevision',
          streamId: s,
          expected: 'stream-exists',
          actual: 'no-stream',
        });
        await ok(store.append(s, [noted('a')], 'no-stream'));
        expect((await ok(store.append(s, [noted('b')], 'stream-exists'))).nextExpectedRevision).toBe(1);
      });

      it('reports a stream revision of no-stream before the first event and the last revision after', async () => {
        const store = await fresh();
        const s = stream();
        expect(await ok(store.streamRevision(s))).toBe('no-stream');
        await ok(store.append(s, [noted('a'), noted('b'), noted('c')], 'no-stream'));
        expect(await ok(store.streamRevision(s))).toBe(2);
      });

      it('checks the expectation of an empty batch and writes nothing', async () => {
        const store = await fresh();
        const s = stream();
        expect(await ok(store.append(s, [], 'any'))).toEqual({ nextExpectedRevision: 'no-stream', position: null });
        expect(await fails(store.append(s, [], { exact: 0 }))).toMatchObject({ _tag: 'WrongExpectedRevision' });
        expect(await ok(store.streamRevision(s))).toBe('no-stream');
      });

      it('refuses malformed requests as values: an empty stream name, a reserved $ name, a bad expectation', async () => {
        const store = await fresh();
        expect(await fails(store.append('', [noted('a')], 'any'))).toMatchObject({ _tag: 'InvalidArgument' });
        expect(await fails(store.append('$all', [noted('a')], 'any'))).toMatchObject({ _tag: 'InvalidArgument' });
        expect(await fails(store.append(stream(), [noted('a')], { exact: -1 }))).toMatchObject({
          _tag: 'InvalidArgument',
        });
        expect(await fails(store.append(stream(), [{ ...noted('a'), eventId: '' }], 'any'))).toMatchObject({
          _tag: 'InvalidArgument',
        });
        expect(await fails(store.readStream(stream(), { maxCount: -1 }))).toMatchObject({ _tag: 'InvalidArgument' });
      });

      it('lets exactly one of two writers that read the same revision append; the other gets a typed conflict', async () => {
        const store = await fresh();
        const s = stream();
        await ok(store.append(s, [counted(0), counted(1), counted(2), counted(3)], 'no-stream'));
        // Both read before either appends: with a store whose reads do I/O, reading inside each writer would let
        // the second read see the first append, and both would rightly win.
        const [r1, r2] = await Promise.all([ok(store.streamRevision(s)), ok(store.streamRevision(s))]);
        const results = await Promise.all([
          store.append(s, [counted(100)], expectedRevisionOf(r1))(),
          store.append(s, [counted(200)], expectedRevisionOf(r2))(),
        ]);
        const wins = results.filter(E.isRight);
        const losses = results.filter(E.isLeft);
        expect(wins).toHaveLength(1);
        expect(losses).toHaveLength(1);
        expect(losses[0]?.left).toEqual({
          _tag: 'WrongExpectedRevision',
          streamId: s,
          expected: { exact: 3 },
          actual: 4,
        });
        const read = await ok(store.readStream(s));
        expect(read).toHaveLength(5);
        expect([100, 200]).toContain((read[4]?.data as { n: number }).n);
      });

      it('is all or nothing: a batch with one malformed event writes none of it', async () => {
        const store = await fresh();
        const s = stream();
        await ok(store.append(s, [noted('a')], 'no-stream'));
        const bad = [noted('b'), { ...noted('c'), type: '' }];
        expect(await fails(store.append(s, bad, { exact: 0 }))).toMatchObject({ _tag: 'InvalidArgument' });
        expect(await ok(store.readStream(s))).toHaveLength(1);
      });
    });

    describe('idempotent append by event id', () => {
      it('re-appending the same events at the same expected revision succeeds without writing again', async () => {
        const store = await fresh();
        const s = stream();
        await ok(store.append(s, [noted('first')], 'no-stream'));
        const batch = [noted('a'), noted('b')];
        const first = await ok(store.append(s, batch, { exact: 0 }));
        await ok(store.append(s, [noted('later')], { exact: 2 }));
        const again = await ok(store.append(s, batch, { exact: 0 }));
        expect(again).toEqual(first);
        const read = await ok(store.readStream(s));
        expect(ids(read)).toEqual([read[0]?.eventId, ...ids(batch), read[3]?.eventId]);
        expect(read).toHaveLength(4);
      });

      it('re-appending a first batch expecting no-stream succeeds without writing again', async () => {
        const store = await fresh();
        const s = stream();
        const batch = [noted('a'), noted('b')];
        const first = await ok(store.append(s, batch, 'no-stream'));
        expect(await ok(store.append(s, batch, 'no-stream'))).toEqual(first);
        expect(await ok(store.readStream(s))).toHaveLength(2);
      });

      it('recognises a retried batch appended with any', async () => {
        const store = await fresh();
        const s = stream();
        const batch = [noted('a'), noted('b')];
        const first = await ok(store.append(s, batch, 'any'));
        expect(await ok(store.append(s, batch, 'any'))).toEqual(first);
        expect(await ok(store.readStream(s))).toHaveLength(2);
      });

      it('refuses a batch that only partly matches what is recorded there, and writes none of it', async () => {
        const store = await fresh();
        const s = stream();
        const [a, b] = [noted('a'), noted('b')];
        await ok(store.append(s, [a, b], 'no-stream'));
        expect(await fails(store.append(s, [a, noted('other')], 'no-stream'))).toMatchObject({
          _tag: 'WrongExpectedRevision',
        });
        expect(await fails(store.append(s, [a, b, noted('more')], 'no-stream'))).toMatchObject({
          _tag: 'WrongExpectedRevision',
        });
        expect(await ok(store.readStream(s))).toHaveLength(2);
      });
    });

    describe('reading a stream', () => {
      it('reads forward and backward from a revision, at most maxCount events', async () => {
        const store = await fresh();
        const s = stream();
        await ok(
          store.append(
            s,
            Array.from({ length: 10 }, (_, n) => counted(n)),
            'no-stream',
          ),
        );
        const ns = (events: ReadonlyArray<StoredEvent<ConformanceEvent>>) =>
          events.map((e) => (e.data as { n: number }).n);
        expect(ns(await ok(store.readStream(s, { fromRevision: 3, maxCount: 4 })))).toEqual([3, 4, 5, 6]);
        expect(ns(await ok(store.readStream(s, { direction: 'backward' })))).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
        expect(ns(await ok(store.readStream(s, { direction: 'backward', fromRevision: 5, maxCount: 3 })))).toEqual([
          5, 4, 3,
        ]);
        expect(ns(await ok(store.readStream(s, { direction: 'backward', maxCount: 1 })))).toEqual([9]);
        expect(ns(await ok(store.readStream(s, { fromRevision: 8 })))).toEqual([8, 9]);
        expect(await ok(store.readStream(s, { fromRevision: 10 }))).toEqual([]);
        expect(await ok(store.readStream(s, { maxCount: 0 }))).toEqual([]);
      });

      it('reads a stream that has no events as an empty list', async () => {
        const store = await fresh();
        expect(await ok(store.readStream(stream()))).toEqual([]);
        expect(await ok(store.readStream(stream(), { direction: 'backward' }))).toEqual([]);
      });

      it('holds a large stream (10,000 events) in order', async () => {
        const store = await fresh();
        const s = stream('login');
        const all = Array.from({ length: 10_000 }, (_, n) => counted(n));
        for (let from = 0; from < all.length; from += 1000) {
          await ok(store.append(s, all.slice(from, from + 1000), from === 0 ? 'no-stream' : { exact: from - 1 }));
        }
        const read = await ok(store.readStream(s));
        expect(read).toHaveLength(10_000);
        expect(read.every((e, i) => e.revision === i && (e.data as { n: number }).n === i)).toBe(true);
        expect(increasing(read.map((e) => e.position))).toBe(true);
        expect(await ok(store.streamRevision(s))).toBe(9_999);
        const tail = await ok(store.readStream(s, { direction: 'backward', maxCount: 3 }));
        expect(tail.map((e) => e.revision)).toEqual([9_999, 9_998, 9_997]);
      });

      it('round-trips Unicode exactly: Vietnamese diacritics (NFC and NFD), emoji, astral-plane characters', async () => {
        const store = await fresh();
        const texts = [
          'Nguyễn Thị Ánh Tuyết, 12 đường Lê Lợi, phường Bến Thành, TP. Hồ Chí Minh',
          'Tiếng Việt'.normalize('NFD'),
          'Định danh điện tử mức độ 2 ✅ 🇻🇳 👩🏽‍💻',
          '𝕍𝕚ệ𝕥 — chữ Nôm 𠀀𡨸𡦂',
          '"quotes" \\ back\\slash \n\t\u0000 control',
        ];
        const s = `subject-Nguyễn-${randomUUID()}-𝕍`;
        await ok(
          store.append(
            s,
            texts.map((text) => noted(text, { metadata: { note: text, 'khóa 🔑': text } })),
            'no-stream',
          ),
        );
        const read = await ok(store.readStream(s));
        expect(read.map((e) => (e.data as { text: string }).text)).toEqual(texts);
        expect(read.map((e) => e.metadata['khóa 🔑'])).toEqual(texts);
        expect(read.every((e) => e.streamId === s)).toBe(true);
        expect((read[1]?.data as { text: string }).text).not.toBe('Tiếng Việt'.normalize('NFC'));
      });

      it('keeps recorded events unchanged when a reader mutates what it read', async () => {
        const store = await fresh();
        const s = stream();
        await ok(store.append(s, [noted('original', { metadata: { k: 'v' } })], 'no-stream'));
        const [first] = await ok(store.readStream(s));
        try {
          (first?.data as { text: string }).text = 'altered';
          (first?.metadata as Record<string, unknown>)['k'] = 'altered';
        } catch {
          // a frozen event refusing the write is as good as a copy ignoring it
        }
        const [again] = await ok(store.readStream(s));
        expect(again?.data).toEqual({ type: 'Noted', text: 'original' });
        expect(again?.metadata).toEqual({ k: 'v' });
      });
    });

    describe('reading all streams', () => {
      it('reads every stream in global order, from a position (inclusive), at most maxCount', async () => {
        const store = await fresh();
        const [s1, s2] = [stream(), stream('login')];
        const appended: string[] = [];
        for (let n = 0; n < 6; n++) {
          const e = counted(n);
          appended.push(e.eventId);
          await ok(store.append(n % 2 === 0 ? s1 : s2, [e], 'any'));
        }
        const all = (await ok(store.readAll())).filter((e) => e.streamId === s1 || e.streamId === s2);
        expect(ids(all)).toEqual(appended);
        expect(increasing(all.map((e) => e.position))).toBe(true);
        const third = all[2] as StoredEvent<ConformanceEvent>;
        const from = await ok(store.readAll({ fromPosition: third.position }));
        expect(ids(from.filter((e) => e.streamId === s1 || e.streamId === s2))).toEqual(appended.slice(2));
        const page = await ok(store.readAll({ fromPosition: third.position, maxCount: 2 }));
        expect(ids(page)).toEqual(appended.slice(2, 4));
      });
    });

    describe('subscriptions', () => {
      const collect = async (store: EventStore<ConformanceEvent>, from: SubscribeFrom, slow = false) => {
        const received: StoredEvent<ConformanceEvent>[] = [];
        const subscription = await ok(
          store.subscribe(from, async (e) => {
            received.push(e);
            if (slow && received.length % 7 === 0) await tick();
          }),
        );
        return { received, subscription };
      };

      it('catches up from the start, then delivers live events, in order, without gap or duplicate', async () => {
        const store = await fresh();
        const s = stream();
        await ok(
          store.append(
            s,
            Array.from({ length: 50 }, (_, n) => counted(n)),
            'no-stream',
          ),
        );
        const { received, subscription } = await collect(store, 'start');
        await subscription.caughtUp;
        expect(received.filter((e) => e.streamId === s)).toHaveLength(50);
        await ok(store.append(s, [counted(50), counted(51)], { exact: 49 }));
        await vi.waitFor(() => expect(received.filter((e) => e.streamId === s)).toHaveLength(52));
        await subscription.stop();
        expect(await subscription.closed).toEqual(E.right(undefined));
        const all = await ok(store.readAll());
        expect(ids(received)).toEqual(ids(all));
      });

      it('delivers each event exactly once when appends race the catch-up', async () => {
        const store = await fresh();
        const streams = [stream(), stream(), stream('login')];
        for (const s of streams) await ok(store.append(s, [counted(0)], 'no-stream'));
        await ok(
          store.append(
            streams[0] as string,
            Array.from({ length: 200 }, (_, n) => counted(n)),
            'any',
          ),
        );
        const { received, subscription } = await collect(store, 'start', true);
        for (let n = 0; n < 120; n++) {
          await ok(store.append(streams[n % 3] as string, [counted(n)], 'any'));
          if (n % 5 === 0) await tick();
        }
        await subscription.caughtUp;
        const all = await ok(store.readAll());
        await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(all.length));
        await subscription.stop();
        expect(ids(received)).toEqual(ids(all));
        expect(new Set(ids(received)).size).toBe(received.length);
        expect(increasing(received.map((e) => e.position))).toBe(true);
      });

      it('starts after a checkpoint position, or at the end for live events only', async () => {
        const store = await fresh();
        const s = stream();
        await ok(store.append(s, [counted(0), counted(1), counted(2)], 'no-stream'));
        const [, second] = await ok(store.readStream(s));
        const after = await collect(store, { after: (second as StoredEvent<ConformanceEvent>).position });
        const live = await collect(store, 'end');
        await Promise.all([after.subscription.caughtUp, live.subscription.caughtUp]);
        await ok(store.append(s, [counted(3)], { exact: 2 }));
        await vi.waitFor(() => expect(after.received).toHaveLength(2));
        await vi.waitFor(() => expect(live.received).toHaveLength(1));
        expect(after.received.map((e) => e.revision)).toEqual([2, 3]);
        expect(live.received.map((e) => e.revision)).toEqual([3]);
        await Promise.all([after.subscription.stop(), live.subscription.stop()]);
      });

      it('delivers nothing after stop', async () => {
        const store = await fresh();
        const s = stream();
        const { received, subscription } = await collect(store, 'start');
        await subscription.caughtUp;
        await subscription.stop();
        await ok(store.append(s, [counted(0)], 'no-stream'));
        await tick();
        await tick();
        expect(received).toEqual([]);
      });

      it('ends with SubscriberFailed, naming the position, when the handler throws', async () => {
        const store = await fresh();
        const s = stream();
        await ok(store.append(s, [counted(0), counted(1)], 'no-stream'));
        const [, second] = await ok(store.readStream(s));
        const subscription = await ok(
          store.subscribe('start', (e) => {
            if (e.eventId === second?.eventId) throw new Error('projection bug');
          }),
        );
        const closed = await subscription.closed;
        expect(closed).toMatchObject(E.left({ _tag: 'SubscriberFailed', position: second?.position }));
      });
    });

    describe('events that fail their codec', () => {
      it('reports CorruptEvent naming stream and revision, and every other event stays readable', async () => {
        const { store, appendUnchecked } = await subject();
        const s = stream();
        const other = stream();
        await ok(store.append(other, [noted('untouched')], 'no-stream'));
        await ok(store.append(s, [noted('good 0')], 'no-stream'));
        await ok(
          appendUnchecked(s, [
            { eventId: randomUUID(), type: 'Noted', data: { type: 'Noted', text: 42 } },
            { eventId: randomUUID(), type: 'Noted', data: { type: 'Noted', text: 'good 2' } },
          ]),
        );
        const broken = await fails(store.readStream(s));
        expect(broken).toMatchObject({ _tag: 'CorruptEvent', streamId: s, revision: 1 });
        expect(describeStoreError(broken)).toContain(s);
        expect((await ok(store.readStream(s, { maxCount: 1 }))).map((e) => e.data)).toEqual([
          { type: 'Noted', text: 'good 0' },
        ]);
        expect((await ok(store.readStream(s, { fromRevision: 2 }))).map((e) => e.data)).toEqual([
          { type: 'Noted', text: 'good 2' },
        ]);
        expect(await ok(store.readStream(other))).toHaveLength(1);
        expect(await fails(store.readAll())).toMatchObject({ _tag: 'CorruptEvent', streamId: s, revision: 1 });
        expect(await ok(store.streamRevision(s))).toBe(2);
        await ok(store.append(s, [noted('good 3')], { exact: 2 }));
        expect(await ok(store.readStream(s, { fromRevision: 2 }))).toHaveLength(2);
      });
    });

    describe('append-only (Decree 69/2024/ND-CP Art. 17(1): identity information is stored eternally)', () => {
      it('offers no operation that deletes, truncates, updates or sets stream metadata', async () => {
        const store = await fresh();
        const forbidden = /delete|remove|truncate|update|tombstone|scavenge|metadata|clear|reset/i;
        const operations = Object.keys(store).filter(
          (k) => typeof (store as unknown as Record<string, unknown>)[k] === 'function',
        );
        expect(operations.filter((k) => forbidden.test(k))).toEqual([]);
      });
    });
  });
};
