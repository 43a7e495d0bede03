import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import { checkExpected, checkReadAll, checkReadStream, checkStreamId, eventsCheck } from './requestChecks.js';
import { corruptEvent, invalidArgument, wrongExpectedRevision, type StoreError } from './errors.js';
import { eventHash, GENESIS_HASH } from './hashChain.js';
import type {
  AppendResult,
  CurrentRevision,
  EventCodec,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeFrom,
  Subscription,
  SubscriptionError,
  SubscriptionHandler,
} from './port.js';

/** Options of {@link createInMemoryEventStore}. */
export interface InMemoryEventStoreOptions<E> {
  /** Decodes events that entered through {@link InMemoryEventStore.appendUnchecked}, and encodes data for hashing. */
  readonly codec: EventCodec<E>;
  /** Keep the per-stream SHA-256 chain (`hash`, `previousHash`). Default `false`: it costs ~1 µs and ~90 bytes an event. */
  readonly hashChain?: boolean;
  /**
   * Deep-freeze data and metadata on append, so that no reference held by a writer or a reader can change a recorded
   * event. Default `true`; turn it off only for bulk replays whose values nobody else holds.
   */
  readonly freeze?: boolean;
  /** The ISO-8601 instant stamped on events appended without `recordedAt`. Default: the system clock. */
  readonly clock?: () => string;
  /**
   * How many of a stream's latest events an `'any'` or `'stream-exists'` append searches for its first event id, to
   * recognise a retried batch. Default 100; `Infinity` searches the whole stream.
   */
  readonly idempotencyWindow?: number;
}

/**
 * The in-memory event store: the {@link EventStore} port plus synchronous paths for bulk import and replay.
 *
 * Values appended through the typed paths are trusted (they were `E` when appended) and read back without decoding;
 * values appended through {@link InMemoryEventStore.appendUnchecked} stand for data from outside and are decoded by the
 * codec on every read, a failure giving a `CorruptEvent` that names stream and revision.
 */
export interface InMemoryEventStore<E> extends EventStore<E> {
  /** {@link EventStore.append} without a promise: for bulk imports that append millions of events. */
  readonly appendSync: (
    streamId: string,
    events: ReadonlyArray<NewEvent<E>>,
    expected: ExpectedRevision,
  ) => E.Either<StoreError, AppendResult>;
  /** Appends values that were not validated (as a file or another store would supply them); decoded on read. */
  readonly appendUnchecked: (
    streamId: string,
    events: ReadonlyArray<NewEvent<unknown>>,
    expected: ExpectedRevision,
  ) => E.Either<StoreError, AppendResult>;
  /** {@link EventStore.readStream} without a promise. */
  readonly readStreamSync: (
    streamId: string,
    options?: ReadStreamOptions,
  ) => E.Either<StoreError, ReadonlyArray<StoredEvent<E>>>;
  /** {@link EventStore.readAll} without a promise. */
  readonly readAllSync: (options?: ReadAllOptions) => E.Either<StoreError, ReadonlyArray<StoredEvent<E>>>;
  /** {@link EventStore.streamRevision} without a promise. */
  readonly streamRevisionSync: (streamId: string) => E.Either<StoreError, CurrentRevision>;
  /** The number of events recorded (also the next global position: positions are gap-free from 0). */
  readonly eventCount: () => number;
  /** The names of the streams that hold events, in the order of their first event. */
  readonly streamIds: () => ReadonlyArray<string>;
}

// Storage is columnar, in fixed chunks of CHUNK events, so that an event costs 48 bytes of its own on a 64-bit V8
// without pointer compression (16 in an Int32Array, 4 pointers in a plain array) and growing never copies the log:
//   ints: [stream number, revision, position of the previous event of the same stream or -1, type number]
//   refs: [eventId, data, metadata, recordedAt]
// A stream is its last position (its event count is that event's revision + 1); its events are linked backwards
// through `previous`. Chunks of 4096 events keep the unused tail of the last one small (at most ~200 KB).
const SHIFT = 12;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;
const INTS = 4;
const REFS = 4;
const FIRST_CHUNK_EVENTS = 64;

interface Chunk {
  ints: Int32Array;
  refs: unknown[];
}

const EMPTY_METADATA: EventMetadata = Object.freeze({});

