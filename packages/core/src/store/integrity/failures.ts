import type { StoreError } from '../errors.js';
import { describeStoreError } from '../errors.js';

/**
 * What the verification of a log found wrong:
 * - `malformed` — a line of a file is not JSON, or not an event record (its fields, their types);
 * - `undecodable` — an event's data fails the caller's codec (an unknown event type, a missing field);
 * - `order` — positions do not strictly increase (a reordered pair of lines);
 * - `revision` — a stream's revisions are not 0, 1, 2, … (a removed or reordered event, a missing first event);
 * - `link` — an event's `previousHash` is not the hash of the event before it in its stream;
 * - `hash` — an event's hash is not the hash of its content (an edited field);
 * - `not-json` — an event holds a value with no canonical JSON form, so it cannot be hashed;
 * - `digest` — the log does not match the digest (a cut tail, a removed or reordered event, a rewritten history);
 * - `conflict` — an import target already holds something else in one of the file's streams.
 */
export type IntegrityFailureKind =
  'malformed' | 'undecodable' | 'order' | 'revision' | 'link' | 'hash' | 'not-json' | 'digest' | 'conflict';

/** The first thing found wrong in a log, with where it is: stream and revision, position, and line for files. */
export interface IntegrityFailure {
  readonly _tag: 'IntegrityFailure';
  readonly kind: IntegrityFailureKind;
  readonly message: string;
  readonly streamId?: string;
  readonly revision?: number;
  readonly position?: number;
  /** The 1-based line of an NDJSON file. */
  readonly line?: number;
}

/** A log that could not be read at all: a file that does not open, a stream that errors, a store that fails. */
export interface SourceUnreadable {
  readonly _tag: 'SourceUnreadable';
  readonly reason: string;
  readonly cause?: unknown;
}

/** Why reading a log (to verify, digest, export or import it) stopped. */
export type LogError = IntegrityFailure | SourceUnreadable | StoreError;

/** Prints where and what: `line 12 (stream subject-7, revision 3): hash …`. */
export const describeLogError = (e: LogError): string => {
  switch (e._tag) {
    case 'IntegrityFailure': {
      const where = [
        e.line === undefined ? undefined : `line ${e.line}`,
        e.streamId === undefined
          ? undefined
          : `stream ${e.streamId}${e.revision === undefined ? '' : `, revision ${e.revision}`}`,
      ].filter((x) => x !== undefined);
      return `${where.length === 0 ? '' : `${where.join(', ')}: `}${e.message}`;
    }
    case 'SourceUnreadable':
      return `cannot read the log: ${e.reason}`;
    default:
      return describeStoreError(e);
  }
};

/** Builds an {@link IntegrityFailure} without `undefined` fields (exact optional properties). */
export const integrityFailure = (
  kind: IntegrityFailureKind,
  message: string,
  where: {
    streamId?: string | undefined;
    revision?: number | undefined;
    position?: number | undefined;
    line?: number | undefined;
  } = {},
): IntegrityFailure => ({
  _tag: 'IntegrityFailure',
  kind,
  message,
  ...(where.streamId === undefined ? {} : { streamId: where.streamId }),
  ...(where.revision === undefined ? {} : { revision: where.revision }),
  ...(where.position === undefined ? {} : { position: where.position }),
  ...(where.line === undefined ? {} : { line: where.line }),
});

/** Builds a {@link SourceUnreadable} from a thrown error. */
export const sourceUnreadable = (cause: unknown): SourceUnreadable => ({
  _tag: 'SourceUnreadable',
  reason: cause instanceof Error ? cause.message : String(cause),
  cause,
});
