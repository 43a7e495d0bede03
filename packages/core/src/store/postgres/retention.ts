import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Pool } from 'pg';
import { storeUnavailable, type StoreError } from '../errors.js';
import { messageOf, sqlState } from './pgErrors.js';
import { RETENTION_VIOLATION, schemaNames } from './schema.js';

/** Options of {@link purgeLoginHistory}. */
export interface PurgeLoginHistoryOptions {
  /** The store's schema. Default `'dinhdanh'`. */
  readonly schema?: string;
  /**
   * Delete login events recorded before this instant. It must be at least five years back (Art. 17(2)), counted as
   * the database counts it (see docs/postgresql.md); default: the latest cut-off the law allows today.
   */
  readonly olderThan?: string | Date;
}

/** The outcome of a purge. */
export interface PurgeResult {
  /** How many login events were deleted. */
  readonly deleted: number;
}

/** A purge the database refused: its cut-off is within the five years login history is kept. */
export interface RetentionRefused {
  readonly _tag: 'RetentionRefused';
  readonly olderThan: string;
  readonly reason: string;
}

/**
 * Deletes login events older than five years (Decree 69/2024/ND-CP Art. 17(2): login history is kept at least five
 * years) from `login-<id>` streams, keeping each stream's last event so that its revisions never restart.
 *
 * Identity events are never touched (Art. 17(1)): the function behind it deletes only login streams, and the
 * database's delete trigger re-checks every row. A cut-off younger than five years is refused as a value, nothing
 * deleted. The role running it needs EXECUTE on `purge_login_history` (`grantAppRole(pool, role, { purge: true })`)
 * and no DELETE privilege.
 *
 * @throws TypeError when `schema` is not a valid schema name.
 */
export const purgeLoginHistory = (
  pool: Pool,
  options: PurgeLoginHistoryOptions = {},
): TE.TaskEither<StoreError | RetentionRefused, PurgeResult> => {
  const names = schemaNames(options.schema);
  const { olderThan } = options;
  return async () => {
    let cutoff: string | null = null;
    if (olderThan !== undefined) {
      const ms = olderThan instanceof Date ? olderThan.getTime() : Date.parse(olderThan);
      if (Number.isNaN(ms)) {
        return E.left({ _tag: 'RetentionRefused', olderThan: String(olderThan), reason: 'not an instant' });
      }
      cutoff = new Date(ms).toISOString();
    }
    const f = `${names.quoted}.purge_login_history`;
    const sql =
      cutoff === null
        ? `SELECT ${f}(${names.quoted}.login_retention_cutoff())::text AS deleted`
        : `SELECT ${f}($1::timestamptz)::text AS deleted`;
    try {
      const result = await pool.query<{ deleted: string }>(sql, cutoff === null ? [] : [cutoff]);
      return E.right({ deleted: Number(result.rows[0]?.deleted ?? 0) });
    } catch (e) {
      if (sqlState(e) === RETENTION_VIOLATION) {
        return E.left({ _tag: 'RetentionRefused', olderThan: cutoff ?? 'the retention limit', reason: messageOf(e) });
      }
      return E.left(storeUnavailable(`purging login history failed: ${messageOf(e)}`, e));
    }
  };
};
