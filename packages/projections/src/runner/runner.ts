import { type EventStore, type Instant, type StoreError, type StoredEvent, parseInstant } from '@dinhdanh/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { GlobalProjection, KeyedModel, KeyedProjection, ProjectedEvent, Projection } from '../projection.js';
import type {
  Checkpoint,
  Checkpointed,
  ReadModelStore,
  ReadModelStoreError,
  VersionMismatch,
} from './readModelStore.js';

/** A projection's `apply` or `keyOf` threw: a broken program. Nothing from the batch holding the event was committed. */
export interface ProjectionFailed {
  readonly _tag: 'ProjectionFailed';
  readonly projection: string;
  readonly position: number;
  readonly streamId: string;
  readonly error: unknown;
}

/** An as-of point that names no instant or position. */
export interface InvalidAsOf {
  readonly _tag: 'InvalidAsOf';
  readonly message: string;
}

/** A live subscription ended by itself (the store failed, or a commit failed while following). */
export interface FollowFailed {
  readonly _tag: 'FollowFailed';
  readonly projection: string;
  readonly position: number | null;
  readonly cause: unknown;
}

/** Why a runner operation failed. */
export type RunnerError = StoreError | ReadModelStoreError | ProjectionFailed | InvalidAsOf | FollowFailed;

/**
 * A point in the log to read a model as of:
 * - `{ position }` — every event up to and including that global position (e.g. the last position of an audit
 *   digest);
 * - `{ instant }` — every event whose `recordedAt` is at or before the instant: what the log held at that moment, so
 *   an audit "as of 17:00" sees exactly what had been recorded by 17:00, including late entries of earlier facts and
 *   excluding what was recorded afterwards about that time;
 * - `{ instant, basis: 'occurred' }` — every event whose own `at` (when the fact happened) is at or before the
 *   instant, whenever it was recorded: the world as we now know it was at that instant.
 *
 * Events are always folded in global order. Where `recordedAt` is not monotonic in position (imported logs), an
 * instant selects a subset that need not be a prefix; the model's checkpoint is then the last position folded, and
 * it is for reading, not for catching up from.
 */
export type AsOf =
  { readonly position: number } | { readonly instant: Instant; readonly basis?: 'recorded' | 'occurred' };

/** Options of the runner's reads. */
export interface RunOptions {
  /** How many events to read (and, when catching up, commit) at a time. Default 10 000. */
  readonly batchSize?: number;
}

/** Options of {@link rebuild}. */
export interface RebuildOptions extends RunOptions {
  /** Build the model as of this point instead of the whole log. */
  readonly upTo?: AsOf;
}

const DEFAULT_BATCH = 10_000;

// ---------------------------------------------------------------------------------------------------------------
// Engines: the working model of one run. A keyed engine mutates its own map (never a committed one) and records the
// partitions changed since the last commit, so that a batch commits its changes only.

/** What the runner needs to name a projection in checkpoints and errors. */
interface Meta {
  readonly name: string;
  readonly version: number;
}

interface Engine<E> {
  readonly step: (event: StoredEvent<E>) => void;
  /** The changes since the last commit: the whole state (global) or the changed partitions (keyed). */
  readonly changes: () => unknown;
  readonly committed: () => void;
  readonly model: () => unknown;
}

const globalEngine = <S, E>(p: GlobalProjection<S, E>, start: S): Engine<E> => {
  let state = start;
  return {
    step: (event) => {
      state = p.apply(state, event);
    },
    changes: () => state,
    committed: () => undefined,
    model: () => state,
  };
};

const keyedEngine = <S, E>(p: KeyedProjection<S, E>, start: KeyedModel<S> | undefined, track: boolean): Engine<E> => {
  // One copy of the loaded map per run (not per event): the committed map stays untouched until a commit succeeds.
  const local = new Map<string, S>(start ?? []);
  let changed = new Map<string, S>();
  return {
    step: (event) => {
      const key = p.keyOf(event);
      if (key === undefined) return;
      const next = p.apply(local.get(key) ?? p.init(key), event);
      local.set(key, next);
      if (track) changed.set(key, next);
    },
    changes: () => changed,
    committed: () => {
      changed = new Map();
    },
    model: () => local,
  };
};

const engineOf = <S, E>(p: Projection<S, E>, loaded: Checkpointed<unknown> | undefined, track: boolean): Engine<E> =>
  p.kind === 'keyed'
    ? keyedEngine(p, loaded?.state as KeyedModel<S> | undefined, track)
    : globalEngine(p, loaded === undefined ? p.init() : (loaded.state as S));

