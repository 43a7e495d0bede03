/**
 * `@dinhdanh/core/postgres`: the PostgreSQL event store. Needs `pg` (an optional peer dependency); the adapter takes
 * the caller's `pg.Pool` and imports nothing from `pg` at run time.
 *
 * - {@link migrate} creates the schema (idempotent, safe to run concurrently);
 * - {@link createPostgresEventStore} is the `EventStore` port over it;
 * - {@link grantAppRole} / {@link appendOnlyPrivileges} give the application role INSERT and SELECT only;
 * - {@link purgeLoginHistory} deletes login events older than five years, the only deletion the database allows.
 *
 * See docs/postgresql.md.
 *
 * @packageDocumentation
 */
export { createPostgresEventStore, type PostgresEventStoreOptions } from './store.js';
export { migrate, type MigrateOptions } from './migrate.js';
export { appendOnlyPrivileges, grantAppRole, type AppRoleOptions } from './privileges.js';
export {
  purgeLoginHistory,
  type PurgeLoginHistoryOptions,
  type PurgeResult,
  type RetentionRefused,
} from './retention.js';
export { APPEND_ONLY_VIOLATION, CHAIN_VIOLATION, DEFAULT_SCHEMA, RETENTION_VIOLATION } from './schema.js';
