import { invalidArgument, storeUnavailable, type InvalidArgument, type StoreError } from '../errors.js';

/**
 * The parts of a `pg` error the adapter reads. Duck-typed rather than `instanceof pg.DatabaseError`, so the adapter
 * imports nothing from `pg` at run time: the pool is the caller's, whichever copy of `pg` made it.
 */
export interface PgErrorFields {
  readonly code?: string;
  readonly constraint?: string;
  readonly message?: string;
}

/** The SQLSTATE of an error thrown by `pg`, when it is a server error. */
export const sqlState = (e: unknown): string | undefined => {
  const code = (e as PgErrorFields | null)?.code;
  // Server errors carry a 5-character SQLSTATE; socket errors carry Node codes such as ECONNREFUSED.
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
};

/** The message of anything thrown. */
export const messageOf = (e: unknown): string =>
  e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);

/**
 * Maps an error thrown while running an operation to a store error: bad values the server refused (class 22 data
 * exceptions, class 23 check violations) are the caller's `InvalidArgument`; everything else means the store could
 * not do its work, and may be retried.
 */
export const toStoreError =
  (operation: InvalidArgument['operation'], schema: string) =>
  (e: unknown): StoreError => {
    const code = sqlState(e);
    if (code === '42P01' || code === '3F000' || code === '42883') {
      return storeUnavailable(
        `the event store schema "${schema}" is missing or out of date: run migrate(pool, { schema: '${schema}' }) (${messageOf(e)})`,
        e,
      );
    }
    if (code !== undefined && (code.startsWith('22') || code === '23514' || code === '23502')) {
      return invalidArgument(operation, `the database refused a value: ${messageOf(e)}`);
    }
    return storeUnavailable(messageOf(e), e);
  };
