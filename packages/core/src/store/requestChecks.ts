import { invalidArgument, type InvalidArgument, type StoreError } from './errors.js';
import type { NewEvent, ReadAllOptions, ReadStreamOptions } from './port.js';

// The checks every adapter makes, with the same words, on what an append or a read is given: a request one adapter
// refuses, every adapter refuses. An adapter adds its own rules on top (PostgreSQL: text it cannot hold; EventStoreDB:
// UUID event ids and `$` types) but never relaxes these.

/** The ISO-8601 instant the port accepts as `recordedAt`: date, hours and minutes, optional seconds, a zone. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The value of the `n` decimal digits of `s` from `i`, or -1 if one is not a digit. */
const digitsAt = (s: string, i: number, n: number): number => {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const d = s.charCodeAt(k) - 48;
    // Past the end charCodeAt gives NaN, which no comparison admits.
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
};

/**
 * Whether `s` is an instant of the plainest form, `YYYY-MM-DDTHH:MM[:SS[.f+]]` with `Z` or `±HH:MM`, every field in
 * its everyday range (day up to 28, so valid in every month): such a text always passes {@link ISO_INSTANT} and
 * `Date.parse`. Read by hand because those two cost more than the rest of an append together; a `false` only means
 * that the full check ({@link isIsoInstant}) decides.
 */
