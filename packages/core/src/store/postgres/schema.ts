import { GENESIS_HASH } from '../hashChain.js';

/**
 * The PostgreSQL schema of the event store, as SQL text. Everything here is pure string building: `migrate.ts` runs
 * it, the store and the retention and privilege helpers refer to the names it defines.
 */

/** The schema the store lives in unless told otherwise. */
export const DEFAULT_SCHEMA = 'dinhdanh';

// Lower-case identifiers only, so that they never need case-preserving quotes in psql sessions, and short enough that
// `<schema>_events` (the NOTIFY channel) stays within PostgreSQL's 63-byte identifier limit.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,55}$/;

/** The SQL names derived from one schema name. */
export interface SchemaNames {
  readonly schema: string;
  /** `"schema".events`, quoted. */
  readonly events: string;
  /** `"schema".events_position_seq`, quoted. */
  readonly sequence: string;
  /** The quoted schema, for function names. */
  readonly quoted: string;
  /** The LISTEN/NOTIFY channel that carries the last position of each committed insert. */
  readonly channel: string;
  /** The key of the transaction-scoped advisory lock that serializes the assignment of positions. */
  readonly positionLock: readonly [number, number];
  /** The key of the advisory lock that serializes concurrent migrations. */
  readonly migrationLock: readonly [number, number];
}

// Advisory lock namespaces ('ddpo', 'ddmi' in ASCII): the first half of the two-int key, so that the store's locks
// do not collide with an application's own single-bigint advisory locks.
const POSITION_LOCK_NAMESPACE = 0x6464706f;
const MIGRATION_LOCK_NAMESPACE = 0x64646d69;

/** FNV-1a, 32 bits, as a signed int4: a stable per-schema lock key that needs no round trip to compute. */
const fnv1a = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
};

/** Double-quotes an SQL identifier. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * The names of a schema's objects.
 *
 * @throws TypeError when the name is not a lower-case SQL identifier of at most 56 characters (a configuration bug,
 * not a runtime condition).
 */
export const schemaNames = (schema: string = DEFAULT_SCHEMA): SchemaNames => {
  if (!SCHEMA_NAME.test(schema)) {
    throw new TypeError(
      `schema name ${JSON.stringify(schema)} must match ${String(SCHEMA_NAME)} (lower case, at most 56 characters)`,
    );
  }
  const quoted = quoteIdent(schema);
  const key = fnv1a(schema);
  return {
    schema,
    quoted,
    events: `${quoted}.events`,
    sequence: `${quoted}.events_position_seq`,
    channel: `${schema}_events`,
    positionLock: [POSITION_LOCK_NAMESPACE, key],
    migrationLock: [MIGRATION_LOCK_NAMESPACE, key],
  };
};

/** The largest position or revision the store hands out: JavaScript numbers are exact up to 2^53 - 1. */
export const MAX_SAFE = '9007199254740991';

/** SQLSTATE of a refused UPDATE, DELETE or TRUNCATE of recorded events (Art. 17(1)). */
export const APPEND_ONLY_VIOLATION = 'DD001';
/** SQLSTATE of a refused deletion of a login event still within its retention (Art. 17(2)). */
export const RETENTION_VIOLATION = 'DD002';
/** SQLSTATE of an insert whose `previous_hash` or revision does not continue its stream. */
export const CHAIN_VIOLATION = 'DD003';

/** The name of the unique (stream_id, revision) constraint: a violation means a concurrent writer won. */
export const STREAM_REVISION_CONSTRAINT = 'events_stream_revision_key';

/** SQL that is true for a login stream (`login-<id>`, as `streamKind` in streams.ts reads it). */
const isLoginStream = (column: string): string => `(left(${column}, 6) = 'login-' AND length(${column}) > 6)`;

/**
 * The row checks of `events`, by constraint name. `recorded_at_iso` is the instant exactly as it was hashed, so it
 * must be the ISO-8601 text the adapters accept (the same pattern as `validation.ts`): a writer that let PostgreSQL
 * turn it into its own output format (`2015-03-10 01:00:00+00`) would store a row whose hash no longer verifies.
 */
