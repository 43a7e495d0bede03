import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { StoreError } from '../errors.js';
import { verifyStreamChain, type ChainBroken } from '../hashChain.js';
import { streamKind } from '../streams.js';
import { isStreamDeleted, isStreamNotFound, storeErrorOf } from './clientErrors.js';
import { rawFromRecorded, type RawEvent, type RecordedLike } from './events.js';
import { assessStreamMetadata, type MetadataFindingKind, type StreamMetadataLike } from './metadata.js';
import { BACKWARDS, END, FORWARDS, START } from './positions.js';
import type { EventStoreDbClient } from './store.js';

/** What the verifier found wrong with a stream. */
export type VerificationFindingKind =
  MetadataFindingKind | 'tombstoned' | 'events-hidden' | 'shorter-than-recorded' | 'chain-broken' | 'unreadable';

/** One finding of {@link verifyEventStoreDb}: the stream (port name), what is wrong, and a message citing the rule. */
export interface VerificationFinding {
  readonly kind: VerificationFindingKind;
  readonly streamId: string;
  readonly message: string;
}

/** The verifier's report. `findings` is empty when every identity and login stream is as Art. 17 requires. */
export interface EventStoreDbVerification {
  /** The identity and login streams checked (port names), in the order they first appear in the log. */
  readonly streamsChecked: ReadonlyArray<string>;
  readonly findings: ReadonlyArray<VerificationFinding>;
}

/** Options of {@link verifyEventStoreDb}. */
export interface VerifyEventStoreDbOptions {
  /**
   * Revisions recorded earlier (a digest, an audit, a projection checkpoint), by port stream name: a stream whose
   * last readable revision is now lower, or that reads as empty, is reported `shorter-than-recorded`.
   */
  readonly recordedRevisions?: Readonly<Record<string, number>>;
  /** The namespace the store was created with, if any. */
  readonly namespace?: string;
  /** Read every identity and login stream in full and verify its hash chain. Default `true`. */
  readonly verifyHashChains?: boolean;
}

/** What the verifier observed of one stream; the input of {@link assessStream}. */
export interface StreamObservation {
  /** Port stream name. */
  readonly streamId: string;
  /** Its stream metadata (client camelCase or raw `$` keys), if any. */
  readonly metadata?: StreamMetadataLike;
  /** A tombstone (`$streamDeleted`) is in the log, or the server answered `StreamDeleted`. */
  readonly tombstoned: boolean;
  /** An event of the stream (not only metadata) is in the log, whether or not it is still readable. */
  readonly seenInLog: boolean;
  /** The revision of the first readable event, if any. */
  readonly firstRevision?: number;
  /** The revision of the last readable event, if any. */
  readonly lastRevision?: number;
  /** A revision recorded for it earlier. */
  readonly recordedRevision?: number;
  /** The outcome of verifying its hash chain, when it was verified. */
  readonly chain?: E.Either<ChainBroken | string, void>;
}

/**
 * The findings for one observed stream (pure). Identity streams: any metadata that hides or expires events, a
 * tombstone, events in the log that no longer read, a first readable revision above 0. Login streams: metadata
 * under five years or dropping events by count or truncation, a tombstone. Both: a last revision below the one
 * recorded, a broken hash chain.
 */
export const assessStream = (o: StreamObservation): ReadonlyArray<VerificationFinding> => {
  const kind = streamKind(o.streamId);
  if (kind === 'other') return [];
  const rule =
    kind === 'subject'
      ? 'identity information is stored eternally (69/2024/ND-CP Art. 17(1))'
      : 'login history is kept at least five years (69/2024/ND-CP Art. 17(2))';
  const findings: VerificationFinding[] = assessStreamMetadata(o.streamId, o.metadata).map((f) => ({
    kind: f.kind,
    streamId: f.streamId,
    message: f.message,
  }));
  const add = (k: VerificationFindingKind, message: string): void => {
    findings.push({ kind: k, streamId: o.streamId, message: `stream ${o.streamId}: ${message}` });
  };
  if (o.tombstoned) add('tombstoned', `is tombstoned (hard-deleted): it can never be read or written again; ${rule}`);
  const softDeleted = findings.some((f) => f.kind === 'soft-deleted');
  if (kind === 'subject' && !o.tombstoned && !softDeleted) {
    if (o.seenInLog && o.lastRevision === undefined) {
      add('events-hidden', `has events in the log but none reads: deleted, truncated or expired; ${rule}`);
    } else if (o.firstRevision !== undefined && o.firstRevision > 0) {
      add(
        'events-hidden',
        `reads from revision ${o.firstRevision}: revisions 0 to ${o.firstRevision - 1} are hidden or scavenged; ${rule}`,
      );
    }
  }
  if (o.recordedRevision !== undefined && (o.lastRevision === undefined || o.lastRevision < o.recordedRevision)) {
    add(
      'shorter-than-recorded',
      `was recorded at revision ${o.recordedRevision} but now ${o.lastRevision === undefined ? 'reads as empty' : `ends at revision ${o.lastRevision}`}; ${rule}`,
    );
  }
  if (o.chain !== undefined && E.isLeft(o.chain)) {
    const c = o.chain.left;
    add(
      typeof c === 'string' ? 'unreadable' : 'chain-broken',
      typeof c === 'string' ? c : `hash chain broken at revision ${c.revision}: ${c.reason}`,
    );
  }
  return findings;
};

