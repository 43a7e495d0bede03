import type { AccountEvent, LoginRecorded, StoredEvent } from '@dinhdanh/core';

/** What projections read: the events of identity streams (`subject-<id>`) and login streams (`login-<id>`). */
export type ProjectedEvent = AccountEvent | LoginRecorded;

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
