import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type {
  AllStreamSubscription,
  EventData,
  EventStoreDBClient,
  Filter,
  JSONType,
  ReadStreamOptions as EsdbReadStreamOptions,
} from '@eventstore/db-client';
import {
  corruptEvent,
  invalidArgument,
  storeUnavailable,
  wrongExpectedRevision,
  type InvalidArgument,
  type StoreError,
} from '../errors.js';
import {
  checkExpected,
  checkReadAll,
  checkReadStream,
  checkStreamId,
  eventsCheck,
  type CheckEvents,
} from '../requestChecks.js';
import { eventHash, GENESIS_HASH } from '../hashChain.js';
import type {
  AppendResult,
  CurrentRevision,
  EventCodec,
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
} from '../port.js';
import { streamKind } from '../streams.js';
import { isStreamNotFound, isWrongExpectedVersion, storeErrorOf } from './clientErrors.js';
import { decodeRaw, isPortEvent, rawFromRecorded, type Envelope, type RawEvent, type RecordedLike } from './events.js';
import {
  BACKWARDS,
  END,
  esdbExpected,
  esdbPosition,
  esdbSubscribeFrom,
  FORWARDS,
  MAX_PORT_NUMBER,
  portCurrentRevision,
  START,
} from './positions.js';

/**
 * The operations of the EventStoreDB client the adapter uses: reads, appends, `$all` subscriptions and stream
 * metadata (the last only in the retention setter and the verifier, never in the store). An `EventStoreDBClient`
 * has them all.
 */
export type EventStoreDbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'getStreamMetadata' | 'setStreamMetadata'
>;

/** Options of {@link createEventStoreDbStore}. */
export interface EventStoreDbStoreOptions<E> {
  /** A connected client, e.g. `EventStoreDBClient.connectionString('esdb://localhost:2113?tls=false')`. */
  readonly client: EventStoreDbClient;
  /** Encodes appended data to JSON and decodes every event read. */
  readonly codec: EventCodec<E>;
  /** The ISO-8601 instant stamped on events appended without `recordedAt`. Default: the system clock. */
  readonly clock?: () => string;
  /**
   * A prefix of every EventStoreDB stream name this store writes and the only streams it reads (`readAll` and
   * `subscribe` see nothing else). Default `''`. Meant for tests sharing one database and for tenants; note that
   * EventStoreDB's category projection then sees `<namespace>subject` as the category.
   */
  readonly namespace?: string;
  /**
   * How many of a stream's latest events an `'any'` or `'stream-exists'` append searches for its first event id to
   * recognise a retried batch (as the in-memory store). Default 100.
   */
  readonly idempotencyWindow?: number;
  /** How often an append re-reads the stream head after losing a race it was not asked to detect. Default 5. */
  readonly maxAttempts?: number;
}

// EventStoreDB event ids are UUIDs, read back in lowercase canonical form: anything else would not round-trip.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export { checkExpected, checkStreamId } from '../requestChecks.js';

/**
 * Checks a batch before anything is written, so that a batch is recorded whole or not at all: the common checks, with
 * EventStoreDB's lowercase UUID event ids and its reserved `$` event types.
 */
export const checkEvents: CheckEvents = eventsCheck({
  eventId: (id) =>
    typeof id === 'string' && UUID.test(id)
      ? undefined
      : `: eventId ${String(id)} is not a lowercase UUID (EventStoreDB requires one)`,
  type: (type) => (type.startsWith('$') ? ': event types beginning with $ are reserved' : undefined),
});

/** The store plus the unchecked append the conformance suite needs; only the store is public. */
export interface EventStoreDbStoreInternals<E> {
  readonly store: EventStore<E>;
  /** Appends data as given (already in stored JSON form), hash-chained, without the codec: a foreign writer. */
  readonly appendEncoded: (
    streamId: string,
    events: ReadonlyArray<NewEvent<unknown>>,
    expected: ExpectedRevision,
  ) => TE.TaskEither<StoreError, AppendResult>;
}