/**
 * Verifies that an EventStoreDB database keeps what Decree 69/2024/ND-CP Art. 17 requires of identity and login
 * streams: reads the whole `$all` log (system events included) to find every such stream, including those only a
 * metadata event or a tombstone still names, then reads each one's stream metadata and events and reports them
 * with {@link assessStream}. Read-only; it needs a user allowed to read `$all` and stream metadata (e.g. `admin`).
 */
export const verifyEventStoreDb =
  (
    client: Pick<EventStoreDbClient, 'readAll' | 'readStream' | 'getStreamMetadata'>,
    options: VerifyEventStoreDbOptions = {},
  ): TE.TaskEither<StoreError, EventStoreDbVerification> =>
  async () => {
    const namespace = options.namespace ?? '';
    const recorded = options.recordedRevisions ?? {};
    const chains = options.verifyHashChains ?? true;
    try {
      // Port stream name -> whether an event of it (not only metadata) is in the log.
      const seen = new Map<string, boolean>();
      const tombstoned = new Set<string>();
      const note = (esdbName: string, isEvent: boolean): string | undefined => {
        if (esdbName.startsWith('$') || !esdbName.startsWith(namespace)) return undefined;
        const id = esdbName.slice(namespace.length);
        if (streamKind(id) === 'other') return undefined;
        seen.set(id, (seen.get(id) ?? false) || isEvent);
        return id;
      };
      for await (const resolved of client.readAll({ fromPosition: START, direction: FORWARDS })) {
        const r = resolved.event;
        if (r === undefined) continue;
        if (r.streamId.startsWith('$$')) note(r.streamId.slice(2), false);
        else {
          const id = note(r.streamId, true);
          if (id !== undefined && r.type === '$streamDeleted') tombstoned.add(id);
        }
      }
      for (const id of Object.keys(recorded)) if (streamKind(id) !== 'other' && !seen.has(id)) seen.set(id, false);

      const findings: VerificationFinding[] = [];
      for (const [streamId, seenInLog] of seen) {
        const name = namespace + streamId;
        let deleted = tombstoned.has(streamId);
        let metadata: StreamMetadataLike | undefined;
        try {
          metadata = (await client.getStreamMetadata(name)).metadata;
        } catch (error) {
          if (!isStreamDeleted(error)) throw error;
          deleted = true;
        }
        const read = async (o: Parameters<typeof client.readStream>[1]): Promise<RecordedLike[]> => {
          const out: RecordedLike[] = [];
          if (deleted) return out;
          try {
            for await (const e of client.readStream(name, o)) if (e.event !== undefined) out.push(e.event);
          } catch (error) {
            if (isStreamDeleted(error)) deleted = true;
            else if (!isStreamNotFound(error)) throw error;
          }
          return out;
        };
        const events = chains
          ? await read({ direction: FORWARDS, fromRevision: START })
          : [
              ...(await read({ direction: FORWARDS, fromRevision: START, maxCount: 1 })),
              ...(await read({ direction: BACKWARDS, fromRevision: END, maxCount: 1 })),
            ];
        const raws: RawEvent[] = [];
        let unreadable: string | undefined;
        for (const e of events) {
          const raw = rawFromRecorded(e, namespace);
          if (E.isLeft(raw)) {
            unreadable = `revision ${e.revision.toString()} is not this adapter's event: ${JSON.stringify(raw.left)}`;
            break;
          }
          raws.push(raw.right);
        }
        const first = events[0];
        const last = events[events.length - 1];
        const chain: E.Either<ChainBroken | string, void> | undefined =
          unreadable !== undefined ? E.left(unreadable) : chains ? verifyStreamChain(raws) : undefined;
        const recordedRevision = recorded[streamId];
        findings.push(
          ...assessStream({
            streamId,
            tombstoned: deleted,
            seenInLog,
            ...(metadata === undefined ? {} : { metadata }),
            ...(first === undefined ? {} : { firstRevision: Number(first.revision) }),
            ...(last === undefined ? {} : { lastRevision: Number(last.revision) }),
            ...(recordedRevision === undefined ? {} : { recordedRevision }),
            ...(chain === undefined ? {} : { chain }),
          }),
        );
      }
      return E.right({ streamsChecked: [...seen.keys()], findings });
    } catch (error) {
      return E.left(storeErrorOf('readAll', error));
    }
  };
