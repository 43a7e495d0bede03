/**
 * Whether the tests that need an EventStoreDB server run: only when `EVENTSTORE_CONNECTION_STRING` is set. CI has no
 * server (EventStoreDB is not packaged for npm or Debian), so the suites say plainly that they were skipped.
 */

/** The connection string of the test server, if any. */
export const connectionString: string | undefined = process.env['EVENTSTORE_CONNECTION_STRING'] || undefined;

/** The name of the test that stands for a suite skipped for want of a server, also printed as a warning. */
export const SKIPPED =
  'skipped: EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB server; see docs/eventstoredb.md)';