/**
 * Creates the EventStoreDB adapter of the {@link EventStore} port.
 *
 * - `append` maps to `appendToStream` with the expected revision made exact: the adapter reads the stream head to
 *   chain the new events' hashes to it, so it must know the revision it chains to. `'any'` and `'stream-exists'`
 *   appends that lose a race re-read and retry; `'no-stream'` and `{ exact }` ones report `WrongExpectedRevision`.
 *   Idempotent retries are recognised by event id as in the in-memory store.
 * - `readStream` maps to `readStream`; a forward read whose first event is not the revision asked for (events hidden
 *   by `$tb`, `$maxAge`, `$maxCount`, or scavenged) is a `CorruptEvent` on any stream but a login stream.
 * - `readAll` and `subscribe` map to `readAll` and `subscribeToAll`, without system events (`$` streams and types),
 *   with positions as described in `positions.ts`.
 *
 * Every event's `hash`, `previousHash` and `recordedAt` are kept in its EventStoreDB metadata (see `events.ts`).
 * Needs EventStoreDB 22.6 or later (stream reads report `$all` positions from that version on).
 */
export const createEventStoreDbStore = <E>(options: EventStoreDbStoreOptions<E>): EventStore<E> =>
  createEventStoreDbStoreInternals(options).store;

/** {@link createEventStoreDbStore} with the unchecked append used by the conformance suite. Not public. */
export const createEventStoreDbStoreInternals = <E>(
  options: EventStoreDbStoreOptions<E>,
): EventStoreDbStoreInternals<E> => {
  const { client, codec } = options;
  const namespace = options.namespace ?? '';
  if (namespace.startsWith('$')) throw new Error(`namespace ${namespace} begins with $, which EventStoreDB reserves`);
  const clock = options.clock ?? (() => new Date().toISOString());
  const window = options.idempotencyWindow ?? 100;
  const maxAttempts = options.maxAttempts ?? 5;

  const guard =
    <A>(
      operation: InvalidArgument['operation'],
      streamId: string | undefined,
      run: () => Promise<E.Either<StoreError, A>>,
    ): TE.TaskEither<StoreError, A> =>
    async () => {
      try {
        return await run();
      } catch (error) {
        return E.left(storeErrorOf(operation, error, streamId));
      }
    };

  /** A stream's recorded events; a stream without events (never written, or soft-deleted) reads as `[]`. */
  const readRecorded = async (name: string, read: EsdbReadStreamOptions): Promise<RecordedLike[]> => {
    const out: RecordedLike[] = [];
    try {
      for await (const resolved of client.readStream(name, read)) {
        if (resolved.event !== undefined) out.push(resolved.event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return out;
  };

  const lastRecorded = async (name: string): Promise<RecordedLike | undefined> =>
    (await readRecorded(name, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }))[0];

  /** The revision of the latest of the stream's last `window` events whose id is `eventId`, or -1. */
  const findRecent = async (name: string, eventId: string): Promise<number> => {
    const recent = await readRecorded(name, { direction: BACKWARDS, fromRevision: END, maxCount: window });
    const hit = recent.find((r) => r.id === eventId);
    return hit === undefined ? -1 : Number(hit.revision);
  };

  /** Decides whether an append goes ahead (`undefined`), is an idempotent retry, or conflicts (as in-memory). */
  const decide = async (
    streamId: string,
    name: string,
    current: CurrentRevision,
    events: ReadonlyArray<NewEvent<unknown>>,
    expected: ExpectedRevision,
  ): Promise<E.Either<StoreError, AppendResult> | undefined> => {
    const conflict = (): E.Either<StoreError, AppendResult> =>
      E.left(wrongExpectedRevision(streamId, expected, current));
    const retryAt = async (from: number): Promise<E.Either<StoreError, AppendResult>> => {
      if (events.length === 0 || current === 'no-stream' || from + events.length - 1 > current) return conflict();
      const there = await readRecorded(name, {
        direction: FORWARDS,
        fromRevision: BigInt(from),
        maxCount: events.length,
      });
      if (there.length !== events.length || there.some((r, k) => r.id !== events[k]?.eventId)) return conflict();
      const last = rawFromRecorded(there[there.length - 1] as RecordedLike, namespace);
      return E.map((e: RawEvent): AppendResult => ({ nextExpectedRevision: e.revision, position: e.position }))(last);
    };
    if (expected === 'any' || expected === 'stream-exists') {
      if (current === 'no-stream') return expected === 'any' ? undefined : conflict();
      const first = events[0];
      if (first === undefined) return undefined;
      const at = await findRecent(name, first.eventId);
      return at < 0 ? undefined : retryAt(at);
    }
    if (expected === 'no-stream') return current === 'no-stream' ? undefined : retryAt(0);
    if (expected.exact === current) return undefined;
    return current !== 'no-stream' && expected.exact < current ? retryAt(expected.exact + 1) : conflict();
  };

  const append = (
    streamId: string,
    events: ReadonlyArray<NewEvent<unknown>>,
    expected: ExpectedRevision,
    encode: (data: unknown) => unknown,
  ): TE.TaskEither<StoreError, AppendResult> =>
    guard('append', streamId, async () => {
      const bad = checkStreamId('append', streamId) ?? checkEvents(streamId, events) ?? checkExpected(expected);
      if (bad !== undefined) return E.left(bad);
      const name = namespace + streamId;
      // The revision EventStoreDB reports when no event is visible: a login stream whose events all expired.
      let invisibleHead: number | undefined;
      for (let attempt = 1; ; attempt++) {
        const head = await lastRecorded(name);
        let current: CurrentRevision = invisibleHead ?? 'no-stream';
        let previousHash = GENESIS_HASH;
        if (head !== undefined) {
          const raw = rawFromRecorded(head, namespace);
          if (E.isLeft(raw)) return raw;
          current = raw.right.revision;
          previousHash = raw.right.hash;
        }
        const decided = await decide(streamId, name, current, events, expected);
        if (decided !== undefined) return decided;
        if (events.length === 0) return E.right({ nextExpectedRevision: current, position: null });

        const first = current === 'no-stream' ? 0 : current + 1;
        let stamp: string | undefined;
        const data: EventData[] = [];
        for (let k = 0; k < events.length; k++) {
          const e = events[k] as NewEvent<unknown>;
          const encoded = encode(e.data);
          const metadata = e.metadata ?? {};
          const recordedAt = e.recordedAt ?? (stamp ??= clock());
          const hash = eventHash(
            { streamId, revision: first + k, eventId: e.eventId, type: e.type, data: encoded, metadata, recordedAt },
            previousHash,
          );
          if (E.isLeft(hash)) {
            return E.left(
              invalidArgument(
                'append',
                `stream ${streamId}, event ${k}: not JSON at ${hash.left.path}: ${hash.left.reason}`,
              ),
            );
          }
          const envelope: Envelope = { recordedAt, hash: hash.right, previousHash, metadata };
          data.push({
            id: e.eventId,
            contentType: 'application/json',
            type: e.type,
            data: encoded as JSONType,
            metadata: envelope,
          });
          previousHash = hash.right;
        }
        try {
          const result = await client.appendToStream(name, data, { expectedRevision: esdbExpected(current) });
          const last = first + events.length - 1;
          if (result.nextExpectedRevision !== BigInt(last)) {
            // Only a deleted-then-recreated stream renumbers like this: the events are written, hashed for the wrong
            // revisions, and the verifier will report the stream.
            return E.left(
              corruptEvent(
                streamId,
                first,
                -1,
                `EventStoreDB recorded the batch ending at revision ${result.nextExpectedRevision.toString()}, not ${last}: ` +
                  'the stream was deleted or truncated; run verifyEventStoreDb',
              ),
            );
          }
          // The append reports the commit position of the batch's last event, which is that event's port position.
          if (result.position !== undefined && result.position.commit <= BigInt(MAX_PORT_NUMBER)) {
            return E.right({ nextExpectedRevision: last, position: Number(result.position.commit) });
          }
          const written = await readRecorded(name, { direction: FORWARDS, fromRevision: BigInt(last), maxCount: 1 });
          const raw = rawFromRecorded(written[0] as RecordedLike, namespace);
          return E.map((e: RawEvent): AppendResult => ({ nextExpectedRevision: last, position: e.position }))(raw);
        } catch (error) {
          if (!isWrongExpectedVersion(error)) throw error;
          const actual = portCurrentRevision((error as { actualVersion: 'no_stream' | bigint }).actualVersion);
          if (
            head === undefined &&
            E.isRight(actual) &&
            actual.right !== 'no-stream' &&
            streamKind(streamId) === 'login'
          ) {
            invisibleHead = actual.right;
          }
          if (attempt >= maxAttempts) {
            return E.left(wrongExpectedRevision(streamId, expected, E.isRight(actual) ? actual.right : current));
          }
        }
      }
    });

  const readStream = (
    streamId: string,
    options: ReadStreamOptions = {},
  ): TE.TaskEither<StoreError, ReadonlyArray<StoredEvent<E>>> =>
    guard('readStream', streamId, async () => {
      const bad = checkStreamId('readStream', streamId) ?? checkReadStream(options);
      if (bad !== undefined) return E.left(bad);
      const { direction = 'forward', fromRevision, maxCount = Infinity } = options;
      if (maxCount === 0) return E.right([]);
      const forward = direction === 'forward';
      const read: EsdbReadStreamOptions = {
        direction: forward ? FORWARDS : BACKWARDS,
        fromRevision: fromRevision !== undefined ? BigInt(fromRevision) : forward ? START : END,
        ...(maxCount === Infinity ? {} : { maxCount }),
      };
      const recorded = await readRecorded(namespace + streamId, read);
      const out: StoredEvent<E>[] = [];
      for (const r of recorded) {
        const raw = rawFromRecorded(r, namespace);
        if (E.isLeft(raw)) return raw;
        if (
          out.length === 0 &&
          forward &&
          streamKind(streamId) !== 'login' &&
          raw.right.revision > (fromRevision ?? 0)
        ) {
          return E.left(
            corruptEvent(
              streamId,
              fromRevision ?? 0,
              raw.right.position,
              `events from revision ${fromRevision ?? 0} to ${raw.right.revision - 1} are hidden by stream metadata ` +
                '($tb, $maxAge, $maxCount) or were deleted and scavenged (69/2024/ND-CP Art. 17(1)); run verifyEventStoreDb',
            ),
          );
        }
        const decoded = decodeRaw(codec, raw.right);
        if (E.isLeft(decoded)) return decoded;
        out.push(decoded.right);
      }
      return E.right(out);
    });

  const readAll = (options: ReadAllOptions = {}): TE.TaskEither<StoreError, ReadonlyArray<StoredEvent<E>>> =>
    guard('readAll', undefined, async () => {
      const bad = checkReadAll(options);
      if (bad !== undefined) return E.left(bad);
      const { fromPosition = 0, maxCount = Infinity } = options;
      const out: StoredEvent<E>[] = [];
      if (maxCount === 0) return E.right(out);
      // System events are skipped client-side (this client's readAll takes no filter), so maxCount counts port events.
      const read = client.readAll({ fromPosition: esdbPosition(fromPosition), direction: FORWARDS });
      for await (const resolved of read) {
        const r = resolved.event;
        if (r === undefined || !isPortEvent(r, namespace)) continue;
        const raw = rawFromRecorded(r, namespace);
        const decoded = E.isLeft(raw) ? raw : decodeRaw(codec, raw.right);
        if (E.isLeft(decoded)) {
          await read.cancel();
          return decoded;
        }
        out.push(decoded.right);
        if (out.length >= maxCount) {
          await read.cancel();
          break;
        }
      }
      return E.right(out);
    });

  const streamRevision = (streamId: string): TE.TaskEither<StoreError, CurrentRevision> =>
    guard('streamRevision', streamId, async () => {
      const bad = checkStreamId('streamRevision', streamId);
      if (bad !== undefined) return E.left(bad);
      const head = await lastRecorded(namespace + streamId);
      if (head === undefined) return E.right('no-stream');
      return E.map((e: RawEvent): CurrentRevision => e.revision)(rawFromRecorded(head, namespace));
    });

  /**
   * The position of the last port event recorded now, or `undefined` when there is none after `after`: the
   * subscription has caught up once it has delivered that event.
   */
  const headPosition = async (after: number): Promise<number | undefined> => {
    const read = client.readAll({ fromPosition: END, direction: BACKWARDS });
    for await (const resolved of read) {
      const r = resolved.event;
      if (r === undefined) continue;
      if (r.position.commit <= BigInt(after)) break;
      if (isPortEvent(r, namespace)) {
        await read.cancel();
        return Number(r.position.commit);
      }
    }
    await read.cancel();
    return undefined;
  };

  const filter: Filter =
    namespace === ''
      ? { filterOn: 'streamName', regex: '^[^$]', checkpointInterval: 1 }
      : { filterOn: 'streamName', prefixes: [namespace], checkpointInterval: 1 };

  const run = (
    live: AllStreamSubscription,
    head: number | undefined,
    handler: SubscriptionHandler<E>,
  ): Subscription => {
    let stopped = false;
    let markCaughtUp!: () => void;
    const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
    // With nothing to catch up on, the subscription is caught up once the server has confirmed it (so that an event
    // appended after `caughtUp` settles is delivered live).
    if (head === undefined) live.once('confirmation', () => markCaughtUp());
    const loop = async (): Promise<E.Either<SubscriptionError, void>> => {
      try {
        for await (const resolved of live) {
          if (stopped) break;
          const r = resolved.event;
          if (r === undefined || !isPortEvent(r, namespace)) continue;
          const raw = rawFromRecorded(r, namespace);
          const event = E.isLeft(raw) ? raw : decodeRaw(codec, raw.right);
          if (E.isLeft(event)) return event;
          try {
            await handler(event.right);
          } catch (error) {
            return E.left({ _tag: 'SubscriberFailed', position: event.right.position, error });
          }
          if (head !== undefined && event.right.position >= head) markCaughtUp();
        }
        return stopped ? E.right(undefined) : E.left(storeUnavailable('EventStoreDB ended the subscription'));
      } catch (error) {
        return stopped ? E.right(undefined) : E.left(storeErrorOf('subscribe', error));
      }
    };
    const closed = loop().then(async (result) => {
      stopped = true;
      markCaughtUp();
      await live.unsubscribe().catch(() => undefined);
      return result;
    });
    const stop = async (): Promise<void> => {
      stopped = true;
      await live.unsubscribe().catch(() => undefined);
      await closed;
    };
    return { caughtUp, closed, stop };
  };

  const subscribe = (from: SubscribeFrom, handler: SubscriptionHandler<E>): TE.TaskEither<StoreError, Subscription> =>
    guard('subscribe', undefined, async () => {
      if (
        from !== 'start' &&
        from !== 'end' &&
        !(typeof from === 'object' && Number.isSafeInteger(from.after) && from.after >= -1)
      ) {
        return E.left(
          invalidArgument('subscribe', `start ${JSON.stringify(from)} is not start, end or { after: position }`),
        );
      }
      const head = from === 'end' ? undefined : await headPosition(from === 'start' ? -1 : from.after);
      const live = client.subscribeToAll({ fromPosition: esdbSubscribeFrom(from), filter });
      return E.right(run(live, head, handler));
    });

  const store: EventStore<E> = {
    append: (streamId, events, expected) => append(streamId, events, expected, (d) => codec.encode(d as E)),
    readStream,
    readAll,
    subscribe,
    streamRevision,
  };
  return { store, appendEncoded: (streamId, events, expected) => append(streamId, events, expected, (d) => d) };
};
