import * as E from 'fp-ts/lib/Either.js';
import { GENESIS_HASH, hashEvent, type HashedEvent } from '../hashChain.js';
import { integrityFailure, type IntegrityFailure } from './failures.js';
import { GLOBAL_GENESIS, inGlobalChain, nextGlobalHead } from './globalChain.js';
import type { ChainRecord } from './records.js';

/** The part of a digest the verifier checks against (see `Digest`). */
export interface DigestPoint {
  readonly count: number;
  readonly globalHead: string;
  readonly streams: number;
  readonly position: number;
}

/** A login stream whose first events are gone: lawful when they were older than five years (Art. 17(2)). */
export interface PurgedLoginPrefix {
  readonly streamId: string;
  /** The revision of its first event still present (the events before it are gone). */
  readonly firstRevision: number;
  readonly firstRecordedAt: string;
}

/**
 * A stream's state while verifying: its last revision and hash. This map is the verifier's only growth (one entry
 * per stream, ~200 bytes with the stream name); everything else is per event and dropped after it.
 */
export interface StreamState {
  revision: number;
  hash: string;
  /** Import only: how many events the target already holds in this stream. */
  target?: number;
}

/** The running state of a verification: what has been read, the global head, the first failure. */
export interface Verifier {
  /** Checks the next record (in the source's order); returns the failure, if this record is the first bad one. */
  readonly push: (record: ChainRecord, line?: number) => IntegrityFailure | undefined;
  /** Checks what only the end can tell (the digest's count); call once, after the last record. */
  readonly finish: () => IntegrityFailure | undefined;
  readonly streams: Map<string, StreamState>;
  readonly state: VerifierState;
  /**
   * The canonical `data` and `metadata` texts and the hash of the record last accepted by `push`, with the hash of
   * the event before it in its stream: what an export writes, without serialising the event again.
   */
  readonly last: () => (HashedEvent & { readonly previousHash: string }) | undefined;
}

/** Counters of a {@link Verifier}. */
export interface VerifierState {
  events: number;
  chainedEvents: number;
  chainedStreams: number;
  loginStreams: number;
  unhashedEvents: number;
  lastPosition: number | null;
  globalHead: string;
  /** The position of the last event in the global chain (-1 when none). */
  lastChainedPosition: number;
  lastRecord: { streamId: string; revision: number; position: number; line?: number } | undefined;
  purgedLoginPrefixes: number;
  /** The first {@link MAX_LISTED_PURGES} purged login prefixes. */
  purgedLoginList: PurgedLoginPrefix[];
  /** Whether the digest's point was reached and matched. */
  digestMatched: boolean;
  digestPositionMatches: boolean | undefined;
}

/** How many purged login prefixes a report lists (it counts them all). */
export const MAX_LISTED_PURGES = 100;

/**
 * Creates a verifier of a log read in global order: each stream's chain (revisions 0, 1, 2, … without a gap,
 * `previousHash` links, the recomputed hash equal to the stored one), strictly increasing positions, and, given a
 * digest, the global head after the digest's count of chained events.
 *
 * A record without hashes (a store that does not keep the chain) has them computed, so the global chain and a digest
 * still protect it. A login stream may start after revision 0 (Art. 17(2) purge): it is anchored on the first
 * present event's `previousHash` and listed.
 */
