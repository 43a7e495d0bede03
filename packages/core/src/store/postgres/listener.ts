import type { Notification, Pool, PoolClient } from 'pg';
import { quoteIdent } from './schema.js';

/** Called with the last position of a committed insert (`Infinity` when events may have been missed). */
export type Wake = (position: number) => void;

/**
 * One LISTEN connection shared by all of a store's subscriptions: taken from the pool when the first subscription
 * starts, given back when the last one stops. Notifications only wake subscriptions; they re-read from their own
 * checkpoint, so a lost or collapsed notification costs latency, never an event.
 */
export interface Listener {
  /** Registers `wake` and makes sure the channel is listened to; rejects when no connection can be had. */
  readonly add: (wake: Wake) => Promise<void>;
  /** Unregisters `wake`; the connection goes back to the pool after the last one. Never rejects. */
  readonly remove: (wake: Wake) => Promise<void>;
  /** Listens again after a lost connection (the subscriptions' fallback poll calls it). Never rejects. */
  readonly heal: () => Promise<void>;
}

/** Creates the shared listener of one channel. */
export const createListener = (pool: Pool, channel: string): Listener => {
  const wakers = new Set<Wake>();
  let client: PoolClient | undefined;
  let lost = false;
  // Connecting and disconnecting run one at a time, in call order, so a stop racing a subscribe cannot leak or
  // double-release the connection.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <A>(op: () => Promise<A>): Promise<A> => {
    const run = queue.then(op);
    queue = run.catch(() => undefined);
    return run;
  };

  const wakeAll = (position: number): void => {
    for (const wake of [...wakers]) wake(position);
  };

  const onNotification = (n: Notification): void => {
    if (n.channel !== channel) return;
    const position = Number(n.payload);
    wakeAll(Number.isFinite(position) ? position : Infinity);
  };

  const detach = (c: PoolClient, onError: (e: Error) => void, onEnd: () => void): void => {
    c.removeListener('notification', onNotification);
    c.removeListener('error', onError);
    c.removeListener('end', onEnd);
  };

  let handlers: { onError: (e: Error) => void; onEnd: () => void } | undefined;

  const connect = async (): Promise<void> => {
    if (client !== undefined || wakers.size === 0) return;
    const c = await pool.connect();
    const dropped = (err?: Error): void => {
      if (client !== c) return;
      client = undefined;
      lost = true;
      detach(c, onError, onEnd);
      c.release(err ?? true);
      // Whatever was committed while nobody listened is found by re-reading.
      wakeAll(Infinity);
    };
    const onError = (err: Error): void => dropped(err);
    const onEnd = (): void => dropped();
    c.on('error', onError);
    c.on('end', onEnd);
    c.on('notification', onNotification);
    try {
      await c.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (e) {
      detach(c, onError, onEnd);
      c.release(e instanceof Error ? e : true);
      throw e;
    }
    client = c;
    handlers = { onError, onEnd };
    if (lost) {
      lost = false;
      wakeAll(Infinity);
    }
  };

  const disconnect = async (): Promise<void> => {
    const c = client;
    if (wakers.size > 0 || c === undefined || handlers === undefined) return;
    client = undefined;
    const { onError, onEnd } = handlers;
    try {
      await c.query('UNLISTEN *');
      detach(c, onError, onEnd);
      c.release();
    } catch (e) {
      detach(c, onError, onEnd);
      c.release(e instanceof Error ? e : true);
    }
  };

  return {
    add: async (wake) => {
      wakers.add(wake);
      try {
        await serial(connect);
      } catch (e) {
        wakers.delete(wake);
        throw e;
      }
    },
    remove: async (wake) => {
      wakers.delete(wake);
      await serial(disconnect);
    },
    heal: () => serial(connect).catch(() => undefined),
  };
};