/** Steps through a batch; the first throw becomes a {@link ProjectionFailed}. */
const stepAll = <E>(
  p: Meta,
  engine: Engine<E>,
  events: ReadonlyArray<StoredEvent<E>>,
  keep?: (e: StoredEvent<E>) => boolean,
): E.Either<ProjectionFailed, number | null> => {
  let last: number | null = null;
  for (let k = 0; k < events.length; k++) {
    const event = events[k] as StoredEvent<E>;
    if (keep !== undefined && !keep(event)) continue;
    try {
      engine.step(event);
    } catch (error) {
      return E.left({
        _tag: 'ProjectionFailed',
        projection: p.name,
        position: event.position,
        streamId: event.streamId,
        error,
      });
    }
    last = event.position;
  }
  return E.right(last);
};

const checkpointed = <M>(p: Meta, checkpoint: Checkpoint, state: M): Checkpointed<M> => ({
  projection: p.name,
  projectionVersion: p.version,
  checkpoint,
  state,
});

const batchOf = (o: RunOptions | undefined): number => {
  const n = o?.batchSize ?? DEFAULT_BATCH;
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_BATCH;
};

/**
 * Which events an as-of point keeps (`undefined`: every event up to the last position, with no call per event), and
 * the position after which none can be kept.
 */
const selector = <E>(
  upTo: AsOf | undefined,
): E.Either<InvalidAsOf, { keep: ((e: StoredEvent<E>) => boolean) | undefined; lastPosition: number }> => {
  if (upTo === undefined) return E.right({ keep: undefined, lastPosition: Infinity });
  if ('position' in upTo) {
    return Number.isSafeInteger(upTo.position)
      ? E.right({ keep: undefined, lastPosition: upTo.position })
      : E.left({ _tag: 'InvalidAsOf', message: `as-of position ${String(upTo.position)} is not an integer` });
  }
  const t = parseInstant(upTo.instant);
  if (E.isLeft(t)) return E.left({ _tag: 'InvalidAsOf', message: t.left.message });
  const limit = t.right;
  const occurred = upTo.basis === 'occurred';
  return E.right({
    keep: (e) => {
      const when = occurred ? (e.data as { readonly at?: unknown }).at : e.recordedAt;
      return typeof when === 'string' && Date.parse(when) <= limit;
    },
    lastPosition: Infinity,
  });
};

// ---------------------------------------------------------------------------------------------------------------

/**
 * Folds events into a projection's model, in the order given (global order for a log). Pure and synchronous: the
 * reference that the runner's other operations are checked against, and a way to project events read from a file.
 * Throws what the projection throws.
 */
export function foldEvents<S, E>(p: KeyedProjection<S, E>, events: Iterable<StoredEvent<E>>): KeyedModel<S>;
export function foldEvents<S, E>(p: GlobalProjection<S, E>, events: Iterable<StoredEvent<E>>): S;
export function foldEvents<S, E>(p: Projection<S, E>, events: Iterable<StoredEvent<E>>): unknown {
  const engine = engineOf(p, undefined, false);
  for (const e of events) engine.step(e);
  return engine.model();
}

/**
 * Rebuilds a projection from the start of the log, or only up to an as-of point (see {@link AsOf}): the state of the
 * world on 2025-08-19 at 17:00 ICT is `rebuild(p, store, { upTo: { instant: '2025-08-19T17:00:00+07:00' } })`.
 * Reads in batches; nothing is written anywhere.
 */
export function rebuild<S, E = ProjectedEvent>(
  p: KeyedProjection<S, E>,
  store: EventStore<E>,
  options?: RebuildOptions,
): TE.TaskEither<RunnerError, Checkpointed<KeyedModel<S>>>;
export function rebuild<S, E = ProjectedEvent>(
  p: GlobalProjection<S, E>,
  store: EventStore<E>,
  options?: RebuildOptions,
): TE.TaskEither<RunnerError, Checkpointed<S>>;
export function rebuild<S, E>(
  p: Projection<S, E>,
  store: EventStore<E>,
  options?: RebuildOptions,
): TE.TaskEither<RunnerError, Checkpointed<unknown>> {
  return async () => {
    const select = selector<E>(options?.upTo);
    if (E.isLeft(select)) return select;
    const { keep, lastPosition } = select.right;
    const batch = batchOf(options);
    const engine = engineOf(p, undefined, false);
    let checkpoint: Checkpoint = null;
    let from = 0;
    for (;;) {
      const page = await store.readAll({ fromPosition: from, maxCount: batch })();
      if (E.isLeft(page)) return page;
      const events = page.right;
      const last = events[events.length - 1];
      if (last === undefined) break;
      const stepped = stepAll(
        p,
        engine,
        events,
        lastPosition === Infinity ? keep : (e) => e.position <= lastPosition && (keep === undefined || keep(e)),
      );
      if (E.isLeft(stepped)) return stepped;
      if (stepped.right !== null) checkpoint = stepped.right;
      if (last.position >= lastPosition) break;
      from = last.position + 1;
    }
    return E.right(checkpointed(p, checkpoint, engine.model()));
  };
}

