import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { StoreError } from '../errors.js';
import type { EventStore } from '../port.js';
import type { Digest } from './digest.js';
import { drive, type Progress } from './drive.js';
import type { IntegrityFailure, SourceUnreadable } from './failures.js';
import type { NdjsonInput, ReadLogOptions } from './records.js';
import { createVerifier, type PurgedLoginPrefix } from './verifier.js';

/** What {@link verifyLog} found. `ok` is true when no failure was found; read `warnings` for what it cannot tell. */
export interface VerificationReport {
  readonly ok: boolean;
  /** The first thing found wrong, with its stream, revision, position and (files) line. Reading stops there. */
  readonly failure?: IntegrityFailure;
  /** Events read and verified (up to the failure, if any). */
  readonly events: number;
  /** Of those, the events in the global chain (all but login streams). */
  readonly chainedEvents: number;
  readonly streams: number;
  readonly loginStreams: number;
  /** The global head after the chained events read, and the position of the last event read. */
  readonly globalHead: string;
  readonly lastPosition: number | null;
  /** Events the source held without hashes (a store that does not keep the chain): hashed here, so only a digest vouches for them. */
  readonly unhashedEvents: number;
  /** Login streams whose first events are gone (Art. 17(2) purge), all counted, the first 100 listed. */
  readonly purgedLoginPrefixes: number;
  readonly purgedLoginList: ReadonlyArray<PurgedLoginPrefix>;
  /** Whether a digest was given and the log matched it (its count reached, its head and stream count equal). */
  readonly digestMatched: boolean | undefined;
  /** Whether the digest's `position` is that of its last event here (false after an import into another store). */
  readonly digestPositionMatches: boolean | undefined;
  /** The verifier's per-stream entries at the end: its only state that grows (O(streams), not O(events)). */
  readonly peakStreamStates: number;
  readonly warnings: ReadonlyArray<string>;
}

/** Options of {@link verifyLog}. */
export interface VerifyOptions<E> extends ReadLogOptions<E> {
  readonly onProgress?: (p: Progress) => void;
}

/** The warning given when there is no digest to verify against. */
export const NO_DIGEST_WARNING =
  'no digest: a cut tail, or the removal of the last events of streams, cannot be detected without a digest kept ' +
  'outside the system; nor can a history whose hashes were all recomputed';

/**
 * Verifies a store or an NDJSON file, streaming: every stream's chain (revisions 0, 1, 2, … without a gap, each
 * `previousHash` the hash of the event before, each hash recomputed from the content), strictly increasing positions,
 * and, given a digest, that the global chain over its `count` events ends at its `globalHead` (a cut tail, a removed,
 * reordered or edited event, or a recomputed history are then all detected).
 *
 * Memory: one batch (a `readAll` page, or the lines of one 1 MiB chunk) and one entry per stream (last revision and
 * hash), ~200 bytes each, so 1M streams take ~200 MB whatever the number of events.
 *
 * Integrity failures are in the report (`ok: false`); the `Left` is only for a source that cannot be read.
 */
export const verifyLog =
  <E>(
    source: EventStore<E> | NdjsonInput,
    digest?: Digest,
    options: VerifyOptions<E> = {},
  ): TE.TaskEither<SourceUnreadable | StoreError, VerificationReport> =>
  async () => {
    const scoped = digest?.category === undefined ? options : { ...options, category: digest.category };
    const verifier = createVerifier(digest);
    const outcome = await drive(source, verifier, { ...scoped, phase: 'verify' });
    if (outcome.error !== undefined) return E.left(outcome.error);
    const s = verifier.state;
    const warnings: string[] = [];
    if (digest === undefined) warnings.push(NO_DIGEST_WARNING);
    else if (s.digestPositionMatches === false) {
      warnings.push(
        `the digest's last event is at position ${digest.position} where it was taken, at ${s.lastChainedPosition} ` +
          'here or later: expected after an import into another store (positions are not hashed)',
      );
    }
    if (s.unhashedEvents > 0) {
      warnings.push(
        `${s.unhashedEvents} events had no stored hash (the store does not keep the chain): only a digest vouches for them`,
      );
    }
    if (s.purgedLoginPrefixes > 0) {
      warnings.push(
        `${s.purgedLoginPrefixes} login streams start after revision 0: lawful if the missing events were older than ` +
          'five years (Art. 17(2)); their first present event is listed',
      );
    }
    return E.right({
      ok: outcome.failure === undefined,
      ...(outcome.failure === undefined ? {} : { failure: outcome.failure }),
      events: s.events,
      chainedEvents: s.chainedEvents,
      streams: s.chainedStreams,
      loginStreams: s.loginStreams,
      globalHead: s.globalHead,
      lastPosition: s.lastPosition,
      unhashedEvents: s.unhashedEvents,
      purgedLoginPrefixes: s.purgedLoginPrefixes,
      purgedLoginList: s.purgedLoginList,
      digestMatched: digest === undefined ? undefined : outcome.failure === undefined && s.digestMatched,
      digestPositionMatches: s.digestPositionMatches,
      peakStreamStates: verifier.streams.size,
      warnings,
    });
  };
