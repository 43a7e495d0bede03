import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { KeyedModel } from '../projection.js';

/** The global position of the last event folded into a read model, or `null` when none has been. */
export type Checkpoint = number | null;

/** A read model with the checkpoint it is exact at and the projection (name, version) that built it. */
export interface Checkpointed<M> {
  readonly projection: string;
  readonly projectionVersion: number;
  /** Every event up to and including this position is folded in; none after it. */
  readonly checkpoint: Checkpoint;
  readonly state: M;
}

/**
 * One atomic write to a read model store: the changes of a batch of events and the checkpoint after them.
 *
 * `expected` is the checkpoint the writer started the batch from; a store whose checkpoint differs refuses the commit,
 * so two runners never both apply the same events, and a retried batch is never applied twice.
 */
export interface ReadModelCommit<D> {
  readonly projection: string;
  readonly projectionVersion: number;
  readonly expected: Checkpoint;
  readonly checkpoint: number;
  /** For a global projection the whole new state; for a keyed one the partitions that changed. */
  readonly changes: D;
}

/** The store's checkpoint was not the one the commit started from. */
export interface CheckpointConflict {
  readonly _tag: 'CheckpointConflict';
  readonly projection: string;
  readonly expected: Checkpoint;
  readonly actual: Checkpoint;
}

/** The store holds a read model built by another projection or version: rebuild beside it (blue/green). */
export interface VersionMismatch {
  readonly _tag: 'VersionMismatch';
  readonly projection: string;
  readonly stored: { readonly projection: string; readonly projectionVersion: number };
  readonly running: { readonly projection: string; readonly projectionVersion: number };
}

/** A durable store's own failure (a lost connection, a failed transaction). Nothing of the commit was written. */
export interface ReadModelStoreFailed {
  readonly _tag: 'ReadModelStoreFailed';
  readonly message: string;
  readonly cause?: unknown;
}

/** Why a read model store refused or failed a commit. */
export type ReadModelStoreError = CheckpointConflict | VersionMismatch | ReadModelStoreFailed;

/**
 * Where a read model lives together with its checkpoint. `commit` writes the changes and the checkpoint atomically:
 * after a crash the store holds either both or neither, so a restarted runner resumes exactly after the last event
 * whose effect is stored, never applying one twice nor skipping one.
 *
 * A durable implementation keeps the checkpoint in a row of the same database as the model and commits in one
 * transaction, e.g. in PostgreSQL:
 * `BEGIN; SELECT checkpoint FROM projection_checkpoints WHERE name = $1 FOR UPDATE;` (refuse unless it equals
 * `expected`), upsert the changed rows, `UPDATE projection_checkpoints SET checkpoint = $2, version = $3; COMMIT`.
 *
 * `M` is the model as loaded, `D` what a commit carries (see {@link ReadModelCommit}).
 */
export interface ReadModelStore<M, D = M> {
  /** The committed model, or `undefined` when nothing was ever committed. */
  readonly load: () => TE.TaskEither<ReadModelStoreError, Checkpointed<M> | undefined>;
  readonly commit: (commit: ReadModelCommit<D>) => TE.TaskEither<ReadModelStoreError, void>;
}

/** A read model store that also answers readers synchronously from what it holds in memory. */
export interface ReadableReadModelStore<M, D = M> extends ReadModelStore<M, D> {
  /** The committed model as one consistent snapshot of state and checkpoint, or `undefined` before the first commit. */
  readonly current: () => Checkpointed<M> | undefined;
}

/** The store of a global projection: a commit carries the whole new state. */
export type GlobalReadModelStore<S> = ReadableReadModelStore<S, S>;

/** The store of a keyed projection: a commit carries the changed partitions. */
export type KeyedReadModelStore<S> = ReadableReadModelStore<KeyedModel<S>, KeyedModel<S>>;

const check = (
  held: Checkpointed<unknown> | undefined,
  c: ReadModelCommit<unknown>,
): E.Either<ReadModelStoreError, void> => {
  if (held !== undefined && (held.projection !== c.projection || held.projectionVersion !== c.projectionVersion)) {
    return E.left({
      _tag: 'VersionMismatch',
      projection: c.projection,
      stored: { projection: held.projection, projectionVersion: held.projectionVersion },
      running: { projection: c.projection, projectionVersion: c.projectionVersion },
    });
  }
  const actual = held?.checkpoint ?? null;
  return actual === c.expected
    ? E.right(undefined)
    : E.left({ _tag: 'CheckpointConflict', projection: c.projection, expected: c.expected, actual });
};

const task =
  <A>(f: () => E.Either<ReadModelStoreError, A>): TE.TaskEither<ReadModelStoreError, A> =>
  () =>
    Promise.resolve(f());

/**
 * An in-memory store for a global projection. The state and its checkpoint are one immutable record replaced by a
 * single assignment, so a reader always sees a state with its own checkpoint.
 */
export const createInMemoryGlobalReadModelStore = <S>(initial?: Checkpointed<S>): GlobalReadModelStore<S> => {
  let held: Checkpointed<S> | undefined = initial;
  return {
    current: () => held,
    load: () => task(() => E.right(held)),
    commit: (c) =>
      task(() => {
        const ok = check(held, c);
        if (E.isRight(ok)) {
          held = {
            projection: c.projection,
            projectionVersion: c.projectionVersion,
            checkpoint: c.checkpoint,
            state: c.changes,
          };
        }
        return ok;
      }),
  };
};

/**
 * An in-memory store for a keyed projection. A commit merges the changed partitions into the map and replaces the
 * record holding the map and the checkpoint in one synchronous step: no reader runs in between, so none sees
 * partitions without their checkpoint. The map is a live view: a reader that keeps it across an `await` sees later
 * commits (copy it with `new Map(...)` for a frozen snapshot).
 */
export const createInMemoryKeyedReadModelStore = <S>(initial?: Checkpointed<KeyedModel<S>>): KeyedReadModelStore<S> => {
  const partitions = new Map<string, S>(initial?.state ?? []);
  let held: Checkpointed<KeyedModel<S>> | undefined =
    initial === undefined ? undefined : { ...initial, state: partitions };
  return {
    current: () => held,
    load: () => task(() => E.right(held)),
    commit: (c) =>
      task(() => {
        const ok = check(held, c);
        if (E.isRight(ok)) {
          for (const [key, value] of c.changes) partitions.set(key, value);
          held = {
            projection: c.projection,
            projectionVersion: c.projectionVersion,
            checkpoint: c.checkpoint,
            state: partitions,
          };
        }
        return ok;
      }),
  };
};
