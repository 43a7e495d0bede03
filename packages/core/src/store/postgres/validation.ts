import * as common from '../requestChecks.js';
import { invalidArgument, type InvalidArgument, type StoreError } from '../errors.js';
import type { SubscribeFrom } from '../port.js';

// The common checks of `requestChecks.ts`, with the same words as every adapter's: a request one adapter refuses, every
// adapter refuses. Only the text rules are stricter, because PostgreSQL text cannot hold them: NUL, and lone
// surrogates, which `pg` would silently send as U+FFFD and so name another stream.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Refuses an empty stream name, a reserved `$` name, or one PostgreSQL text cannot hold exactly. */
export const checkStreamId = (operation: InvalidArgument['operation'], streamId: unknown): StoreError | undefined => {
  const bad = common.checkStreamId(operation, streamId);
  if (bad !== undefined || typeof streamId !== 'string') return bad;
  if (streamId.includes('\u0000') || LONE_SURROGATE.test(streamId)) {
    return invalidArgument(operation, 'the stream name holds a NUL or a lone UTF-16 surrogate');
  }
  return undefined;
};

/** Refuses a batch with a malformed event, naming stream and index (the common rules only). */
export const checkEvents: common.CheckEvents = common.eventsCheck();

export { checkExpected, checkReadAll, checkReadStream } from '../requestChecks.js';

/** Refuses a subscription start that is not `'start'`, `'end'` or `{ after: position >= -1 }`. */
export const checkSubscribeFrom = (from: SubscribeFrom): StoreError | undefined =>
  from === 'start' ||
  from === 'end' ||
  (typeof from === 'object' && from !== null && Number.isSafeInteger(from.after) && from.after >= -1)
    ? undefined
    : invalidArgument('subscribe', `start ${JSON.stringify(from)} is not start, end or { after: position }`);
