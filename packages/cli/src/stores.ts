import {
  type EventStore,
  type LogEvent,
  LogEventCodec,
  createInMemoryEventStore,
  describeStoreError,
} from '@dinhdanh/core';
import { CliFailure } from './exit.js';

/** A store opened from a `--store` location, and how to let it go. */
export interface OpenedStore {
  readonly store: EventStore<LogEvent>;
  /** What the user named, without a password, for messages. */
  readonly label: string;
  readonly close: () => Promise<void>;
}

const withoutPassword = (location: string): string => location.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');

const failed = (what: string, location: string, e: unknown): CliFailure =>
  new CliFailure(`${what} ${withoutPassword(location)}: ${e instanceof Error ? e.message : String(e)}`);

/**
 * Opens the store a `--store` option names:
 * - `memory`: a new, empty in-memory store (for a run that fills it and reads it back in one process);
 * - `postgres://…` or `postgresql://…`: PostgreSQL through `pg` (an optional peer dependency), schema migrated;
 *   `?schema=name` chooses the schema (default `dinhdanh`);
 * - `esdb://…`, `esdb+discover://…`, `kurrentdb://…`: EventStoreDB through `@eventstore/db-client`.
 */
export const openStore = async (location: string): Promise<OpenedStore> => {
  if (location === 'memory') {
    const store = createInMemoryEventStore({ codec: LogEventCodec, hashChain: true });
    return { store, label: 'memory', close: () => Promise.resolve() };
  }
  if (/^postgres(ql)?:\/\//.test(location)) {
    const pg = await import('pg').catch((e: unknown) => {
      throw failed('PostgreSQL needs the `pg` package (npm install pg) to open', location, e);
    });
    const { migrate, createPostgresEventStore } = await import('@dinhdanh/core/postgres');
    // `?schema=name` picks the schema the store lives in (default `dinhdanh`); pg itself does not know the option.
    const url = new URL(location);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    const pool = new pg.default.Pool({ connectionString: url.toString(), max: 4 });
    const options = schema === undefined ? {} : { schema };
    const migrated = await migrate(pool, options)();
    if (migrated._tag === 'Left') {
      await pool.end();
      throw new CliFailure(
        `cannot use PostgreSQL at ${withoutPassword(location)}: ${describeStoreError(migrated.left)} ` +
          '(is the server running and the database created?)',
      );
    }
    return {
      store: createPostgresEventStore({ pool, codec: LogEventCodec, ...options }),
      label: withoutPassword(location),
      close: () => pool.end(),
    };
  }
  if (/^(esdb|esdb\+discover|kurrentdb|kurrent):\/\//.test(location)) {
    const esdb = await import('@eventstore/db-client').catch((e: unknown) => {
      throw failed(
        'EventStoreDB needs `@eventstore/db-client` (npm install @eventstore/db-client) to open',
        location,
        e,
      );
    });
    const { createEventStoreDbStore } = await import('@dinhdanh/core/eventstoredb');
    const client = esdb.EventStoreDBClient.connectionString(location.replace(/^kurrent(db)?:/, 'esdb:'));
    return {
      store: createEventStoreDbStore({ client, codec: LogEventCodec }),
      label: withoutPassword(location),
      close: () => client.dispose(),
    };
  }
  throw new CliFailure(
    `unknown store "${withoutPassword(location)}": use memory, postgres://user@host:5432/db or esdb://host:2113?tls=false`,
  );
};
