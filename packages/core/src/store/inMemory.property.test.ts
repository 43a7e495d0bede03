import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { verifyStreamChain } from './hashChain.js';
import { createInMemoryEventStore, type InMemoryEventStore } from './inMemory.js';
import {
  expectedRevisionOf,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
  type StoredEvent,
} from './port.js';

// Model-based test: a plain model (the event ids of each stream, and of the log in append order) runs beside the
// store; after every command the store must agree with the model and with everything it answered before.

const Counted = t.type({ type: t.literal('Counted'), n: t.number, text: t.string });
type Counted = t.TypeOf<typeof Counted>;

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
  readonly store: InMemoryEventStore<Counted>;
  /** A deep copy of every event as first read, by position. */
  readonly seen: StoredEvent<Counted>[];
}

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left)}`);
  return r.right;
};

type Kind = 'current' | 'stale' | 'any' | 'no-stream' | 'stream-exists';

class Append implements fc.Command<Model, Real> {
  constructor(
    readonly stream: number,
    readonly texts: ReadonlyArray<string>,
    readonly kind: Kind,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const streamId = STREAMS[this.stream] as string;
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
    const result = r.store.appendSync(streamId, events, expected);
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

class Retry implements fc.Command<Model, Real> {
  check = (m: Readonly<Model>): boolean => m.lastBatch !== undefined;
  run(m: Model, r: Real): void {
    const last = m.lastBatch;
    if (last === undefined) return;
    expect(r.store.appendSync(last.streamId, last.events, last.expected)).toEqual(E.right(last.result));
  }
  toString = (): string => 'retry(last batch)';
}

class ReadStream implements fc.Command<Model, Real> {
  constructor(
    readonly stream: number,
    readonly direction: 'forward' | 'backward',
    readonly from: number | undefined,
    readonly max: number | undefined,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const streamId = STREAMS[this.stream] as string;
    const ids = m.streams.get(streamId) ?? [];
    const options = {
      direction: this.direction,
      ...(this.from === undefined ? {} : { fromRevision: this.from }),
      ...(this.max === undefined ? {} : { maxCount: this.max }),
    };
    const read = right(r.store.readStreamSync(streamId, options)).map((e) => e.eventId);
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

class ReadAll implements fc.Command<Model, Real> {
  constructor(
    readonly from: number,
    readonly max: number | undefined,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const read = right(
      r.store.readAllSync(
        this.max === undefined ? { fromPosition: this.from } : { fromPosition: this.from, maxCount: this.max },
      ),
    );
    expect(read.map((e) => e.eventId)).toEqual(
      m.log.slice(this.from, this.max === undefined ? undefined : this.from + this.max).map((e) => e.eventId),
    );
  }
  toString = (): string => `readAll(${this.from}, ${this.max})`;
}

/** What must hold after every command, whatever came before. */
const invariants = (m: Model, r: Real): void => {
  const all = right(r.store.readAllSync());
  // readAll is the concatenation of the appends, in append order; positions run 0, 1, 2, ... without gaps.
  expect(all.map((e) => [e.streamId, e.eventId])).toEqual(m.log.map((e) => [e.streamId, e.eventId]));
  expect(all.every((e, i) => e.position === i)).toBe(true);
  // Recorded events never change afterwards (Art. 17(1)): each equals the copy taken when it was first read.
  for (const e of all) {
    const before = r.seen[e.position];
    if (before === undefined) r.seen[e.position] = structuredClone(e);
    else expect(e).toEqual(before);
  }
  for (const [streamId, ids] of m.streams) {
    const events = right(r.store.readStreamSync(streamId));
    // Revisions grow by exactly one per event, from 0.
    expect(events.map((e) => e.revision)).toEqual(ids.map((_, i) => i));
    expect(events.map((e) => e.eventId)).toEqual(ids);
    expect(verifyStreamChain(events)).toEqual(E.right(undefined));
  }
};

const commands = fc.commands(
  [
    fc
      .tuple(
        fc.nat(STREAMS.length - 1),
        fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 4 }),
        fc.constantFrom<Kind>('current', 'current', 'stale', 'any', 'no-stream', 'stream-exists'),
      )
      .map(([s, texts, kind]) => new Append(s, texts, kind)),
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
  { maxCommands: 60 },
);

describe('in-memory event store properties', () => {
  it(
    'Art. 17(1) stored eternally: for any sequence of appends, retries and reads, recorded events never change, ' +
      'revisions grow by one per stream, positions increase without gaps, readAll is the appends in order, and every ' +
      'hash chain verifies',
    () => {
      fc.assert(
        fc.property(commands, (cmds) => {
          const setup = () => {
            const model: Model = { streams: new Map(), log: [] };
            const real: Real = { store: createInMemoryEventStore({ codec: Counted, hashChain: true }), seen: [] };
            return { model, real };
          };
          fc.modelRun(
            setup,
            [...cmds].flatMap((c) => [c, new CheckInvariants()]),
          );
        }),
        { numRuns: 150 },
      );
    },
  );
});

// The instant check reads the everyday forms by hand; whatever it is given, it must answer as the regular expression
// and `Date.parse` do: instant-like texts with fields in and out of range, and with a character dropped, added or
// replaced.
const two = (max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
const instantLike = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    two(13),
    two(32),
    two(25),
    two(61),
    fc.option(fc.tuple(two(61), fc.option(fc.stringMatching(/^[0-9]{0,10}$/)))),
    fc.oneof(
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-', '~'), two(25), two(61)).map((z) => `${z[0]}${z[1]}:${z[2]}`),
    ),
  )
  .map(([y, mo, d, h, mi, sec, zone]) => {
    const s = sec === null ? '' : `:${sec[0]}${sec[1] === null ? '' : `.${sec[1]}`}`;
    return `${y}-${mo}-${d}T${h}:${mi}${s}${zone}`;
  });
const edited = fc.oneof(
  instantLike,
  fc
    .tuple(instantLike, fc.nat(), fc.constantFrom('', '0', '9', '-', ':', 'T', 'Z', '+', '.', ' '))
    .map(([s, i, c]) => s.slice(0, i % (s.length + 1)) + c + s.slice((i % (s.length + 1)) + 1)),
);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

describe('recordedAt', () => {
  it('is accepted exactly when it is an ISO-8601 instant with an offset that Date.parse reads', () => {
    fc.assert(
      fc.property(edited, (at) => {
        const store = createInMemoryEventStore({ codec: Counted });
        const r = store.appendSync(
          'subject-a',
          [{ eventId: randomUUID(), type: 'Counted', data: { type: 'Counted', n: 0, text: '' }, recordedAt: at }],
          'any',
        );
        expect(E.isRight(r)).toBe(ISO_8601.test(at) && !Number.isNaN(Date.parse(at)));
      }),
      { numRuns: 2000 },
    );
  });
});

class CheckInvariants implements fc.Command<Model, Real> {
  check = (): boolean => true;
  run = invariants;
  toString = (): string => '';
}
