import type { Pool, PoolClient } from 'pg';
import { sqlState } from './pgErrors.js';

/**
 * Runs `work` on a client of the pool and gives the client back; a client whose connection failed is destroyed
 * rather than returned, so the pool never hands out a broken one.
 */
export const withClient = async <A>(pool: Pool, work: (client: PoolClient) => Promise<A>): Promise<A> => {
  const client = await pool.connect();
  try {
    const result = await work(client);
    client.release();
    return result;
  } catch (e) {
    // A server error leaves the connection usable; anything else (a reset socket) may not.
    client.release(sqlState(e) === undefined ? (e instanceof Error ? e : true) : undefined);
    throw e;
  }
};

/** Runs `work` in one READ COMMITTED transaction, rolled back if it throws. */
export const inTransaction = <A>(pool: Pool, work: (client: PoolClient) => Promise<A>): Promise<A> =>
  withClient(pool, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  });