const deepFreeze = (v: unknown): void => {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
  Object.freeze(v);
  if (Array.isArray(v)) {
    for (let k = 0; k < v.length; k++) deepFreeze(v[k]);
    return;
  }
  // for-in walks V8's enum cache without allocating a key array (Object.keys would, per object).
  for (const key in v) {
    const x = (v as Record<string, unknown>)[key];
    if (typeof x === 'object' && x !== null) deepFreeze(x);
  }
};

/** Creates an empty in-memory event store (see {@link InMemoryEventStore}). */
export const createInMemoryEventStore = <E>(options: InMemoryEventStoreOptions<E>): InMemoryEventStore<E> => {
  const { codec } = options;
  const keepHashes = options.hashChain ?? false;
  const freeze = options.freeze ?? true;
  const clock = options.clock ?? (() => new Date().toISOString());
  const window = options.idempotencyWindow ?? 100;

  const chunks: Chunk[] = [];
  let length = 0;

  const streamIndex = new Map<string, number>();
  const streamNames: string[] = [];
  const streamLast: number[] = [];

  const typeIndex = new Map<string, number>();
  const typeNames: string[] = [];
  let lastType = '';
  let lastTypeNo = -1;

  const hashes: string[] = [];
  // Positions of events appended unchecked: decoded on read. Empty unless that path is used.
  const unchecked = new Set<number>();
  // Per store, so that the instant it remembers as valid is this store's last one.
  const checkEvents = eventsCheck();

  const wakers = new Set<() => void>();

  const intAt = (p: number, field: number): number =>
    (chunks[p >>> SHIFT] as Chunk).ints[((p & MASK) * INTS + field) | 0] as number;
  const refAt = (p: number, field: number): unknown => (chunks[p >>> SHIFT] as Chunk).refs[(p & MASK) * REFS + field];
  /** How many events stream `s` holds: its last event's revision + 1 (none while its first batch is written). */
  const countOf = (s: number): number => {
    const last = streamLast[s] as number;
    return last < 0 ? 0 : intAt(last, 1) + 1;
  };

  const typeNumber = (type: string): number => {
    if (type === lastType) return lastTypeNo;
    let n = typeIndex.get(type);
    if (n === undefined) {
      n = typeNames.length;
      typeNames.push(type);
      typeIndex.set(type, n);
    }
    lastType = type;
    lastTypeNo = n;
    return n;
  };

  /** Positions of a stream's revisions `from..to` (inclusive, within the stream), last first. */
  const positionsBackward = (s: number, from: number, to: number): number[] => {
    let p = streamLast[s] as number;
    let rev = countOf(s) - 1;
    while (rev > to) {
      p = intAt(p, 2);
      rev--;
    }
    const out: number[] = [];
    while (rev >= from) {
      out.push(p);
      p = intAt(p, 2);
      rev--;
    }
    return out;
  };

  // The reason the last `materialise` returned undefined: one allocation fewer per event read than an Either.
  let failure: StoreError | undefined;

  const materialise = (p: number): StoredEvent<E> | undefined => {
    const c = chunks[p >>> SHIFT] as Chunk;
    const i = (p & MASK) * INTS;
    const r = (p & MASK) * REFS;
    const streamId = streamNames[c.ints[i] as number] as string;
    const revision = c.ints[i + 1] as number;
    let data = c.refs[r + 1];
    if (unchecked.size > 0 && unchecked.has(p)) {
      const decoded = codec.decode(data);
      if (E.isLeft(decoded)) {
        failure = corruptEvent(streamId, revision, p, PathReporter.report(decoded).join('; '));
        return undefined;
      }
      data = decoded.right;
    }
    const eventId = c.refs[r] as string;
    const type = typeNames[c.ints[i + 3] as number] as string;
    const metadata = c.refs[r + 2] as EventMetadata;
    const recordedAt = c.refs[r + 3] as string;
    if (!keepHashes) return { streamId, revision, position: p, eventId, type, data: data as E, metadata, recordedAt };
    const previous = c.ints[i + 2] as number;
    return {
      streamId,
      revision,
      position: p,
      eventId,
      type,
      data: data as E,
      metadata,
      recordedAt,
      hash: hashes[p] as string,
      previousHash: previous < 0 ? GENESIS_HASH : (hashes[previous] as string),
    };
  };

  const materialiseRange = (from: number, end: number): E.Either<StoreError, StoredEvent<E>[]> => {
    const out = new Array<StoredEvent<E>>(Math.max(0, end - from));
    for (let k = from; k < end; k++) {
      const e = materialise(k);
      if (e === undefined) return E.left(failure as StoreError);
      out[k - from] = e;
    }
    return E.right(out);
  };

  /**
   * A stream's revisions `from..to` (inclusive), in forward or backward order: walked back from the stream's last
   * event along `previous`, each event written straight into its slot (no array of positions in between).
   */
  const materialiseStream = (
    s: number,
    from: number,
    to: number,
    forward: boolean,
  ): E.Either<StoreError, StoredEvent<E>[]> => {
    let p = streamLast[s] as number;
    let rev = countOf(s) - 1;
    while (rev > to) {
      p = intAt(p, 2);
      rev--;
    }
    const n = to - from + 1;
    const out = new Array<StoredEvent<E>>(n);
    // The error is the first event read that does not decode: in a forward read, the last one met walking back.
    let first: StoreError | undefined;
    for (let k = 0; k < n; k++) {
      const e = materialise(p);
      if (e === undefined) {
        if (!forward) return E.left(failure as StoreError);
        first = failure;
      } else out[forward ? n - 1 - k : k] = e;
      p = intAt(p, 2);
    }
    return first === undefined ? E.right(out) : E.left(first);
  };

  /**
   * Whether `events` are exactly the stream's events from revision `from` on (an idempotent retry). A batch that
   * matches only in part is not: that is EventStoreDB's "corrupted idempotency", reported as a conflict.
   */
  const matchesAt = (s: number, from: number, events: ReadonlyArray<NewEvent<unknown>>): boolean => {
    const to = from + events.length - 1;
    if (to > countOf(s) - 1) return false;
    const positions = positionsBackward(s, from, to);
    for (let k = 0; k < positions.length; k++) {
      const e = events[events.length - 1 - k] as NewEvent<unknown>;
      if (refAt(positions[k] as number, 0) !== e.eventId) return false;
    }
    return true;
  };

  /** The revision of the latest event among the stream's last `window` events whose id is `eventId`, or -1. */
  const findRecent = (s: number, eventId: string): number => {
    let p = streamLast[s] as number;
    let rev = countOf(s) - 1;
    for (let seen = 0; rev >= 0 && seen < window; seen++) {
      if (refAt(p, 0) === eventId) return rev;
      p = intAt(p, 2);
      rev--;
    }
    return -1;
  };

  const idempotentResult = (s: number, from: number, n: number): AppendResult => {
    const last = from + n - 1;
    return { nextExpectedRevision: last, position: positionsBackward(s, last, last)[0] as number };
  };

  const conflict = (streamId: string, expected: ExpectedRevision, count: number): E.Either<StoreError, never> =>
    E.left(wrongExpectedRevision(streamId, expected, count === 0 ? 'no-stream' : count - 1));

  /** The outcome of an append whose batch the stream may already hold from revision `from` on. */
  const retryAt = (
    streamId: string,
    s: number | undefined,
    from: number,
    events: ReadonlyArray<NewEvent<unknown>>,
    expected: ExpectedRevision,
  ): E.Either<StoreError, AppendResult> =>
    s !== undefined && events.length > 0 && matchesAt(s, from, events)
      ? E.right(idempotentResult(s, from, events.length))
      : conflict(streamId, expected, s === undefined ? 0 : countOf(s));

  /**
   * Decides whether the append goes ahead (`undefined`), is an idempotent retry, or conflicts; `expected` has passed
   * {@link checkExpected}.
   */
  const decide = (
    streamId: string,
    s: number | undefined,
    events: ReadonlyArray<NewEvent<unknown>>,
    expected: ExpectedRevision,
  ): E.Either<StoreError, AppendResult> | undefined => {
    const count = s === undefined ? 0 : countOf(s);
    if (expected === 'any' || expected === 'stream-exists') {
      if (s === undefined || count === 0) return expected === 'any' ? undefined : conflict(streamId, expected, 0);
      const first = events[0];
      if (first === undefined) return undefined;
      const at = findRecent(s, first.eventId);
      return at < 0 ? undefined : retryAt(streamId, s, at, events, expected);
    }
    if (expected === 'no-stream') return count === 0 ? undefined : retryAt(streamId, s, 0, events, expected);
    if (expected.exact === count - 1) return undefined;
    return expected.exact < count - 1
      ? retryAt(streamId, s, expected.exact + 1, events, expected)
      : conflict(streamId, expected, count);
  };

  // Arrays are allocated at their size and filled by index: several times faster than push, and without spare
  // capacity. Only the first chunk starts small (a store used by one test holds a handful of events) and doubles.
  const newChunk = (): Chunk => {
    const events = chunks.length === 0 ? FIRST_CHUNK_EVENTS : CHUNK;
    const c: Chunk = { ints: new Int32Array(events * INTS), refs: new Array<unknown>(events * REFS) };
    chunks.push(c);
    return c;
  };

  const grow = (c: Chunk): void => {
    const events = Math.min(CHUNK, (c.ints.length / INTS) * 2);
    const ints = new Int32Array(events * INTS);
    ints.set(c.ints);
    const refs = new Array<unknown>(events * REFS);
    for (let k = 0; k < c.refs.length; k++) refs[k] = c.refs[k];
    c.ints = ints;
    c.refs = refs;
  };

  const write = (
    streamId: string,
    events: ReadonlyArray<NewEvent<unknown>>,
    expected: ExpectedRevision,
    trusted: boolean,
  ): E.Either<StoreError, AppendResult> => {
    const bad = checkStreamId('append', streamId) ?? checkEvents(streamId, events) ?? checkExpected(expected);
    if (bad !== undefined) return E.left(bad);
    let s = streamIndex.get(streamId);
    const decided = decide(streamId, s, events, expected);
    if (decided !== undefined) return decided;
    const n = events.length;
    const count = s === undefined ? 0 : countOf(s);
    if (n === 0) return E.right({ nextExpectedRevision: count === 0 ? 'no-stream' : count - 1, position: null });

    let stamp: string | undefined;
    // Everything that can fail happens before the first write, so a batch is recorded whole or not at all.
    let newHashes: string[] | undefined;
    if (keepHashes) {
      newHashes = [];
      let previous = count === 0 ? GENESIS_HASH : (hashes[streamLast[s as number] as number] as string);
      for (let k = 0; k < n; k++) {
        const e = events[k] as NewEvent<unknown>;
        const h = eventHash(
          {
            streamId,
            revision: count + k,
            eventId: e.eventId,
            type: e.type,
            data: trusted ? codec.encode(e.data as E) : e.data,
            metadata: e.metadata ?? EMPTY_METADATA,
            recordedAt: e.recordedAt ?? (stamp ??= clock()),
          },
          previous,
        );
        if (E.isLeft(h)) {
          return E.left(
            invalidArgument('append', `stream ${streamId}, event ${k}: not JSON at ${h.left.path}: ${h.left.reason}`),
          );
        }
        newHashes.push(h.right);
        previous = h.right;
      }
    }

    if (s === undefined) {
      s = streamNames.length;
      streamIndex.set(streamId, s);
      streamNames.push(streamId);
      streamLast.push(-1);
    }
    let previous = streamLast[s] as number;
    let chunk = chunks[chunks.length - 1];
    for (let k = 0; k < n; k++) {
      const e = events[k] as NewEvent<unknown>;
      const p = length;
      const o = p & MASK;
      if (o === 0) chunk = newChunk();
      else if (o * INTS >= (chunk as Chunk).ints.length) grow(chunk as Chunk);
      const c = chunk as Chunk;
      const i = o * INTS;
      const r = o * REFS;
      c.ints[i] = s;
      c.ints[i + 1] = count + k;
      c.ints[i + 2] = previous;
      c.ints[i + 3] = typeNumber(e.type);
      const metadata = e.metadata ?? EMPTY_METADATA;
      if (freeze) {
        deepFreeze(e.data);
        // The shared empty metadata is frozen already (and Object.isFrozen is not free).
        if (metadata !== EMPTY_METADATA) deepFreeze(metadata);
      }
      c.refs[r] = e.eventId;
      c.refs[r + 1] = e.data;
      c.refs[r + 2] = metadata;
      c.refs[r + 3] = e.recordedAt ?? (stamp ??= clock());
      if (!trusted) unchecked.add(p);
      previous = p;
      length = p + 1;
    }
    if (newHashes !== undefined) for (const h of newHashes) hashes.push(h);
    streamLast[s] = previous;
    for (const wake of wakers) wake();
    return E.right({ nextExpectedRevision: count + n - 1, position: previous });
  };

  const readStreamSync = (
    streamId: string,
    options: ReadStreamOptions = {},
  ): E.Either<StoreError, ReadonlyArray<StoredEvent<E>>> => {
    const bad = checkStreamId('readStream', streamId) ?? checkReadStream(options);
    if (bad !== undefined) return E.left(bad);
    const { direction = 'forward', fromRevision, maxCount = Infinity } = options;
    const s = streamIndex.get(streamId);
    if (s === undefined || maxCount === 0) return E.right([]);
    const last = countOf(s) - 1;
    if (direction === 'forward') {
      const from = fromRevision ?? 0;
      if (from > last) return E.right([]);
      const to = Math.min(last, from + maxCount - 1);
      return materialiseStream(s, from, to, true);
    }
    const to = Math.min(last, fromRevision ?? last);
    const from = Math.max(0, to - maxCount + 1);
    return materialiseStream(s, from, to, false);
  };

  const readAllSync = (options: ReadAllOptions = {}): E.Either<StoreError, ReadonlyArray<StoredEvent<E>>> => {
    const bad = checkReadAll(options);
    if (bad !== undefined) return E.left(bad);
    const { fromPosition = 0, maxCount = Infinity } = options;
    return materialiseRange(fromPosition, Math.min(length, fromPosition + maxCount));
  };

  const streamRevisionSync = (streamId: string): E.Either<StoreError, CurrentRevision> => {
    const bad = checkStreamId('streamRevision', streamId);
    if (bad !== undefined) return E.left(bad);
    const s = streamIndex.get(streamId);
    return E.right(s === undefined ? 'no-stream' : countOf(s) - 1);
  };

  const subscribeNow = (from: SubscribeFrom, handler: SubscriptionHandler<E>): Subscription => {
    // One loop over the log serves both catch-up and live delivery: there is no switch-over to get wrong, so no gap
    // and no duplicate can arise, whatever is appended while the subscriber works.
    let next = from === 'start' ? 0 : from === 'end' ? length : from.after + 1;
    let stopped = false;
    let wait: (() => void) | undefined;
    const wake = (): void => {
      const w = wait;
      wait = undefined;
      w?.();
    };
    let markCaughtUp!: () => void;
    const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
    let settle!: (result: E.Either<SubscriptionError, void>) => void;
    const closed = new Promise<E.Either<SubscriptionError, void>>((resolve) => (settle = resolve));
    const finish = (result: E.Either<SubscriptionError, void>): void => {
      stopped = true;
      wakers.delete(wake);
      markCaughtUp();
      settle(result);
    };
    wakers.add(wake);

    const run = async (): Promise<void> => {
      let sinceYield = 0;
      while (!stopped) {
        if (next >= length) {
          markCaughtUp();
          await new Promise<void>((resolve) => (wait = resolve));
          continue;
        }
        const event = materialise(next);
        if (event === undefined) return finish(E.left(failure as StoreError));
        const position = next++;
        try {
          const r = handler(event);
          if (r !== undefined) await r;
        } catch (error) {
          return finish(E.left({ _tag: 'SubscriberFailed', position, error }));
        }
        // A synchronous subscriber catching up on millions of events must still let appends and timers run.
        if (++sinceYield === 1024) {
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    };
    // Start after the caller has its Subscription, never inside the subscribe call.
    const done = Promise.resolve().then(run);
    const stop = async (): Promise<void> => {
      stopped = true;
      wake();
      await done;
      finish(E.right(undefined));
    };
    return { caughtUp, closed, stop };
  };

  return {
    append: (streamId, events, expected) => () => Promise.resolve(write(streamId, events, expected, true)),
    readStream: (streamId, options) => () => Promise.resolve(readStreamSync(streamId, options)),
    readAll: (options) => () => Promise.resolve(readAllSync(options)),
    subscribe: (from, handler) => () => {
      if (
        from !== 'start' &&
        from !== 'end' &&
        !(typeof from === 'object' && Number.isSafeInteger(from.after) && from.after >= -1)
      ) {
        return Promise.resolve(
          E.left(
            invalidArgument('subscribe', `start ${JSON.stringify(from)} is not start, end or { after: position }`),
          ),
        );
      }
      return TE.right(subscribeNow(from, handler))();
    },
    streamRevision: (streamId) => () => Promise.resolve(streamRevisionSync(streamId)),
    appendSync: (streamId, events, expected) => write(streamId, events, expected, true),
    appendUnchecked: (streamId, events, expected) => write(streamId, events, expected, false),
    readStreamSync,
    readAllSync,
    streamRevisionSync,
    eventCount: () => length,
    streamIds: () => streamNames.slice(),
  };
};
