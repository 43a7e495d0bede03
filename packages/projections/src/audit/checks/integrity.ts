import * as E from 'fp-ts/lib/Either.js';
import {
  type Citation,
  type Digest,
  GENESIS_HASH,
  GLOBAL_GENESIS,
  type StoredEvent,
  art,
  eventHash,
  inGlobalChain,
  nextGlobalHead,
  streamCategory,
  streamKind,
} from '@dinhdanh/core';
import type { Finding } from '../finding.js';

// Art. 17: identity information is stored eternally (17(1)), login history at least five years (17(2)). Nothing
// recorded may vanish or change: revisions run without gaps, each event's hash covers its content and the hash
// before it, and the digest an auditor kept (core's `Digest`: the global chain's head after its first `count`
// events) still matches, so that a cut tail or a recomputed history shows too.

/**
 * The first instant at which a login event recorded under this decree can be five years old, and so lawfully purged
 * (Art. 17(2); Art. 40(1): in force from 1 July 2024). Before it, a login stream that starts after revision 0 lost
 * events it had to keep; from it on, the audit cannot tell a lawful purge from a loss and reports nothing.
 */
export const FIRST_LAWFUL_PURGE_MS = Date.parse('2029-07-01T00:00:00+07:00');

/** The clause of Art. 17 that keeps a stream's events. */
export const retentionClause = (streamId: string): Citation => {
  const k = streamKind(streamId);
  return k === 'subject' ? art(17, 1) : k === 'login' ? art(17, 2) : art(17);
};

const KEEP = 'Every recorded event stays, unaltered, in its place (Art. 17)';

interface StreamTrack {
  lastRevision: number;
  lastHash: string | undefined;
  hashed: boolean;
}

/** The global chain over the log as read, against a digest (see `globalChain.ts` in core for its definition). */
interface GlobalChain {
  head: string;
  count: number;
  readonly streams: Set<string>;
  /** The recomputed hash of each chained stream's last event: the chain is over content, not the stored hashes. */
  readonly last: Map<string, string>;
  /** Why the chain could not be followed (an event that is not canonical JSON), once it could not. */
  broken: string | null;
  done: boolean;
}

/** Where a stored event sits, for findings. */
export interface Place {
  readonly subjectId: string;
  readonly line?: number;
  readonly at: string;
}

/** An integrity finding on one stored event, cited to the clause of Art. 17 that keeps its stream. */
export const eventFinding = (e: StoredEvent<unknown>, place: Place, check: string, found: string): Finding => ({
  check,
  severity: 'integrity',
  subjectId: place.subjectId,
  streamId: e.streamId,
  revision: e.revision,
  ...(place.line === undefined ? {} : { line: place.line }),
  at: place.at,
  citation: retentionClause(e.streamId),
  required: KEEP,
  found,
});

/** A digest finding on the log as a whole (Art. 17(1)), named by no event. */
export const logDigestFinding = (asOf: string, found: string): Finding => ({
  check: 'integrity.digest',
  severity: 'integrity',
  subjectId: '',
  streamId: '',
  at: asOf,
  citation: art(17, 1),
  required: KEEP,
  found,
});

/**
 * What is wrong once the global chain has taken the digest's count of events, or `undefined`: the chain could not be
 * followed (`broken`), its head is not the digest's, or it met another number of streams.
 */
export const digestMismatch = (d: Digest, broken: string | null, head: string, streams: number): string | undefined => {
  const why =
    broken !== null
      ? `the global chain cannot be followed: ${broken}`
      : head !== d.globalHead
        ? `the global head after the digest's ${d.count} events differs from the digest's: an event up to here was altered, removed, inserted or reordered`
        : streams !== d.streams
          ? `the digest counts ${d.streams} streams in its ${d.count} events, the log ${streams}`
          : null;
  return why === null ? undefined : `${why} (digest of ${d.createdAt})`;
};

/**
 * What is wrong when the log ended after `count` chained events without reaching the digest's count, or `undefined`:
 * a log that stops short of the digest lost its tail (or events before it).
 */
export const digestShortfall = (d: Digest, count: number): string | undefined =>
  d.count === 0
    ? d.globalHead !== GLOBAL_GENESIS
      ? `the digest counts no event but its head is not the empty chain's`
      : undefined
    : `the digest of ${d.createdAt} pins ${d.count} events; the log holds ${count}: ${d.count - count} event(s) vanished`;

