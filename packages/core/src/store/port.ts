import type * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type * as t from 'io-ts';
import type { StoreError } from './errors.js';

/**
 * The codec of the events a store holds: decodes the stored (JSON) form into `E` and encodes `E` back.
 *
 * Adapters that read from outside the process (PostgreSQL, EventStoreDB, files) decode every event through it; the
 * in-memory adapter only decodes what entered it unchecked (see `appendUnchecked`), because everything else was a
 * typed value when it was appended.
 */
export type EventCodec<E> = t.Type<E, unknown, unknown>;

/**
 * A stream's current revision: the 0-based revision of its last event, or `'no-stream'` when it has none.
 *
 * Revisions are JavaScript numbers (safe to 2^53): EventStoreDB's are `bigint`, and an adapter converts at its edge.
 */
export type CurrentRevision = number | 'no-stream';

/**
 * What an append expects of the stream, with EventStoreDB's semantics so that its adapter maps one to one:
 * - `'no-stream'` — the stream has no event (ESDB `NO_STREAM`);
 * - `'stream-exists'` — the stream has at least one event (ESDB `STREAM_EXISTS`);
 * - `'any'` — no check (ESDB `ANY`);
 * - `{ exact: n }` — the stream's last event has revision `n` (ESDB `BigInt(n)`).
 */
export type ExpectedRevision = 'no-stream' | 'any' | 'stream-exists' | { readonly exact: number };

/** Event metadata: JSON values only, so that it survives every store and file round-trip unchanged. */
export type EventMetadata = Readonly<Record<string, unknown>>;

/**
 * An event to append.
 *
 * `eventId` identifies the event for idempotency; use a UUID (EventStoreDB requires one). `recordedAt` is the ISO-8601
 * instant the fact is recorded at; the store stamps its own clock when it is missing.
 */
export interface NewEvent<E = unknown> {
  readonly eventId: string;
  readonly type: string;
  readonly data: E;
  readonly metadata?: EventMetadata;
  readonly recordedAt?: string;
}

/**
 * An event as recorded: never updated, never deleted (Decree 69/2024/ND-CP Art. 17(1)).
 *
 * `position` is the event's place in the store's global order: strictly increasing in the order of appends (the
 * in-memory store's are also gap-free from 0; those of PostgreSQL sequences or EventStoreDB log offsets need not be).
 * `hash` and `previousHash` are the per-stream SHA-256 chain (see `hashChain.ts`), present when the store keeps it.
 */
export interface StoredEvent<E = unknown> {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: E;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
  readonly hash?: string;
  readonly previousHash?: string;
}

/**
 * The outcome of an append: the revision to expect next, and the global position of the last event of the batch
 * (`null` for an empty batch, which only checks the expectation).
 */
export interface AppendResult {
  readonly nextExpectedRevision: CurrentRevision;
  readonly position: number | null;
}

/** Options of {@link EventStore.readStream}. */
export interface ReadStreamOptions {
  /** Default `'forward'`. */
  readonly direction?: 'forward' | 'backward';
  /** Revision to start at, inclusive. Default: the first event forward, the last event backward. */
  readonly fromRevision?: number;
  /** At most this many events. Default: all. */
  readonly maxCount?: number;
}

/** Options of {@link EventStore.readAll}. */
export interface ReadAllOptions {
  /** Global position to start at, inclusive (as EventStoreDB's `readAll`). Default: the beginning. */
  readonly fromPosition?: number;
  /** At most this many events. Default: all. */
  readonly maxCount?: number;
}

/**
 * Where a subscription starts: at the beginning, at the end (live events only), or after a checkpoint (the position of
 * the last event already processed; exclusive, as EventStoreDB's `subscribeToAll`, whose positions are not contiguous).
 */
export type SubscribeFrom = 'start' | 'end' | { readonly after: number };

/**
 * Receives the events of a subscription one at a time; the next is delivered only once a returned promise settles.
 * A throw or a rejection ends the subscription with {@link SubscriberFailed}.
 */
export type SubscriptionHandler<E> = (event: StoredEvent<E>) => void | Promise<void>;

/** A subscriber's own failure, which ended its subscription. */
export interface SubscriberFailed {
  readonly _tag: 'SubscriberFailed';
  /** The position of the event the handler failed on. */
  readonly position: number;
  readonly error: unknown;
}

/** Why a subscription ended other than by {@link Subscription.stop}. */
export type SubscriptionError = StoreError | SubscriberFailed;

/**
 * A running subscription to the global order: it catches up from its start, then delivers live events, each exactly
 * once and in position order, with no gap or duplicate at the switch.
 */
export interface Subscription {
  /**
   * Settles once the subscription has delivered every event recorded before it caught up (or has ended first).
   * Tests await it before asserting on what was delivered.
   */
  readonly caughtUp: Promise<void>;
  /** Settles when the subscription ends: `Right` once stopped, `Left` when it failed. */
  readonly closed: Promise<E.Either<SubscriptionError, void>>;
  /** Stops delivering; settles after the handler call in progress, if any, has finished. */
  readonly stop: () => Promise<void>;
}

/**
 * The event store port.
 *
 * There is no operation to delete, truncate or update events, nor to set stream metadata: identity information is
 * stored eternally (Decree 69/2024/ND-CP Art. 17(1)), so no adapter can be asked to forget it.
 *
 * Idempotency follows EventStoreDB: an append whose events were already written at the place its expected revision
 * names (same event ids, same order) succeeds again without writing, and returns the original outcome. A batch that
 * only partly matches what is there is a {@link WrongExpectedRevision} (ESDB's "corrupted idempotency"). With `'any'`
 * or `'stream-exists'` the place is found by looking up the first event id in the stream (adapters may bound how far
 * back they look; the in-memory store's bound is configurable).
 */
export interface EventStore<E> {
  /** Appends the events to the stream atomically (all or none), checking the expected revision first. */
  readonly append: (
    streamId: string,
    events: ReadonlyArray<NewEvent<E>>,
    expected: ExpectedRevision,
  ) => TE.TaskEither<StoreError, AppendResult>;
  /** Reads a stream's events; a stream without events reads as `[]`. */
  readonly readStream: (
    streamId: string,
    options?: ReadStreamOptions,
  ) => TE.TaskEither<StoreError, ReadonlyArray<StoredEvent<E>>>;
  /** Reads the events of every stream in global order. */
  readonly readAll: (options?: ReadAllOptions) => TE.TaskEither<StoreError, ReadonlyArray<StoredEvent<E>>>;
  /** Subscribes to the global order: catch-up, then live (see {@link Subscription}). */
  readonly subscribe: (from: SubscribeFrom, handler: SubscriptionHandler<E>) => TE.TaskEither<StoreError, Subscription>;
  /** The stream's current revision. */
  readonly streamRevision: (streamId: string) => TE.TaskEither<StoreError, CurrentRevision>;
}

/** The expected revision that asserts a stream is exactly at `revision` (what a reader who saw it appends with). */
export const expectedRevisionOf = (revision: CurrentRevision): ExpectedRevision =>
  revision === 'no-stream' ? 'no-stream' : { exact: revision };