/** The model as of a point of the log (see {@link AsOf}): {@link rebuild} with `upTo`. */
export function asOf<S, E = ProjectedEvent>(
  p: KeyedProjection<S, E>,
  store: EventStore<E>,
  point: AsOf,
  options?: RunOptions,
): TE.TaskEither<RunnerError, Checkpointed<KeyedModel<S>>>;
export function asOf<S, E = ProjectedEvent>(
  p: GlobalProjection<S, E>,
  store: EventStore<E>,
  point: AsOf,
  options?: RunOptions,
): TE.TaskEither<RunnerError, Checkpointed<S>>;
export function asOf<S, E>(
  p: Projection<S, E>,
  store: EventStore<E>,
  point: AsOf,
  options?: RunOptions,
): TE.TaskEither<RunnerError, Checkpointed<unknown>> {
  return rebuild(p as GlobalProjection<S, E>, store, { ...options, upTo: point });
}

const loadChecked = async (
  p: Meta,
  rm: ReadModelStore<unknown, never>,
): Promise<E.Either<RunnerError, Checkpointed<unknown> | undefined>> => {
  const loaded = await rm.load()();
  if (E.isLeft(loaded) || loaded.right === undefined) return loaded;
  const held = loaded.right;
  if (held.projection !== p.name || held.projectionVersion !== p.version) {
    const mismatch: VersionMismatch = {
      _tag: 'VersionMismatch',
      projection: p.name,
      stored: { projection: held.projection, projectionVersion: held.projectionVersion },
      running: { projection: p.name, projectionVersion: p.version },
    };
    return E.left(mismatch);
  }
  return loaded;
};

/** Reads the events after `checkpoint`, applying and committing one batch at a time. */
const catchUpFrom = async <E>(
  p: Meta,
  store: EventStore<E>,
  rm: ReadModelStore<unknown, never>,
  engine: Engine<E>,
  start: Checkpoint,
  batch: number,
): Promise<E.Either<RunnerError, Checkpoint>> => {
  let checkpoint = start;
  for (;;) {
    const page = await store.readAll({ fromPosition: checkpoint === null ? 0 : checkpoint + 1, maxCount: batch })();
    if (E.isLeft(page)) return page;
    const events = page.right;
    const last = events[events.length - 1];
    if (last === undefined) return E.right(checkpoint);
    const stepped = stepAll(p, engine, events);
    if (E.isLeft(stepped)) return stepped;
    const committed = await rm.commit({
      projection: p.name,
      projectionVersion: p.version,
      expected: checkpoint,
      checkpoint: last.position,
      changes: engine.changes() as never,
    })();
    if (E.isLeft(committed)) return committed;
    engine.committed();
    checkpoint = last.position;
  }
};

/**
 * Catches a stored read model up with the log: loads it with its checkpoint, folds the events after the checkpoint
 * in batches and commits each batch with its new checkpoint atomically (see {@link ReadModelStore}). An empty store
 * is built from the start. A store built by another projection or version is refused with `VersionMismatch`: build
 * the new version in a store of its own (see `createBlueGreen`). Returns the model as committed.
 */
export function catchUp<S, E = ProjectedEvent>(
  p: KeyedProjection<S, E>,
  store: EventStore<E>,
  rm: ReadModelStore<KeyedModel<S>, KeyedModel<S>>,
  options?: RunOptions,
): TE.TaskEither<RunnerError, Checkpointed<KeyedModel<S>>>;
export function catchUp<S, E = ProjectedEvent>(
  p: GlobalProjection<S, E>,
  store: EventStore<E>,
  rm: ReadModelStore<S, S>,
  options?: RunOptions,
): TE.TaskEither<RunnerError, Checkpointed<S>>;
export function catchUp<S, E>(
  p: Projection<S, E>,
  store: EventStore<E>,
  rm: ReadModelStore<unknown, never>,
  options?: RunOptions,
): TE.TaskEither<RunnerError, Checkpointed<unknown>> {
  return async () => {
    const loaded = await loadChecked(p, rm);
    if (E.isLeft(loaded)) return loaded;
    const engine = engineOf(p, loaded.right, true);
    const done = await catchUpFrom(p, store, rm, engine, loaded.right?.checkpoint ?? null, batchOf(options));
    return E.map((c: Checkpoint) => checkpointed(p, c, engine.model()))(done);
  };
}