const CHECK_CONSTRAINTS: ReadonlyArray<readonly [string, string]> = [
  ['events_stream_id_check', `stream_id <> '' AND left(stream_id, 1) <> '$'`],
  ['events_revision_check', `revision BETWEEN 0 AND ${MAX_SAFE}`],
  ['events_event_id_check', `event_id <> ''`],
  ['events_type_check', `type <> ''`],
  ['events_metadata_check', `json_typeof(metadata) = 'object'`],
  [
    'events_recorded_at_iso_check',
    `recorded_at_iso ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$'`,
  ],
  ['events_recorded_at_check', `recorded_at = recorded_at_iso::timestamptz`],
  ['events_hash_check', `hash ~ '^[0-9a-f]{64}$' AND previous_hash ~ '^[0-9a-f]{64}$'`],
];

/**
 * The migration, statement by statement. Every statement is idempotent (IF NOT EXISTS, OR REPLACE, or guarded by a
 * catalogue check), so running it again, or from a newer version of the library, only adds what is missing and
 * brings functions and triggers up to date; `migrate` runs it in one transaction under an advisory lock.
 */
export const migrationStatements = (names: SchemaNames): ReadonlyArray<string> => {
  const { quoted: s, events, sequence, channel } = names;
  const [lockNs, lockKey] = names.positionLock;
  const vietnam = `'Asia/Ho_Chi_Minh'`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    // CACHE 1: values are handed out in call order, which the position lock turns into commit order.
    `CREATE SEQUENCE IF NOT EXISTS ${sequence} AS bigint MINVALUE 0 MAXVALUE ${MAX_SAFE} START WITH 0 CACHE 1 NO CYCLE`,
    `CREATE TABLE IF NOT EXISTS ${events} (
      position bigint NOT NULL,
      stream_id text COLLATE "C" NOT NULL,
      revision bigint NOT NULL,
      event_id text NOT NULL,
      type text NOT NULL,
      data json NOT NULL,
      metadata json NOT NULL,
      recorded_at timestamptz NOT NULL,
      recorded_at_iso text NOT NULL,
      hash text NOT NULL,
      previous_hash text NOT NULL,
      CONSTRAINT events_pkey PRIMARY KEY (position),
      CONSTRAINT ${STREAM_REVISION_CONSTRAINT} UNIQUE (stream_id, revision)
    )`,
    // The checks are added one by one when missing, so that a table created by an older version gains the newer ones.
    ...CHECK_CONSTRAINTS.map(
      ([name, check]) => `DO $check$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = '${events}'::regclass AND conname = '${name}') THEN
        ALTER TABLE ${events} ADD CONSTRAINT ${name} CHECK (${check});
      END IF;
    END $check$`,
    ),
    `COMMENT ON TABLE ${events} IS 'dinhdanh event store: append-only (Decree 69/2024/ND-CP Art. 17). data and metadata are json, not jsonb, so that every event reads back exactly as it was hashed; recorded_at_iso is the instant as recorded and hashed, recorded_at the same instant for retention queries.'`,
    `ALTER SEQUENCE ${sequence} OWNED BY ${events}.position`,
    `REVOKE ALL ON TABLE ${events} FROM PUBLIC`,
    `REVOKE ALL ON SEQUENCE ${sequence} FROM PUBLIC`,

    // The earliest recorded_at a login event may NOT have and still be deleted. Art. 17(2) keeps login history at
    // least five years; counted as the Civil Code counts periods (Arts. 147-148: the day of the login is not
    // counted, the period ends at 24:00 in Vietnam), a login on day D may go once day D + 5 years has ended.
    `CREATE OR REPLACE FUNCTION ${s}.login_retention_cutoff() RETURNS timestamptz
      LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
      AS $$ SELECT (date_trunc('day', now() AT TIME ZONE ${vietnam}) - interval '5 years') AT TIME ZONE ${vietnam} $$`,

    // Every function below pins its search_path: a role that may insert must not be able to shadow a built-in
    // (left, format, nextval) with a function of its own and so change what a guard checks.

    // Serializes position assignment: taken by the first INSERT of a transaction and held until it commits, so a
    // transaction holding position N commits before any other can take N + 1, and a reader never sees N + 1 while N
    // is still in flight.
    `CREATE OR REPLACE FUNCTION ${s}.events_lock_positions() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(${lockNs}, ${lockKey});
      RETURN NULL;
    END $$`,

    // Positions come from the database, never from the writer, and each event must continue its stream's chain,
    // whoever inserts it (the library, a migration script, an operator with psql).
    `CREATE OR REPLACE FUNCTION ${s}.events_assign_position() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
      predecessor text;
    BEGIN
      NEW.position := nextval('${sequence.replace(/'/g, "''")}');
      IF NEW.revision = 0 THEN
        predecessor := '${GENESIS_HASH}';
      ELSE
        SELECT e.hash INTO predecessor FROM ${events} e
          WHERE e.stream_id = NEW.stream_id AND e.revision = NEW.revision - 1;
        IF NOT FOUND THEN
          RAISE EXCEPTION USING ERRCODE = '${CHAIN_VIOLATION}',
            MESSAGE = format('dinhdanh: stream %s has no revision %s to continue', NEW.stream_id, NEW.revision - 1);
        END IF;
      END IF;
      IF NEW.previous_hash IS DISTINCT FROM predecessor THEN
        RAISE EXCEPTION USING ERRCODE = '${CHAIN_VIOLATION}',
          MESSAGE = format('dinhdanh: stream %s revision %s: previous_hash is not the hash of revision %s',
            NEW.stream_id, NEW.revision, NEW.revision - 1);
      END IF;
      RETURN NEW;
    END $$`,

    // NOTIFY carries only the last position of the statement; listeners re-read from their checkpoint. It is
    // delivered at commit, in commit order, so never before the rows are visible.
    `CREATE OR REPLACE FUNCTION ${s}.events_notify() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
      last bigint;
    BEGIN
      SELECT max(position) INTO last FROM appended;
      IF last IS NOT NULL THEN
        PERFORM pg_notify('${channel}', last::text);
      END IF;
      RETURN NULL;
    END $$`,

    `CREATE OR REPLACE FUNCTION ${s}.events_refuse_update() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
      RAISE EXCEPTION USING ERRCODE = '${APPEND_ONLY_VIOLATION}',
        MESSAGE = 'dinhdanh: recorded events are never updated (Decree 69/2024/ND-CP Art. 17(1): identity information is stored eternally); append a correcting event instead';
    END $$`,

    `CREATE OR REPLACE FUNCTION ${s}.events_refuse_truncate() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
      RAISE EXCEPTION USING ERRCODE = '${APPEND_ONLY_VIOLATION}',
        MESSAGE = 'dinhdanh: the event store cannot be truncated (Decree 69/2024/ND-CP Art. 17(1): identity information is stored eternally)';
    END $$`,

    // Identity events: never. Login events: once their five years are over, and never a stream's last event, so
    // that its revisions never restart at 0 and what remains of its chain stays anchored.
    `CREATE OR REPLACE FUNCTION ${s}.events_guard_delete() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
    BEGIN
      IF NOT ${isLoginStream('OLD.stream_id')} THEN
        RAISE EXCEPTION USING ERRCODE = '${APPEND_ONLY_VIOLATION}',
          MESSAGE = format('dinhdanh: event %s of stream %s cannot be deleted (Decree 69/2024/ND-CP Art. 17(1): identity information is stored eternally)',
            OLD.revision, OLD.stream_id);
      END IF;
      IF OLD.recorded_at >= ${s}.login_retention_cutoff() THEN
        RAISE EXCEPTION USING ERRCODE = '${RETENTION_VIOLATION}',
          MESSAGE = format('dinhdanh: login event %s of stream %s, recorded %s, is kept at least five years (Decree 69/2024/ND-CP Art. 17(2)); it may be deleted from %s (Asia/Ho_Chi_Minh)',
            OLD.revision, OLD.stream_id, OLD.recorded_at_iso,
            ((OLD.recorded_at AT TIME ZONE ${vietnam})::date + interval '5 years' + interval '1 day')::date);
      END IF;
      IF NOT EXISTS (SELECT 1 FROM ${events} e WHERE e.stream_id = OLD.stream_id AND e.revision > OLD.revision) THEN
        RAISE EXCEPTION USING ERRCODE = '${RETENTION_VIOLATION}',
          MESSAGE = format('dinhdanh: event %s is the last of login stream %s and is kept, so that the stream''s revisions never restart',
            OLD.revision, OLD.stream_id);
      END IF;
      RETURN OLD;
    END $$`,

    // The only way the application role deletes anything: SECURITY DEFINER, so the role needs no DELETE privilege,
    // and the cut-off is checked here as well as row by row in the trigger.
    `CREATE OR REPLACE FUNCTION ${s}.purge_login_history(cutoff timestamptz) RETURNS bigint
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    DECLARE
      allowed timestamptz := ${s}.login_retention_cutoff();
      deleted bigint;
    BEGIN
      IF cutoff IS NULL OR cutoff > allowed THEN
        RAISE EXCEPTION USING ERRCODE = '${RETENTION_VIOLATION}',
          MESSAGE = format('dinhdanh: cut-off %s is within the five years login history is kept (Decree 69/2024/ND-CP Art. 17(2)); the latest allowed today is %s',
            cutoff, allowed);
      END IF;
      DELETE FROM ${events} e
        WHERE ${isLoginStream('e.stream_id')} AND e.recorded_at < cutoff
          AND EXISTS (SELECT 1 FROM ${events} l WHERE l.stream_id = e.stream_id AND l.revision > e.revision);
      GET DIAGNOSTICS deleted = ROW_COUNT;
      RETURN deleted;
    END $$`,
    `REVOKE ALL ON FUNCTION ${s}.purge_login_history(timestamptz) FROM PUBLIC`,

    // Triggers are created when missing and re-enabled when found disabled, so running migrate again heals a
    // disabled guard. The guards are ENABLE ALWAYS: they fire even under session_replication_role = replica.
    `DO $migrate$
    DECLARE
      t record;
    BEGIN
      FOR t IN SELECT * FROM (VALUES
        ('events_lock_positions', 'BEFORE INSERT', 'STATEMENT', '', 'events_lock_positions', 'O'),
        ('events_assign_position', 'BEFORE INSERT', 'ROW', '', 'events_assign_position', 'O'),
        ('events_notify', 'AFTER INSERT', 'STATEMENT', 'REFERENCING NEW TABLE AS appended', 'events_notify', 'O'),
        ('events_refuse_update', 'BEFORE UPDATE', 'STATEMENT', '', 'events_refuse_update', 'A'),
        ('events_guard_delete', 'BEFORE DELETE', 'ROW', '', 'events_guard_delete', 'A'),
        ('events_refuse_truncate', 'BEFORE TRUNCATE', 'STATEMENT', '', 'events_refuse_truncate', 'A')
      ) AS v(name, timing, level, referencing, fn, enabled)
      LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${events}'::regclass AND tgname = t.name) THEN
          EXECUTE format('CREATE TRIGGER %I %s ON ${events} %s FOR EACH %s EXECUTE FUNCTION ${s}.%I()',
            t.name, t.timing, t.referencing, t.level, t.fn);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${events}'::regclass AND tgname = t.name
                       AND tgenabled = t.enabled) THEN
          EXECUTE format('ALTER TABLE ${events} ENABLE %s TRIGGER %I',
            CASE t.enabled WHEN 'A' THEN 'ALWAYS' ELSE '' END, t.name);
        END IF;
      END LOOP;
    END $migrate$`,
  ];
};

/** The statements that give `role` what the application needs and nothing that could alter history. */
export const privilegeStatements = (
  names: SchemaNames,
  role: string,
  options: { readonly purge?: boolean } = {},
): ReadonlyArray<string> => {
  const r = quoteIdent(role);
  const { quoted: s, events, sequence } = names;
  return [
    `GRANT USAGE ON SCHEMA ${s} TO ${r}`,
    `REVOKE CREATE ON SCHEMA ${s} FROM ${r}`,
    // Start from nothing, so that an earlier, wider grant (UPDATE, DELETE, TRUNCATE, TRIGGER) does not survive.
    `REVOKE ALL ON TABLE ${events} FROM ${r}`,
    `GRANT SELECT, INSERT ON TABLE ${events} TO ${r}`,
    // nextval() in the position trigger runs as the inserting role.
    `REVOKE ALL ON SEQUENCE ${sequence} FROM ${r}`,
    `GRANT USAGE ON SEQUENCE ${sequence} TO ${r}`,
    options.purge === true
      ? `GRANT EXECUTE ON FUNCTION ${s}.purge_login_history(timestamptz) TO ${r}`
      : `REVOKE EXECUTE ON FUNCTION ${s}.purge_login_history(timestamptz) FROM ${r}`,
  ];
};
