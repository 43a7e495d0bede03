import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import type { StoreError } from '../errors.js';
import { describeStoreError } from '../errors.js';
import { eventHash, type HashedEvent } from '../hashChain.js';
import type { EventCodec, EventStore, NewEvent, StoredEvent } from '../port.js';
import { digestOf, type Digest } from './digest.js';
import { drive, PROGRESS_EVERY, type Progress } from './drive.js';
import {
  integrityFailure,
  sourceUnreadable,
  type IntegrityFailure,
  type LogError,
  type SourceUnreadable,
} from './failures.js';
import { readLogBatches, type ChainRecord, type Entry, type NdjsonInput } from './records.js';
import { createVerifier, type Verifier } from './verifier.js';

/** Where an export writes: a Node writable stream (a file, stdout, a socket). */
export interface NdjsonSink {
  write(chunk: string): boolean;
  once(event: 'drain' | 'error' | 'finish', listener: (...args: unknown[]) => void): unknown;
  removeListener(event: 'drain' | 'error' | 'finish', listener: (...args: unknown[]) => void): unknown;
  end(): unknown;
}

/** Options of {@link exportNdjson}. */
export interface ExportOptions<E> {
  /** Only the streams of this category. Default: every stream. */
  readonly category?: string;
  /** The store codec's `encode`, giving data its stored JSON form. Default: the data as it is. */
  readonly encode?: (data: E) => unknown;
  readonly onProgress?: (p: Progress) => void;
  /** Events per `readAll` page. Default 1000. */
  readonly pageSize?: number;
  /** End the sink once written, and wait until it has flushed. Default `true`. */
  readonly end?: boolean;
  /** The instant recorded in the returned digest. Default: the system clock. */
  readonly clock?: () => string;
}

/** What an export wrote: how many events, and the digest of the file (the same as `digest(file)` would give). */
export interface ExportSummary {
  readonly events: number;
  readonly digest: Digest;
}

