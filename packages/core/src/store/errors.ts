import type { CurrentRevision, ExpectedRevision } from './port.js';

/** The stream was not where the append expected it (a concurrent writer won), or a retried batch only partly matched. */
export interface WrongExpectedRevision {
  readonly _tag: 'WrongExpectedRevision';
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly actual: CurrentRevision;
}

/** A stored event failed its codec. Nothing is changed; the other events stay readable. */
export interface CorruptEvent {
  readonly _tag: 'CorruptEvent';
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly reason: string;
}

/** The store could not be reached or did not answer; the operation may be retried. */
export interface StoreUnavailable {
  readonly _tag: 'StoreUnavailable';
  readonly reason: string;
  readonly cause?: unknown;
}

/** A request the store refuses as malformed (an empty stream name, a negative revision, a non-JSON metadata value). */
export interface InvalidArgument {
  readonly _tag: 'InvalidArgument';
  readonly operation: 'append' | 'readStream' | 'readAll' | 'subscribe' | 'streamRevision';
  readonly reason: string;
}

/** Every error the event store port returns. */
export type StoreError = WrongExpectedRevision | CorruptEvent | StoreUnavailable | InvalidArgument;

/** Builds a {@link WrongExpectedRevision}. */
export const wrongExpectedRevision = (
  streamId: string,
  expected: ExpectedRevision,
  actual: CurrentRevision,
): StoreError => ({ _tag: 'WrongExpectedRevision', streamId, expected, actual });

/** Builds a {@link CorruptEvent}. */
export const corruptEvent = (streamId: string, revision: number, position: number, reason: string): StoreError => ({
  _tag: 'CorruptEvent',
  streamId,
  revision,
  position,
  reason,
});

/** Builds a {@link StoreUnavailable}. */
export const storeUnavailable = (reason: string, cause?: unknown): StoreError =>
  cause === undefined ? { _tag: 'StoreUnavailable', reason } : { _tag: 'StoreUnavailable', reason, cause };

/** Builds an {@link InvalidArgument}. */
export const invalidArgument = (operation: InvalidArgument['operation'], reason: string): StoreError => ({
  _tag: 'InvalidArgument',
  operation,
  reason,
});

const STORE_ERROR_TAGS: ReadonlySet<string> = new Set([
  'WrongExpectedRevision',
  'CorruptEvent',
  'StoreUnavailable',
  'InvalidArgument',
]);

/** Whether a value is a {@link StoreError} (to tell it from a decider's rejection in a handler's error). */
export const isStoreError = (u: unknown): u is StoreError =>
  typeof u === 'object' &&
  u !== null &&
  typeof (u as { _tag?: unknown })._tag === 'string' &&
  STORE_ERROR_TAGS.has((u as { _tag: string })._tag);

/** Prints a store error for a person: what happened and where. */
export const describeStoreError = (e: StoreError): string => {
  switch (e._tag) {
    case 'WrongExpectedRevision':
      return `stream ${e.streamId}: expected revision ${printExpected(e.expected)}, but it is at ${String(e.actual)}`;
    case 'CorruptEvent':
      return `stream ${e.streamId}, revision ${e.revision} (position ${e.position}): ${e.reason}`;
    case 'StoreUnavailable':
      return `event store unavailable: ${e.reason}`;
    case 'InvalidArgument':
      return `invalid ${e.operation}: ${e.reason}`;
  }
};

const printExpected = (x: ExpectedRevision): string => (typeof x === 'string' ? x : String(x.exact));
