import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Pool } from 'pg';
import { storeUnavailable, type StoreError } from '../errors.js';
import { inTransaction } from './connection.js';
import { messageOf } from './pgErrors.js';
import { migrationStatements, schemaNames } from './schema.js';

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** The schema to create or bring up to date. Default `'dinhdanh'`. */
  readonly schema?: string;
}

/**
 * Creates the event store's schema, or brings an existing one up to date: the `events` table, its position sequence,
 * the triggers that keep it append-only (Decree 69/2024/ND-CP Art. 17) and gap-safe, and the login purge function.
 *
 * Idempotent and safe to run from several processes at once (each deploy may run it on start): it runs in one
 * transaction under an advisory lock keyed on the schema. It also re-enables a guard trigger someone disabled. Run it
 * as the role that is to own the schema, not as the application role (see {@link grantAppRole}).
 *
 * @throws TypeError when `schema` is not a lower-case identifier of at most 56 characters.
 */
export const migrate = (pool: Pool, options: MigrateOptions = {}): TE.TaskEither<StoreError, void> => {
  const names = schemaNames(options.schema);
  return TE.tryCatch(
    () =>
      inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...names.migrationLock]);
        for (const statement of migrationStatements(names)) await client.query(statement);
      }),
    (e) => storeUnavailable(`migrating schema "${names.schema}" failed: ${messageOf(e)}`, e),
  );
};