/** A projection following the log live (see {@link follow}). */
export interface Following {
  /**
   * Settles once every event recorded before the subscription caught up is committed (or `stop()` was called first):
   * `Right` then; `Left` with the reason when following failed first (a later failure settles `closed` only).
   */
  readonly caughtUp: Promise<E.Either<RunnerError, void>>;
  /** Settles when following ends: `Right` once stopped, `Left` when it failed. */
  readonly closed: Promise<E.Either<RunnerError, void>>;
  /** The checkpoint of the last commit. */
  readonly checkpoint: () => Checkpoint;
  /** Why a commit or the projection failed, as soon as it did (before `closed` settles). */
  readonly failure: () => RunnerError | undefined;
  /** Stops following after the event in progress is committed. */
  readonly stop: () => Promise<void>;
}

/**
 * Catches a stored read model up (as {@link catchUp}), then follows live events through the store's `subscribe`,
 * committing each event with its checkpoint. Stop it with `stop()`; a failed commit or store error ends it, and
 * `closed` says why. Nothing is lost by stopping or failing: the next `catchUp` or `follow` resumes after the
 * checkpoint.
 */
export function follow<S, E = ProjectedEvent>(
  p: KeyedProjection<S, E>,
  store: EventStore<E>,
  rm: ReadModelStore<KeyedModel<S>, KeyedModel<S>>,
  options?: RunOptions,
): TE.TaskEither<RunnerError, Following>;
export function follow<S, E = ProjectedEvent>(
  p: GlobalProjection<S, E>,
  store: EventStore<E>,
  rm: ReadModelStore<S, S>,
  options?: RunOptions,
): TE.TaskEither<RunnerError, Following>;
export function follow<S, E>(
  p: Projection<S, E>,
  store: EventStore<E>,
  rm: ReadModelStore<unknown, never>,
  options?: RunOptions,
): TE.TaskEither<RunnerError, Following> {
  return async () => {
    const loaded = await loadChecked(p, rm);
    if (E.isLeft(loaded)) return loaded;
    const engine = engineOf(p, loaded.right, true);
    const caught = await catchUpFrom(p, store, rm, engine, loaded.right?.checkpoint ?? null, batchOf(options));
    if (E.isLeft(caught)) return caught;
    let checkpoint = caught.right;
    let failure: RunnerError | undefined;
    const sub = await store.subscribe(checkpoint === null ? 'start' : { after: checkpoint }, async (event) => {
      if (checkpoint !== null && event.position <= checkpoint) return;
      const stepped = stepAll(p, engine, [event]);
      if (E.isLeft(stepped)) {
        failure = stepped.left;
        throw stepped.left;
      }
      const committed = await rm.commit({
        projection: p.name,
        projectionVersion: p.version,
        expected: checkpoint,
        checkpoint: event.position,
        changes: engine.changes() as never,
      })();
      if (E.isLeft(committed)) {
        failure = committed.left;
        throw committed.left;
      }
      engine.committed();
      checkpoint = event.position;
    })();
    if (E.isLeft(sub)) return sub;
    let ended: E.Either<RunnerError, void> | undefined;
    const closed = sub.right.closed.then((r): E.Either<RunnerError, void> => {
      ended = E.isRight(r)
        ? r
        : E.left(
            failure ?? {
              _tag: 'FollowFailed',
              projection: p.name,
              position: r.left._tag === 'SubscriberFailed' ? r.left.position : checkpoint,
              cause: r.left,
            },
          );
      return ended;
    });
    // A subscription that ends also settles its `caughtUp`, possibly a moment before `closed`: wait for whichever
    // comes first of `closed` and the next turn of the event loop, so that an end is not mistaken for catching up.
    const caughtUp = sub.right.caughtUp
      .then(() => Promise.race([closed, new Promise<void>((resolve) => setImmediate(resolve))]))
      .then((): E.Either<RunnerError, void> => {
        if (failure !== undefined) return E.left(failure);
        return ended !== undefined && E.isLeft(ended) ? ended : E.right(undefined);
      });
    return E.right({
      caughtUp,
      closed,
      checkpoint: () => checkpoint,
      failure: () => failure,
      stop: sub.right.stop,
    });
  };
}
