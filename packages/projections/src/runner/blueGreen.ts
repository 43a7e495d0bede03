import type { EventStore } from '@dinhdanh/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { GlobalProjection, KeyedModel, KeyedProjection, ProjectedEvent, Projection } from '../projection.js';
import type { Checkpointed, GlobalReadModelStore, KeyedReadModelStore } from './readModelStore.js';
import { type Following, type RunOptions, type RunnerError, follow } from './runner.js';

/** One version of a read model: its projection, the store it is built in, and how it follows the log. */
export interface Deployment<M, E = ProjectedEvent> {
  readonly name: string;
  readonly version: number;
  /** The committed model of this version. */
  readonly read: () => Checkpointed<M> | undefined;
  readonly follow: (store: EventStore<E>) => TE.TaskEither<RunnerError, Following>;
}

/** A projection version in its own read model store, ready for {@link createBlueGreen}. */
export function deployment<S, E = ProjectedEvent>(
  p: KeyedProjection<S, E>,
  rm: KeyedReadModelStore<S>,
  options?: RunOptions,
): Deployment<KeyedModel<S>, E>;
export function deployment<S, E = ProjectedEvent>(
  p: GlobalProjection<S, E>,
  rm: GlobalReadModelStore<S>,
  options?: RunOptions,
): Deployment<S, E>;
export function deployment<S, E>(
  p: Projection<S, E>,
  rm: KeyedReadModelStore<S> | GlobalReadModelStore<S>,
  options?: RunOptions,
): Deployment<unknown, E> {
  return {
    name: p.name,
    version: p.version,
    read: rm.current,
    follow: (store) =>
      p.kind === 'keyed'
        ? follow(p, store, rm as KeyedReadModelStore<S>, options)
        : follow(p, store, rm as GlobalReadModelStore<S>, options),
  };
}

/**
 * Serves reads from one version of a read model (blue) while another (green) is built beside it, then swaps.
 *
 * Readers only ever see the active version's committed model: green is built in its own store, invisible until it
 * has caught up with the log; the swap is one assignment, so a reader sees blue, then green, never a mixture and never
 * a half-built green. Blue keeps following the log until the swap, so readers never wait.
 */
export interface BlueGreen<M, E = ProjectedEvent> {
  /** The active version's committed model. */
  readonly read: () => Checkpointed<M> | undefined;
  /** The active version. */
  readonly active: () => { readonly name: string; readonly version: number };
  /**
   * Builds `green` in its own store, follows the log with it until it has caught up, then makes it active and stops
   * the old version. On failure the old version stays active and the error is returned.
   */
  readonly deploy: (green: Deployment<M, E>) => TE.TaskEither<RunnerError, void>;
  /** Stops following with the active version (reads still answer from its store). */
  readonly stop: () => Promise<void>;
}

interface Running<M, E> {
  readonly deployment: Deployment<M, E>;
  readonly following: Following;
}

const start = async <M, E>(
  d: Deployment<M, E>,
  store: EventStore<E>,
): Promise<E.Either<RunnerError, Running<M, E>>> => {
  const following = await d.follow(store)();
  if (E.isLeft(following)) return following;
  return E.right({ deployment: d, following: following.right });
};

/** Starts serving `blue`: catches it up with the log and follows it live (see {@link BlueGreen}). */
export const createBlueGreen =
  <M, E = ProjectedEvent>(store: EventStore<E>, blue: Deployment<M, E>): TE.TaskEither<RunnerError, BlueGreen<M, E>> =>
  async () => {
    const first = await start(blue, store);
    if (E.isLeft(first)) return first;
    let active: Running<M, E> = first.right;
    return E.right({
      read: () => active.deployment.read(),
      active: () => ({ name: active.deployment.name, version: active.deployment.version }),
      deploy: (green) => async () => {
        const candidate = await start(green, store);
        if (E.isLeft(candidate)) return candidate;
        // Green stays invisible until it has caught up: readers keep the old version, which keeps following.
        const caught = await candidate.right.following.caughtUp;
        if (E.isLeft(caught)) {
          await candidate.right.following.stop();
          return caught;
        }
        const old = active;
        active = candidate.right;
        await old.following.stop();
        return E.right(undefined);
      },
      stop: () => active.following.stop(),
    });
  };