/** Follows every stream's revisions and hash chain, and compares them with a digest. Per-stream state only. */
export class IntegrityTracker {
  private readonly streams = new Map<string, StreamTrack>();
  private readonly chain: GlobalChain = {
    head: GLOBAL_GENESIS,
    count: 0,
    streams: new Set(),
    last: new Map(),
    broken: null,
    done: false,
  };

  constructor(
    private readonly emit: (f: Finding) => void,
    private readonly asOfMs: number,
    private readonly digest?: Digest,
  ) {}

  private finding(e: StoredEvent<unknown>, place: Place, check: string, found: string): void {
    this.emit(eventFinding(e, place, check, found));
  }

  /** Checks one stored event against the one before it in its stream. */
  onEvent(e: StoredEvent<unknown>, place: Place): void {
    const t = this.streams.get(e.streamId);
    const expected = t === undefined ? 0 : t.lastRevision + 1;
    const purged =
      t === undefined && e.revision > 0 && streamKind(e.streamId) === 'login' && this.asOfMs >= FIRST_LAWFUL_PURGE_MS;
    const gap = e.revision !== expected;
    if (gap && !purged)
      this.finding(
        e,
        place,
        'integrity.revision-gap',
        t === undefined
          ? `the stream starts at revision ${e.revision}: revisions 0-${e.revision - 1} are missing`
          : e.revision > expected
            ? `revision ${e.revision} follows ${t.lastRevision}: ${e.revision - expected} event(s) missing`
            : `revision ${e.revision} comes again after ${t.lastRevision}`,
      );
    const hashed = t === undefined ? e.hash !== undefined : t.hashed;
    if (hashed) this.checkHash(e, place, t, gap);
    if (t === undefined) {
      this.streams.set(e.streamId, { lastRevision: Math.max(e.revision, -1), lastHash: e.hash, hashed });
      return;
    }
    // Updated in place: one object per stream, not one per event.
    t.lastRevision = Math.max(e.revision, t.lastRevision);
    t.lastHash = e.hash;
  }

  /**
   * Follows the global chain over every event read, whatever its instant (the digest vouches for the log, not for the
   * as-of view), and compares it with the digest once the digest's count of events is reached.
   */
  onChainedEvent(e: StoredEvent<unknown>, place: Place): void {
    const d = this.digest;
    const g = this.chain;
    if (d === undefined || g.done || !inGlobalChain(e.streamId)) return;
    if (d.category !== undefined && streamCategory(e.streamId) !== d.category) return;
    if (g.broken === null) {
      const previous = g.last.get(e.streamId) ?? (e.revision === 0 ? GENESIS_HASH : (e.previousHash ?? GENESIS_HASH));
      const h = eventHash(e, previous);
      if (E.isLeft(h)) g.broken = `${e.streamId}@${e.revision} is not canonical JSON (${h.left.reason})`;
      else {
        g.last.set(e.streamId, h.right);
        g.head = nextGlobalHead(g.head, h.right);
      }
    }
    g.count++;
    g.streams.add(e.streamId);
    if (g.count !== d.count) return;
    g.done = true;
    const found = digestMismatch(d, g.broken, g.head, g.streams.size);
    if (found !== undefined) this.finding(e, place, 'integrity.digest', found);
  }

  private checkHash(e: StoredEvent<unknown>, place: Place, t: StreamTrack | undefined, gap: boolean): void {
    if (e.hash === undefined || e.previousHash === undefined)
      return this.finding(e, place, 'integrity.hash-chain', 'the event carries no hash in a hash-chained stream');
    const previous = e.revision === 0 ? GENESIS_HASH : t === undefined || gap ? e.previousHash : t.lastHash;
    if (e.previousHash !== previous)
      this.finding(e, place, 'integrity.hash-chain', 'its previousHash is not the hash of the event before it');
    const recomputed = eventHash(e, e.previousHash);
    if (E.isLeft(recomputed))
      this.finding(e, place, 'integrity.hash-chain', `its content is not canonical JSON (${recomputed.left.reason})`);
    else if (recomputed.right !== e.hash)
      this.finding(
        e,
        place,
        'integrity.hash-chain',
        'its hash does not match its content: the event was altered after it was recorded',
      );
  }

  /** At the end: a log that stops short of the digest's count lost its tail (or events before it). */
  finish(asOf: string): void {
    const d = this.digest;
    if (d === undefined || this.chain.done) return;
    const found = digestShortfall(d, this.chain.count);
    if (found !== undefined) this.emit(logDigestFinding(asOf, found));
  }
}
