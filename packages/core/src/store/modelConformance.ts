import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import * as t from 'io-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStreamChain } from './hashChain.js';
import {
  expectedRevisionOf,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
} from './port.js';

// The model-based property test of the event store port, run on every adapter: a plain model (the event ids of each
// stream, and of the log in append order) runs beside the store; after every command the store must agree with the
// model and with everything it answered before. The runs share one store: each run writes streams of its own and
// reads the global order from the position after the previous run's last event, so it sees only itself.

/** The events of the model-based suite. */
export const ModelEventCodec = t.type({ type: t.literal('Counted'), n: t.number, text: t.string });
/** An event of {@link ModelEventCodec}. */
export type ModelEvent = t.TypeOf<typeof ModelEventCodec>;
type Counted = ModelEvent;

const STREAMS = ['subject-a', 'subject-b', 'login-a', 'subject-Nguyễn'];

interface Model {
  readonly streams: Map<string, string[]>;
  readonly log: Array<{ readonly streamId: string; readonly eventId: string }>;
  lastBatch?: {
    readonly streamId: string;
    readonly events: ReadonlyArray<NewEvent<Counted>>;
    readonly expected: ExpectedRevision;
    readonly result: AppendResult;
  };
}

interface Real {
  readonly store: EventStore<Counted>;
  /** Whether positions run without gaps (a store whose positions come from a sequence may skip some). */
  readonly contiguous: boolean;
  /** Whether the store keeps each stream's hash chain. */
  readonly hashChain: boolean;
  /** This run's streams are `<name>-<run>`. */
  readonly run: string;
  /** No event of this run has a position below it. */
  readonly start: number;
  /** A deep copy of every event as first read, by position. */
  readonly seen: Map<number, StoredEvent<Counted>>;
}

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left)}`);
  return r.right;
};

const name = (r: Real, stream: number): string => `${STREAMS[stream] as string}-${r.run}`;

const readRun = async (r: Real): Promise<ReadonlyArray<StoredEvent<Counted>>> =>
  right(await r.store.readAll({ fromPosition: r.start })());

type Kind = 'current' | 'stale' | 'any' | 'no-stream' | 'stream-exists';

class Append implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly stream: number,
    readonly texts: ReadonlyArray<string>,
    readonly kind: Kind,
  ) {}
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const streamId = name(r, this.stream);
    const ids = m.streams.get(streamId) ?? [];
    const current = ids.length === 0 ? ('no-stream' as const) : ids.length - 1;
    const expected: ExpectedRevision =
      this.kind === 'current'
        ? expectedRevisionOf(current)
        : this.kind === 'stale'
          ? { exact: ids.length < 2 ? ids.length + 2 : ids.length - 2 }
          : this.kind;
    const succeeds =
      this.kind === 'current' ||
      this.kind === 'any' ||
      (this.kind === 'no-stream' && ids.length === 0) ||
      (this.kind === 'stream-exists' && ids.length > 0);
    const events = this.texts.map((text, n): NewEvent<Counted> => ({
      eventId: randomUUID(),
      type: 'Counted',
      data: { type: 'Counted', n, text },
      metadata: { n, text },
    }));
    const result = await r.store.append(streamId, events, expected)();
    if (!succeeds) {
      expect(result).toMatchObject(E.left({ _tag: 'WrongExpectedRevision', streamId, actual: current }));
      return;
    }
    const ok = right(result);
    expect(ok.nextExpectedRevision).toBe(
      ids.length + events.length === 0 ? 'no-stream' : ids.length + events.length - 1,
    );
    if (events.length === 0) return;
    m.streams.set(streamId, [...ids, ...events.map((e) => e.eventId)]);
    for (const e of events) m.log.push({ streamId, eventId: e.eventId });
    m.lastBatch = { streamId, events, expected, result: ok };
  }
  toString = (): string => `append(${STREAMS[this.stream]}, ${this.texts.length}, ${this.kind})`;
}

class Retry implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>): boolean => m.lastBatch !== undefined;
  async run(m: Model, r: Real): Promise<void> {
    const last = m.lastBatch;
    if (last === undefined) return;
    expect(await r.store.append(last.streamId, last.events, last.expected)()).toEqual(E.right(last.result));
  }
  toString = (): string => 'retry(last batch)';
}

class ReadStream implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly stream: number,
    readonly direction: 'forward' | 'backward',
    readonly from: number | undefined,
    readonly max: number | undefined,
  ) {}
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const streamId = name(r, this.stream);
    const ids = m.streams.get(streamId) ?? [];
    const options = {
      direction: this.direction,
      ...(this.from === undefined ? {} : { fromRevision: this.from }),
      ...(this.max === undefined ? {} : { maxCount: this.max }),
    };
    const read = right(await r.store.readStream(streamId, options)()).map((e) => e.eventId);
    const max = this.max ?? Infinity;
    const expected =
      this.direction === 'forward'
        ? ids.slice(this.from ?? 0).slice(0, max)
        : ids
            .slice(0, (this.from ?? ids.length - 1) + 1)
            .reverse()
            .slice(0, max);
    expect(read).toEqual(expected);
  }
  toString = (): string => `readStream(${STREAMS[this.stream]}, ${this.direction}, ${this.from}, ${this.max})`;
}

class ReadAll implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly from: number,
    readonly max: number | undefined,
  ) {}
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    // Positions need not be contiguous: start from the position of the model's `from`-th event.
    const all = await readRun(r);
    const last = all[all.length - 1];
    const fromPosition = all[this.from]?.position ?? (last === undefined ? r.start : last.position + 1);
    const read = right(
      await r.store.readAll(this.max === undefined ? { fromPosition } : { fromPosition, maxCount: this.max })(),
    );
    expect(read.map((e) => e.eventId)).toEqual(
      m.log.slice(this.from, this.max === undefined ? undefined : this.from + this.max).map((e) => e.eventId),
    );
  }
  toString = (): string => `readAll(${this.from}, ${this.max})`;
}

/** What must hold after every command, whatever came before. */
class CheckInvariants implements fc.AsyncCommand<Model, Real> {
  check = (): boolean => true;
  async run(m: Model, r: Real): Promise<void> {
    const all = await readRun(r);
    // readAll is the concatenation of the appends, in append order; positions strictly increase (without gaps
    // where the store promises it).
    expect(all.map((e) => [e.streamId, e.eventId])).toEqual(m.log.map((e) => [e.streamId, e.eventId]));
    expect(all.every((e, i) => i === 0 || e.position > (all[i - 1] as StoredEvent<Counted>).position)).toBe(true);
    if (r.contiguous) expect(all.every((e, i) => e.position === r.start + i)).toBe(true);
    // Recorded events never change afterwards (Art. 17(1)): each equals the copy taken when it was first read.
    for (const e of all) {
      const before = r.seen.get(e.position);
      if (before === undefined) r.seen.set(e.position, structuredClone(e));
      else expect(e).toEqual(before);
    }
    for (const [streamId, ids] of m.streams) {
      const events = right(await r.store.readStream(streamId)());
      // Revisions grow by exactly one per event, from 0.
      expect(events.map((e) => e.revision)).toEqual(ids.map((_, i) => i));
      expect(events.map((e) => e.eventId)).toEqual(ids);
      if (r.hashChain) expect(verifyStreamChain(events)).toEqual(E.right(undefined));
    }
  }
  toString = (): string => '';
}

const append = fc
  .tuple(
    fc.nat(STREAMS.length - 1),
    fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 4 }),
    fc.constantFrom<Kind>('current', 'current', 'stale', 'any', 'no-stream', 'stream-exists'),
  )
  .map(([s, texts, kind]) => new Append(s, texts, kind));

/** What an adapter hands the model-based suite: one store for the whole suite. */
export interface ModelSubject {
  readonly store: EventStore<ModelEvent>;
  /** Positions run 0, 1, 2, ... without gaps (default false: they only strictly increase). */
  readonly contiguousPositions?: boolean;
  /** The store keeps each stream's hash chain, which must verify (default true). */
  readonly hashChain?: boolean;
  /** Releases what the store holds after the suite. */
  readonly dispose?: () => Promise<void>;
}

/** Options of {@link describeEventStoreModel}. */
export interface ModelSuiteOptions {
  /** Command sequences tried (default 25). */
  readonly numRuns?: number;
  /** Commands in a sequence at most (default 40). */
  readonly maxCommands?: number;
}

/**
 * Registers the model-based property test of the event store port (vitest): for any sequence of appends (every kind
 * of expected revision, stale ones included), retries of the last batch, stream reads and global reads, recorded
 * events never change, revisions grow by one per stream, positions strictly increase, `readAll` is the appends in
 * order, and every hash chain verifies (Art. 17(1)). `subject` is called once, with the suite's codec, before the
 * runs; only the suite may write to the store while it runs.
 */
export const describeEventStoreModel = (
  name: string,
  subject: (codec: typeof ModelEventCodec) => Promise<ModelSubject>,
  options: ModelSuiteOptions = {},
): void => {
  // Appends weigh double: every run should write enough to make its reads interesting.
  const commands = fc.commands(
    [
      append,
      append,
      fc.constant(new Retry()),
      fc
        .tuple(
          fc.nat(STREAMS.length - 1),
          fc.constantFrom<'forward' | 'backward'>('forward', 'backward'),
          fc.option(fc.nat(12), { nil: undefined }),
          fc.option(fc.nat(6), { nil: undefined }),
        )
        .map(([s, d, from, max]) => new ReadStream(s, d, from, max)),
      fc.tuple(fc.nat(30), fc.option(fc.nat(10), { nil: undefined })).map(([from, max]) => new ReadAll(from, max)),
    ],
    { maxCommands: options.maxCommands ?? 40, size: 'large' },
  );

  describe(`${name} event store properties`, () => {
    let held: ModelSubject | undefined;
    // The position after the last event any earlier run wrote.
    let next = 0;
    beforeAll(async () => {
      held = await subject(ModelEventCodec);
      const all = right(await held.store.readAll({ fromPosition: 0 })());
      next = (all[all.length - 1]?.position ?? -1) + 1;
    });
    afterAll(async () => {
      await held?.dispose?.();
    });

    it(
      'Art. 17(1) stored eternally: for any sequence of appends, retries and reads, recorded events never change, ' +
        'revisions grow by one per stream, positions strictly increase, readAll is the appends in order, and every ' +
        'hash chain verifies',
      async () => {
        const s = held as ModelSubject;
        await fc.assert(
          fc.asyncProperty(commands, async (cmds) => {
            const real: Real = {
              store: s.store,
              contiguous: s.contiguousPositions ?? false,
              hashChain: s.hashChain ?? true,
              run: randomUUID(),
              start: next,
              seen: new Map(),
            };
            try {
              await fc.asyncModelRun(
                () => ({ model: { streams: new Map(), log: [] } as Model, real }),
                [...cmds].flatMap((c) => [c, new CheckInvariants()]),
              );
            } finally {
              const mine = right(await s.store.readAll({ fromPosition: next })());
              next = (mine[mine.length - 1]?.position ?? next - 1) + 1;
            }
          }),
          { numRuns: options.numRuns ?? 25 },
        );
      },
    );
  });
};
