import * as TE from 'fp-ts/lib/TaskEither.js';
import type { Pool } from 'pg';
import { storeUnavailable, type StoreError } from '../errors.js';
import { inTransaction } from './connection.js';
import { messageOf } from './pgErrors.js';
import { privilegeStatements, schemaNames } from './schema.js';

/** Options of {@link appendOnlyPrivileges} and {@link grantAppRole}. */
export interface AppRoleOptions {
  /** The store's schema. Default `'dinhdanh'`. */
  readonly schema?: string;
  /**
   * Let the role run `purge_login_history` (the only deletion there is, of login events older than five years).
   * Default `false`: give it to the retention job's role, not to the role that serves requests.
   */
  readonly purge?: boolean;
}

/**
 * The SQL that gives an existing role exactly what the application needs: USAGE on the schema, SELECT and INSERT on
 * `events`, USAGE on the position sequence, and optionally EXECUTE on the purge function. It revokes everything else
 * on the table first (UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES), so a wider earlier grant does not survive.
 *
 * The triggers refuse UPDATE, DELETE and TRUNCATE of identity events whatever the privileges; the privileges add a
 * second wall, and keep the role from owning the table (an owner can disable triggers). For review or for a
 * migration tool of your own; {@link grantAppRole} runs them.
 *
 * @throws TypeError when `schema` is not a valid schema name or `role` is empty.
 */
export const appendOnlyPrivileges = (role: string, options: AppRoleOptions = {}): ReadonlyArray<string> => {
  if (role === '' || role.includes('\u0000')) throw new TypeError('the role name is empty or holds a NUL');
  return privilegeStatements(schemaNames(options.schema), role, options);
};

/**
 * Runs {@link appendOnlyPrivileges} in one transaction. The role must exist (creating roles, passwords and logins
 * is the operator's business); run it as the schema's owner after {@link migrate}.
 */
export const grantAppRole = (
  pool: Pool,
  role: string,
  options: AppRoleOptions = {},
): TE.TaskEither<StoreError, void> => {
  const statements = appendOnlyPrivileges(role, options);
  return TE.tryCatch(
    () =>
      inTransaction(pool, async (client) => {
        for (const statement of statements) await client.query(statement);
      }),
    (e) => storeUnavailable(`granting the application role ${role} failed: ${messageOf(e)}`, e),
  );
};