export const createVerifier = (digest?: DigestPoint): Verifier => {
  const streams = new Map<string, StreamState>();
  const state: VerifierState = {
    events: 0,
    chainedEvents: 0,
    chainedStreams: 0,
    loginStreams: 0,
    unhashedEvents: 0,
    lastPosition: null,
    globalHead: GLOBAL_GENESIS,
    lastChainedPosition: -1,
    lastRecord: undefined,
    purgedLoginPrefixes: 0,
    purgedLoginList: [],
    digestMatched: digest === undefined || digest.count === 0,
    digestPositionMatches: undefined,
  };
  if (digest !== undefined && digest.count === 0 && digest.globalHead !== GLOBAL_GENESIS) state.digestMatched = false;

  let lastHashed: HashedEvent | undefined;
  let lastPrevious = GENESIS_HASH;

  const push = (r: ChainRecord, line?: number): IntegrityFailure | undefined => {
    const where = { streamId: r.streamId, revision: r.revision, position: r.position, line };
    if (state.lastPosition !== null && r.position <= state.lastPosition) {
      return integrityFailure(
        'order',
        `position ${r.position} does not follow position ${state.lastPosition} (events out of global order)`,
        where,
      );
    }
    const chained = inGlobalChain(r.streamId);
    let s = streams.get(r.streamId);
    let previous: string;
    if (s === undefined) {
      if (r.revision === 0) previous = GENESIS_HASH;
      else if (!chained && r.previousHash !== undefined) {
        // A login stream whose oldest events were purged: anchored on what the first present event says came before.
        previous = r.previousHash;
        state.purgedLoginPrefixes++;
        if (state.purgedLoginList.length < MAX_LISTED_PURGES) {
          state.purgedLoginList.push({
            streamId: r.streamId,
            firstRevision: r.revision,
            firstRecordedAt: r.recordedAt,
          });
        }
      } else {
        return integrityFailure(
          'revision',
          `the stream starts at revision ${r.revision}, not 0 (events removed)`,
          where,
        );
      }
    } else {
      if (r.revision !== s.revision + 1) {
        return integrityFailure(
          'revision',
          `expected revision ${s.revision + 1} after ${s.revision} (an event removed or reordered)`,
          where,
        );
      }
      previous = s.hash;
    }
    if (r.previousHash !== undefined && r.previousHash !== previous) {
      return integrityFailure('link', 'previousHash is not the hash of the event before it in its stream', where);
    }
    const hashed = hashEvent(r, previous);
    if (E.isLeft(hashed)) {
      return integrityFailure('not-json', `no canonical JSON at ${hashed.left.path}: ${hashed.left.reason}`, where);
    }
    const h = hashed.right.hash;
    if (r.hash === undefined) state.unhashedEvents++;
    else if (r.hash !== h) return integrityFailure('hash', 'the hash does not match the content (edited)', where);
    lastHashed = hashed.right;
    lastPrevious = previous;

    if (s === undefined) {
      s = { revision: r.revision, hash: h };
      streams.set(r.streamId, s);
      if (chained) state.chainedStreams++;
      else state.loginStreams++;
    } else {
      s.revision = r.revision;
      s.hash = h;
    }
    state.events++;
    state.lastPosition = r.position;
    state.lastRecord =
      line === undefined
        ? { streamId: r.streamId, revision: r.revision, position: r.position }
        : { streamId: r.streamId, revision: r.revision, position: r.position, line };
    if (!chained) return undefined;
    state.globalHead = nextGlobalHead(state.globalHead, h);
    state.chainedEvents++;
    state.lastChainedPosition = r.position;
    if (digest !== undefined && state.chainedEvents === digest.count) {
      state.digestPositionMatches = r.position === digest.position;
      if (state.globalHead !== digest.globalHead) {
        return integrityFailure(
          'digest',
          `the global head after the digest's ${digest.count} events differs from the digest: an event up to here ` +
            'was altered, removed, inserted or reordered (its stream chain may have been recomputed)',
          where,
        );
      }
      if (state.chainedStreams !== digest.streams) {
        return integrityFailure(
          'digest',
          `the digest counts ${digest.streams} streams up to here, the log ${state.chainedStreams}`,
          where,
        );
      }
      state.digestMatched = true;
    }
    return undefined;
  };

  const finish = (): IntegrityFailure | undefined => {
    if (digest === undefined || state.chainedEvents >= digest.count) {
      if (!state.digestMatched && digest !== undefined) {
        return integrityFailure('digest', 'the log does not match the digest', {});
      }
      return undefined;
    }
    const last = state.lastRecord;
    return integrityFailure(
      'digest',
      `the log ends after ${state.chainedEvents} of the digest's ${digest.count} events: ` +
        `${digest.count - state.chainedEvents} events after ${
          last === undefined ? 'the start' : `position ${last.position}`
        } were cut off or removed`,
      last === undefined ? {} : last,
    );
  };

  const last = (): (HashedEvent & { readonly previousHash: string }) | undefined =>
    lastHashed === undefined ? undefined : { ...lastHashed, previousHash: lastPrevious };

  return { push, finish, streams, state, last };
};