export const isPlainInstant = (s: string): boolean => {
  const n = s.length;
  if (n < 17 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return false;
  if (s.charCodeAt(13) !== 58 || digitsAt(s, 0, 4) < 0) return false;
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  if (month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    return false;
  }
  let i = 16;
  if (s.charCodeAt(i) === 58) {
    const second = digitsAt(s, i + 1, 2);
    if (second < 0 || second > 59) return false;
    i += 3;
    if (s.charCodeAt(i) === 46) {
      const start = ++i;
      while (i < n && digitsAt(s, i, 1) >= 0) i++;
      if (i === start) return false;
    }
  }
  const zone = s.charCodeAt(i);
  if (zone === 90) return i + 1 === n;
  if ((zone !== 43 && zone !== 45) || i + 6 !== n || s.charCodeAt(i + 3) !== 58) return false;
  const oh = digitsAt(s, i + 1, 2);
  const om = digitsAt(s, i + 4, 2);
  return oh >= 0 && oh <= 23 && om >= 0 && om <= 59;
};

/** Whether `at` is an ISO-8601 instant of the form {@link ISO_INSTANT} that names a real moment. */
export const isIsoInstant = (at: unknown): at is string =>
  typeof at === 'string' && (isPlainInstant(at) || (ISO_INSTANT.test(at) && !Number.isNaN(Date.parse(at))));

/** Whether `n` is a count of events: a whole number from 0, or `Infinity` for "all". */
const isCount = (n: unknown): n is number =>
  typeof n === 'number' && (Number.isSafeInteger(n) || n === Infinity) && n >= 0;

/** Refuses an empty stream name, or one beginning with `$`. */
export const checkStreamId = (operation: InvalidArgument['operation'], streamId: unknown): StoreError | undefined => {
  if (typeof streamId !== 'string' || streamId === '') return invalidArgument(operation, 'the stream name is empty');
  // Names beginning with $ are EventStoreDB's system streams: refusing them keeps every adapter interchangeable.
  if (streamId.charCodeAt(0) === 36) return invalidArgument(operation, `stream names beginning with $ are reserved`);
  return undefined;
};

/** Refuses an expectation that is none of the port's four, with a revision in 0..2^53-1. */
export const checkExpected = (expected: unknown): StoreError | undefined =>
  expected === 'any' ||
  expected === 'no-stream' ||
  expected === 'stream-exists' ||
  (typeof expected === 'object' &&
    expected !== null &&
    Number.isSafeInteger((expected as { exact?: unknown }).exact) &&
    (expected as { exact: number }).exact >= 0)
    ? undefined
    : invalidArgument(
        'append',
        `expected revision ${JSON.stringify(expected)} is not one of no-stream, any, stream-exists, { exact: n >= 0 }`,
      );

/**
 * An adapter's own rules on an event, each giving the words of a refusal after the event's name (e.g.
 * `': event types beginning with $ are reserved'`), or `undefined`.
 */
export interface EventRules {
  /** The adapter's rule for event ids, in place of the common one (a non-empty string). */
  readonly eventId?: (eventId: unknown) => string | undefined;
  /** A rule on the type, checked once it is known to be a non-empty string. */
  readonly type?: (type: string) => string | undefined;
}

/** Refuses a batch that is not an array or holds a malformed event, naming stream and index. */
export type CheckEvents = (streamId: string, events: unknown) => StoreError | undefined;

/** Names an event of a batch in a refusal (built only then: a string per event is garbage on the import path). */
const eventAt = (streamId: string, k: number): string => `stream ${streamId}, event ${k}`;

/**
 * The check of a batch's events (see {@link CheckEvents}), with an adapter's {@link EventRules} on top. It remembers
 * the last `recordedAt` it found valid: a batch, or a bulk import, stamps most events with the same instant, and that
 * one is then not read again (an allocation-free fast path of the in-memory store's appends).
 */
export const eventsCheck = (rules: EventRules = {}): CheckEvents => {
  const idRule = rules.eventId;
  const typeRule = rules.type;
  let lastValidInstant = '';
  return (streamId, events) => {
    if (!Array.isArray(events)) return invalidArgument('append', 'events must be an array');
    for (let k = 0; k < events.length; k++) {
      const e = events[k] as NewEvent<unknown> | null;
      if (typeof e !== 'object' || e === null) {
        return invalidArgument('append', `${eventAt(streamId, k)} is not an event`);
      }
      if (idRule === undefined) {
        if (typeof e.eventId !== 'string' || e.eventId === '') {
          return invalidArgument('append', `${eventAt(streamId, k)} has no eventId`);
        }
      } else {
        const bad = idRule(e.eventId);
        if (bad !== undefined) return invalidArgument('append', `${eventAt(streamId, k)}${bad}`);
      }
      if (typeof e.type !== 'string' || e.type === '') {
        return invalidArgument('append', `${eventAt(streamId, k)} has no type`);
      }
      if (typeRule !== undefined) {
        const bad = typeRule(e.type);
        if (bad !== undefined) return invalidArgument('append', `${eventAt(streamId, k)}${bad}`);
      }
      const m = e.metadata;
      if (m !== undefined && (typeof m !== 'object' || m === null || Array.isArray(m))) {
        return invalidArgument('append', `${eventAt(streamId, k)}: metadata must be an object`);
      }
      const at = e.recordedAt;
      if (at !== undefined && at !== lastValidInstant) {
        if (!isIsoInstant(at)) {
          return invalidArgument(
            'append',
            `${eventAt(streamId, k)}: recordedAt ${String(at)} is not an ISO-8601 instant`,
          );
        }
        lastValidInstant = at;
      }
    }
    return undefined;
  };
};

/** Refuses malformed {@link ReadStreamOptions}. */
export const checkReadStream = (options: ReadStreamOptions): StoreError | undefined => {
  const { direction = 'forward', fromRevision, maxCount = Infinity } = options;
  if (direction !== 'forward' && direction !== 'backward') {
    return invalidArgument('readStream', `direction ${String(direction)} is not forward or backward`);
  }
  if (fromRevision !== undefined && !(Number.isSafeInteger(fromRevision) && fromRevision >= 0)) {
    return invalidArgument('readStream', `fromRevision ${String(fromRevision)} is not a revision`);
  }
  if (!isCount(maxCount)) return invalidArgument('readStream', `maxCount ${String(maxCount)} is not a count`);
  return undefined;
};

/** Refuses malformed {@link ReadAllOptions}. */
export const checkReadAll = (options: ReadAllOptions): StoreError | undefined => {
  const { fromPosition = 0, maxCount = Infinity } = options;
  if (!(Number.isSafeInteger(fromPosition) && fromPosition >= 0)) {
    return invalidArgument('readAll', `fromPosition ${String(fromPosition)} is not a position`);
  }
  if (!isCount(maxCount)) return invalidArgument('readAll', `maxCount ${String(maxCount)} is not a count`);
  return undefined;
};
