import { type AccountEvent, type LoginRecorded, LogEventCodec, type StoredEvent } from '@dinhdanh/core';
import type * as t from 'io-ts';

/** What projections read: the events of identity streams (`subject-<id>`) and login streams (`login-<id>`). */
export type ProjectedEvent = AccountEvent | LoginRecorded;

/**
 * The codec of {@link ProjectedEvent}: give it to an event store that holds both identity and login streams
 * (`createInMemoryEventStore({ codec: ProjectedEventCodec })`, `createPostgresEventStore({ pool, codec: ... })`).
 */
export const ProjectedEventCodec: t.Type<ProjectedEvent, unknown, unknown> = LogEventCodec;

/**
 * A read model as a pure fold over the global log (DESIGN idea 8): `init` is the empty model and `apply` the next
 * model after one stored event, without mutating the one it was given. `version` changes whenever `apply` changes
 * meaning, so that a runner rebuilds the new version beside the old one before swapping it in.
 */
export interface GlobalProjection<S, E = ProjectedEvent> {
  readonly kind: 'global';
  readonly name: string;
  readonly version: number;
  readonly init: () => S;
  readonly apply: (state: S, event: StoredEvent<E>) => S;
}

/**
 * A read model partitioned by a key (usually the subject): one state per key, each a pure fold of the events with
 * that key. Partitions are independent, so they can be rebuilt apart and merged (by key, without conflicts).
 *
 * The runner holds the partitions in one `Map` and replaces only the partition an event touches, so `apply` copies
 * one partition, never the whole model. A partition state must not be `undefined`.
 */
export interface KeyedProjection<S, E = ProjectedEvent> {
  readonly kind: 'keyed';
  readonly name: string;
  readonly version: number;
  /** The partition an event belongs to, or `undefined` when the projection ignores it. */
  readonly keyOf: (event: StoredEvent<E>) => string | undefined;
  readonly init: (key: string) => S;
  readonly apply: (state: S, event: StoredEvent<E>) => S;
}

/** Any projection. */
export type Projection<S, E = ProjectedEvent> = GlobalProjection<S, E> | KeyedProjection<S, E>;

/** The model of a keyed projection: its partitions by key. */
export type KeyedModel<S> = ReadonlyMap<string, S>;

/** The model a projection builds: its state for a global projection, its partitions for a keyed one. */
export type ModelOf<P> =
  P extends KeyedProjection<infer S, infer _E>
    ? KeyedModel<S>
    : P extends GlobalProjection<infer S, infer _E>
      ? S
      : never;

/**
 * The global projection that folds the same partitions as a keyed one, copying the map on every event. Slow, and
 * only meant as the reference a keyed runner is checked against (it must give the same model).
 */
export const asGlobal = <S, E>(p: KeyedProjection<S, E>): GlobalProjection<KeyedModel<S>, E> => ({
  kind: 'global',
  name: p.name,
  version: p.version,
  init: () => new Map<string, S>(),
  apply: (model, event) => {
    const key = p.keyOf(event);
    if (key === undefined) return model;
    const next = new Map(model);
    next.set(key, p.apply(model.get(key) ?? p.init(key), event));
    return next;
  },
});
