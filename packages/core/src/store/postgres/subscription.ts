import * as E from 'fp-ts/lib/Either.js';
import { storeUnavailable, type StoreError } from '../errors.js';
import type { StoredEvent, SubscribeFrom, Subscription, SubscriptionError, SubscriptionHandler } from '../port.js';
import type { Listener, Wake } from './listener.js';
import { messageOf } from './pgErrors.js';

/** What a subscription needs from its store. */
export interface SubscriptionSource<E> {
  readonly from: SubscribeFrom;
  readonly handler: SubscriptionHandler<E>;
  readonly listener: Listener;
  /** The last committed position, or -1. */
  readonly lastPosition: () => Promise<E.Either<StoreError, number>>;
  /** At most `pageSize` events after a position, in order. */
  readonly readAfter: (after: number) => Promise<E.Either<StoreError, StoredEvent<E>[]>>;
  readonly pageSize: number;
  readonly pollInterval: number;
}

/**
 * Starts a subscription. One loop serves catch-up and live delivery: it reads the page after its checkpoint, delivers
 * it, and only when a page comes back short waits for a notification (or the fallback poll). There is no switch-over
 * between two mechanisms, so there is nowhere for an event to be skipped or delivered twice; and because positions
 * commit in order (the position lock), "everything after my checkpoint" never has a hole that fills in later.
 */
export const subscribe = async <E>(source: SubscriptionSource<E>): Promise<E.Either<StoreError, Subscription>> => {
  const { from, handler, listener, pageSize, pollInterval } = source;
  let checkpoint = -1;
  let pending = true;
  let waiter: (() => void) | undefined;
  const wake: Wake = (position) => {
    // A notification for what was already delivered costs nothing.
    if (position <= checkpoint) return;
    pending = true;
    const w = waiter;
    waiter = undefined;
    w?.();
  };

  // LISTEN before the first read: whatever commits after that read is notified, so no wake-up can fall in between.
  try {
    await listener.add(wake);
  } catch (e) {
    return E.left(storeUnavailable(`cannot listen for new events: ${messageOf(e)}`, e));
  }
  if (from === 'end') {
    const last = await source.lastPosition();
    if (E.isLeft(last)) {
      await listener.remove(wake);
      return last;
    }
    checkpoint = last.right;
  } else {
    checkpoint = from === 'start' ? -1 : from.after;
  }

  let stopped = false;
  let settled = false;
  let markCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  let settle!: (result: E.Either<SubscriptionError, void>) => void;
  const closed = new Promise<E.Either<SubscriptionError, void>>((resolve) => (settle = resolve));

  const finish = async (result: E.Either<SubscriptionError, void>): Promise<void> => {
    stopped = true;
    if (settled) return;
    settled = true;
    markCaughtUp();
    await listener.remove(wake);
    settle(result);
  };

  const waitForWake = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waiter = undefined;
        // The safety net: a notification lost with a dropped connection is made up for by this read, and the
        // connection is re-established for the next ones.
        void listener.heal();
        resolve();
      }, pollInterval);
      timer.unref();
      waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const run = async (): Promise<void> => {
    while (!stopped) {
      pending = false;
      const page = await source.readAfter(checkpoint);
      if (E.isLeft(page)) return finish(page);
      for (const event of page.right) {
        if (stopped) return;
        try {
          const r = handler(event);
          if (r !== undefined) await r;
        } catch (error) {
          return finish(E.left({ _tag: 'SubscriberFailed', position: event.position, error }));
        }
        checkpoint = event.position;
      }
      if (page.right.length === pageSize) continue;
      markCaughtUp();
      if (pending || stopped) continue;
      await waitForWake();
    }
  };

  // Start after the caller has its Subscription, never inside the subscribe call.
  const done = Promise.resolve()
    .then(run)
    .catch((e: unknown) => finish(E.left(storeUnavailable(`subscription failed: ${messageOf(e)}`, e))));

  const stop = async (): Promise<void> => {
    stopped = true;
    const w = waiter;
    waiter = undefined;
    w?.();
    await done;
    await finish(E.right(undefined));
  };

  return E.right({ caughtUp, closed, stop });
};