const waitFor = (sink: NdjsonSink, event: 'drain' | 'finish'): Promise<void> =>
  new Promise((resolve, reject) => {
    const done = (): void => {
      sink.removeListener('error', fail);
      resolve();
    };
    const fail = (e: unknown): void => {
      sink.removeListener(event, done);
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    sink.once(event, done);
    sink.once('error', fail);
  });

/** Characters of NDJSON handed to the sink at a time. */
const WRITE_CHUNK = 1 << 16;

const line = (r: ChainRecord, data: string, metadata: string, hash: string, previousHash: string): string =>
  // Fixed key order and canonical data, so that exporting the same log twice gives the same bytes.
  `{"streamId":${JSON.stringify(r.streamId)},"revision":${r.revision},"position":${r.position},` +
  `"eventId":${JSON.stringify(r.eventId)},"type":${JSON.stringify(r.type)},"data":${data},"metadata":${metadata},` +
  `"recordedAt":${JSON.stringify(r.recordedAt)},"hash":"${hash}","previousHash":"${previousHash}"}\n`;

/**
 * Exports a store (or one category) as NDJSON, one event a line in global order:
 * `{ streamId, revision, position, eventId, type, data, metadata, recordedAt, hash, previousHash }`, with `data` and
 * `metadata` in RFC 8785 form so that the same log always gives the same bytes. Hashes come from the store, or are
 * computed when it does not keep them. The store is verified as it is read: a store that does not verify is not
 * exported (examine it with `verifyLog`). Streams in pages, so memory is one page plus one entry per stream.
 */
export const exportNdjson =
  <E>(store: EventStore<E>, sink: NdjsonSink, options: ExportOptions<E> = {}): TE.TaskEither<LogError, ExportSummary> =>
  async () => {
    const verifier = createVerifier();
    let nextReport = PROGRESS_EVERY;
    try {
      for await (const batch of readLogBatches(store, options)) {
        let chunk = '';
        let full = false;
        for (const { record } of batch.entries) {
          const failure = verifier.push(record);
          if (failure !== undefined) return E.left(failure);
          // The verifier has just hashed the record, so its canonical texts are there to write.
          const h = verifier.last() as HashedEvent & { readonly previousHash: string };
          chunk += line(record, h.data, h.metadata, h.hash, h.previousHash);
          // Handed on every WRITE_CHUNK characters rather than once a page: a line is a rope of many small strings
          // (the canonical writer concatenates), and a page of them held until its end survived the young-generation
          // collections (copied, then promoted), which made the export's cost per event grow with the heap.
          if (chunk.length >= WRITE_CHUNK) {
            full = !sink.write(chunk);
            chunk = '';
          }
        }
        if (chunk !== '') full = !sink.write(chunk);
        // A page's writes are buffered by the sink at most (as one write of the page was); then wait for it to drain.
        if (full) await waitFor(sink, 'drain');
        if (batch.error !== undefined) return E.left(batch.error);
        if (options.onProgress !== undefined && verifier.state.events >= nextReport) {
          options.onProgress({ phase: 'export', events: verifier.state.events });
          nextReport = verifier.state.events + PROGRESS_EVERY;
        }
      }
      options.onProgress?.({ phase: 'export', events: verifier.state.events });
      if (options.end ?? true) {
        const finished = waitFor(sink, 'finish');
        sink.end();
        await finished;
      }
    } catch (e) {
      return E.left(sourceUnreadable(e));
    }
    const createdAt = (options.clock ?? (() => new Date().toISOString()))();
    return E.right({ events: verifier.state.events, digest: digestOf(verifier.state, createdAt, options.category) });
  };

/** An event read from an NDJSON file: decoded by the caller's codec, with its chain hashes and its line. */
export type NdjsonEvent<E> = StoredEvent<E> & {
  readonly hash: string;
  readonly previousHash: string;
  readonly line: number;
};

/** Options of {@link readNdjson}. */
export interface ReadNdjsonOptions {
  /** Verify each stream's chain while reading (revisions, links, hashes). Default `true`. */
  readonly verify?: boolean;
}

const decodeData = <E>(codec: EventCodec<E>, entry: Entry): E.Either<IntegrityFailure, E> => {
  const r = entry.record;
  const decoded = codec.decode(r.data);
  if (E.isRight(decoded)) return decoded;
  const where = { streamId: r.streamId, revision: r.revision, position: r.position, line: entry.line };
  return E.left(integrityFailure('undecodable', `event ${r.type}: ${PathReporter.report(decoded).join('; ')}`, where));
};

/**
 * Reads an NDJSON export as an async iterator of events, each line checked (JSON, the record's fields), its data
 * decoded by `codec` (an unknown event type fails), and, unless `verify: false`, its stream's chain verified. The
 * first bad line yields a `Left` naming its line number, and the iteration ends. Holds one chunk of the file at a
 * time. A cut tail is not detected here (see `verifyLog` with a digest).
 */
export async function* readNdjson<E>(
  input: NdjsonInput,
  codec: EventCodec<E>,
  options: ReadNdjsonOptions = {},
): AsyncGenerator<E.Either<IntegrityFailure | SourceUnreadable, NdjsonEvent<E>>, void, undefined> {
  const verifier = options.verify === false ? undefined : createVerifier();
  for await (const batch of readLogBatches(input)) {
    for (const entry of batch.entries) {
      const failure = verifier?.push(entry.record, entry.line);
      if (failure !== undefined) {
        yield E.left(failure);
        return;
      }
      const data = decodeData(codec, entry);
      if (E.isLeft(data)) {
        yield data;
        return;
      }
      const r = entry.record as ChainRecord & { hash: string; previousHash: string };
      yield E.right({ ...r, data: data.right, line: entry.line ?? 0 });
    }
    if (batch.error !== undefined) {
      yield E.left(batch.error._tag === 'IntegrityFailure' ? batch.error : sourceUnreadable(batch.error));
      return;
    }
  }
}

/** An import that stopped after it had started writing: the target holds a prefix of the file, to be resumed. */
export interface ImportInterrupted {
  readonly _tag: 'ImportInterrupted';
  /** Events appended before it stopped; running the import again appends the rest (it skips what is there). */
  readonly appended: number;
  readonly reason: string;
  readonly cause?: unknown;
}

/** Why an import failed. An {@link IntegrityFailure}, a {@link SourceUnreadable} or a store error means nothing was written. */
export type ImportError = LogError | ImportInterrupted;

/** Options of {@link importNdjson}. */
export interface ImportOptions<E> {
  /** Decodes each event's data (e.g. `AccountEventCodec`); its `encode` gives the stored form to compare with. */
  readonly codec: EventCodec<E>;
  readonly onProgress?: (p: Progress) => void;
  /** At most this many consecutive events of a stream per append. Default 500. */
  readonly batchSize?: number;
  /** The instant recorded in the returned digest. Default: the system clock. */
  readonly clock?: () => string;
}

/** What an import did: events appended, events skipped because the target already held them, the file's digest. */
export interface ImportSummary {
  readonly appended: number;
  readonly skipped: number;
  readonly digest: Digest;
}

/** An NDJSON file to import: a path, or a function that opens it again (it is read twice). */
export type ReopenableNdjson = string | (() => NdjsonInput);

const progressOf = (o: { readonly onProgress?: (p: Progress) => void }): { onProgress?: (p: Progress) => void } =>
  o.onProgress === undefined ? {} : { onProgress: o.onProgress };

const open = (file: ReopenableNdjson): NdjsonInput => (typeof file === 'string' ? file : file());

/**
 * Imports an NDJSON export into a store, all or nothing as far as content goes.
 *
 * Pass 1 reads the whole file and writes nothing: every line is checked and decoded, every stream's chain verified,
 * and the target asked about each stream, which must be absent or hold an exact prefix of the file's stream (same
 * events, same hashes; that is what an interrupted import leaves). Anything else refuses the import, with the line,
 * stream and revision, and the target is left as it was. Pass 2 reads the file again and appends, in global order,
 * what the target lacks, each batch expecting the exact revision before it (`no-stream` for a stream's first event).
 *
 * Because stores are append-only, an import cannot be rolled back: after pass 1, no content failure can occur, but an
 * I/O failure, a concurrent writer to the same streams or a file changed between the passes stops pass 2 with an
 * {@link ImportInterrupted}; running the import again resumes it (events are recognised by id and hash).
 *
 * A login stream whose first events were purged (it starts after revision 0) cannot be imported into a store that
 * lacks them: the port cannot start a stream at a later revision, and renumbering would change every hash.
 */
export const importNdjson =
  <E>(
    file: ReopenableNdjson,
    target: EventStore<E>,
    options: ImportOptions<E>,
  ): TE.TaskEither<ImportError, ImportSummary> =>
  async () => {
    const { codec } = options;
    const batchSize = options.batchSize ?? 500;

    // Pass 1: verify, decode, and compare with the target; nothing is written.
    const check = createVerifier();
    const storeFailure: { error?: StoreError } = {};
    const checkTarget = async (entry: Entry): Promise<IntegrityFailure | undefined> => {
      const r = entry.record;
      const where = { streamId: r.streamId, revision: r.revision, position: r.position, line: entry.line };
      const decoded = decodeData(codec, entry);
      if (E.isLeft(decoded)) return decoded.left;
      const s = check.streams.get(r.streamId);
      if (s === undefined) return undefined; // unreachable: the verifier has just added it
      if (s.target === undefined) {
        const current = await target.streamRevision(r.streamId)();
        if (E.isLeft(current)) {
          storeFailure.error = current.left;
          return integrityFailure('conflict', describeStoreError(current.left), where);
        }
        s.target = current.right === 'no-stream' ? 0 : current.right + 1;
        if (r.revision > 0 && s.target === 0) {
          return integrityFailure(
            'conflict',
            `the stream starts at revision ${r.revision} (purged login history): a store cannot start a stream there`,
            where,
          );
        }
        if (r.revision > s.target) {
          return integrityFailure(
            'conflict',
            `the target holds ${s.target} events of the stream, the file starts at revision ${r.revision}`,
            where,
          );
        }
      }
      if (r.revision >= s.target) return undefined;
      // The target already holds this revision: it must be this very event (a resumed import).
      const there = await target.readStream(r.streamId, { fromRevision: r.revision, maxCount: 1 })();
      if (E.isLeft(there)) {
        storeFailure.error = there.left;
        return integrityFailure('conflict', describeStoreError(there.left), where);
      }
      const e = there.right[0];
      const h = e === undefined ? undefined : eventHash({ ...e, data: codec.encode(e.data) }, r.previousHash ?? '');
      if (h === undefined || E.isLeft(h) || h.right !== r.hash) {
        return integrityFailure('conflict', 'the target already holds a different event at this revision', where);
      }
      return undefined;
    };
    const first = await drive(open(file), check, { ...progressOf(options), phase: 'import-check' }, checkTarget);
    if (storeFailure.error !== undefined) return E.left(storeFailure.error);
    if (first.error !== undefined) return E.left(first.error);
    if (first.failure !== undefined) return E.left(first.failure);
    for (const [streamId, s] of check.streams) {
      if (s.target !== undefined && s.target > s.revision + 1) {
        return E.left(
          integrityFailure(
            'conflict',
            `the target holds ${s.target} events of the stream, more than the file's ${s.revision + 1}`,
            { streamId, revision: s.revision + 1 },
          ),
        );
      }
    }

    // Pass 2: append what the target lacks, in global order.
    const write: Verifier = createVerifier();
    let appended = 0;
    let skipped = 0;
    let pending: { streamId: string; from: number; events: NewEvent<E>[] } | undefined;
    const interrupted: { value?: ImportInterrupted } = {};
    const flush = async (): Promise<boolean> => {
      const p = pending;
      pending = undefined;
      if (p === undefined || p.events.length === 0) return true;
      const expected = p.from === 0 ? ('no-stream' as const) : { exact: p.from - 1 };
      const r = await target.append(p.streamId, p.events, expected)();
      if (E.isLeft(r)) {
        interrupted.value = {
          _tag: 'ImportInterrupted',
          appended,
          reason: `appending to ${p.streamId} at revision ${p.from}: ${describeStoreError(r.left)}`,
          cause: r.left,
        };
        return false;
      }
      appended += p.events.length;
      return true;
    };
    const append = async (entry: Entry): Promise<IntegrityFailure | undefined> => {
      const r = entry.record;
      const known = check.streams.get(r.streamId)?.target ?? 0;
      if (r.revision < known) {
        skipped++;
        return undefined;
      }
      const decoded = decodeData(codec, entry);
      if (E.isLeft(decoded)) return decoded.left;
      if (pending !== undefined && (pending.streamId !== r.streamId || pending.events.length >= batchSize)) {
        if (!(await flush())) return integrityFailure('conflict', interrupted.value?.reason ?? 'append failed');
      }
      pending ??= { streamId: r.streamId, from: r.revision, events: [] };
      pending.events.push({
        eventId: r.eventId,
        type: r.type,
        data: decoded.right,
        metadata: r.metadata,
        recordedAt: r.recordedAt,
      });
      return undefined;
    };
    const second = await drive(open(file), write, { ...progressOf(options), phase: 'import-write' }, append);
    if (interrupted.value !== undefined) return E.left(interrupted.value);
    const changed = (reason: string, cause?: unknown): E.Either<ImportError, never> =>
      E.left({ _tag: 'ImportInterrupted', appended, reason, ...(cause === undefined ? {} : { cause }) });
    if (second.error !== undefined) return changed(`the file could not be read again`, second.error);
    if (second.failure !== undefined) return changed('the file changed between the two passes', second.failure);
    if (!(await flush())) return E.left(interrupted.value as unknown as ImportInterrupted);
    if (write.state.globalHead !== check.state.globalHead || write.state.events !== check.state.events) {
      return changed('the file changed between the two passes');
    }
    const createdAt = (options.clock ?? (() => new Date().toISOString()))();
    return E.right({ appended, skipped, digest: digestOf(check.state, createdAt) });
  };
