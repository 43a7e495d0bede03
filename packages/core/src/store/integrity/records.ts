import { createReadStream } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import type { StoreError } from '../errors.js';
import type { EventMetadata, EventStore, StoredEvent } from '../port.js';
import { streamCategory } from '../streams.js';
import { integrityFailure, sourceUnreadable, type IntegrityFailure, type LogError } from './failures.js';

/**
 * An event as the integrity tools read it, from a store or a file: `data` in its stored (encoded) JSON form, and the
 * chain hashes when the source has them (a file always does; a store only when it keeps the chain).
 */
export interface ChainRecord {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
  readonly hash?: string;
  readonly previousHash?: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

const Hex64 = new t.Type<string, string, unknown>(
  'Sha256Hex',
  (u): u is string => typeof u === 'string' && HEX64.test(u),
  (u, c) => (typeof u === 'string' && HEX64.test(u) ? t.success(u) : t.failure(u, c, 'expected 64 lowercase hex')),
  (s) => s,
);

const NonEmpty = new t.Type<string, string, unknown>(
  'NonEmptyString',
  (u): u is string => typeof u === 'string' && u !== '',
  (u, c) => (typeof u === 'string' && u !== '' ? t.success(u) : t.failure(u, c, 'expected a non-empty string')),
  (s) => s,
);

const Whole = new t.Type<number, number, unknown>(
  'WholeNumber',
  (u): u is number => Number.isSafeInteger(u) && (u as number) >= 0,
  (u, c) =>
    Number.isSafeInteger(u) && (u as number) >= 0 ? t.success(u as number) : t.failure(u, c, 'expected n >= 0'),
  (n) => n,
);

/** The io-ts codec of one line of an NDJSON export (its `data` is checked by the caller's event codec, not here). */
export const NdjsonLineCodec = t.type({
  streamId: NonEmpty,
  revision: Whole,
  position: Whole,
  eventId: NonEmpty,
  type: NonEmpty,
  data: t.unknown,
  metadata: t.UnknownRecord,
  recordedAt: t.string,
  hash: Hex64,
  previousHash: Hex64,
});

/** One line of an NDJSON export: an event with its place in the log and its chain hashes. */
export type NdjsonLine = t.TypeOf<typeof NdjsonLineCodec>;

const LINE_KEYS: ReadonlySet<string> = new Set(Object.keys(NdjsonLineCodec.props));

/** Parses and checks one line (1-based `line`): JSON, exactly the fields of {@link NdjsonLine}, their types. */
export const parseLine = (text: string, line: number): E.Either<IntegrityFailure, NdjsonLine> => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return E.left(integrityFailure('malformed', `not JSON: ${e instanceof Error ? e.message : String(e)}`, { line }));
  }
  const decoded = NdjsonLineCodec.decode(value);
  const where = (): { streamId?: string; revision?: number; line: number } => {
    const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    return {
      line,
      ...(typeof o['streamId'] === 'string' ? { streamId: o['streamId'] } : {}),
      ...(typeof o['revision'] === 'number' ? { revision: o['revision'] } : {}),
    };
  };
  if (E.isLeft(decoded)) {
    return E.left(
      integrityFailure('malformed', `not an event record: ${PathReporter.report(decoded).join('; ')}`, where()),
    );
  }
  // Every field is covered by the hash or is the position: an extra one would be content nothing vouches for.
  const keys = Object.keys(value as object);
  const extra = keys.find((k) => !LINE_KEYS.has(k));
  if (extra !== undefined || keys.length !== LINE_KEYS.size) {
    const reason = extra === undefined ? 'a field is missing (data?)' : `unknown field ${JSON.stringify(extra)}`;
    return E.left(integrityFailure('malformed', `not an event record: ${reason}`, where()));
  }
  return E.right(decoded.right);
};

/** A record and, when it comes from a file, its 1-based line. */
export interface Entry {
  readonly record: ChainRecord;
  readonly line?: number;
}

/** A batch of records read, or the reason reading stopped (always the last batch then). */
export interface Batch {
  readonly entries: ReadonlyArray<Entry>;
  readonly error?: LogError;
}

/** A readable byte or text stream, as `fs.createReadStream` or `process.stdin` give, or chunks in memory. */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** An NDJSON file: its path, or a readable stream of its bytes. */
export type NdjsonInput = string | ByteSource;

/** Bytes read from a file at a time. */
const CHUNK_BYTES = 1 << 16;

const NEWLINE = 0x0a;

/** The byte order mark some editors put at the start of a UTF-8 file: not part of the first line. */
const withoutBom = (line: string): string => (line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);

/**
 * The lines of a file in batches (one per chunk read), without holding the file: only the chunk and a partial line
 * are kept. A last line without its newline is still a line (a truncated one then fails to parse, with its number).
 * Lines keep a `\r` before their newline (JSON ignores it); a UTF-8 byte order mark at the start is dropped.
 *
 * Each line is cut from the chunk it ends in and decoded on its own; only a line that spans chunks is joined. This is
 * the hot loop of every file read (audit, verification, import), and measured so (docs/scale.md): prepending the
 * partial line to each chunk made a two-part string that every search flattened, three times the cost of the rest of
 * splitting; and decoding a whole chunk to one string, then slicing it, is slower than decoding each line, and the
 * more so the larger the chunk (strings past about 128 KiB live in V8's large-object space).
 */
export async function* lineBatches(input: NdjsonInput): AsyncGenerator<string[], void, undefined> {
  const chunks: ByteSource =
    typeof input === 'string' ? createReadStream(input, { highWaterMark: CHUNK_BYTES }) : input;
  // The start of a line that spans chunks: its bytes (from byte chunks) or its text (from string chunks).
  let partBytes: Buffer[] = [];
  let partText = '';
  const partial = (): string => {
    const text = partText + (partBytes.length === 0 ? '' : Buffer.concat(partBytes).toString('utf8'));
    partBytes = [];
    partText = '';
    return text;
  };
  let first = true;
  for await (const chunk of chunks) {
    const lines: string[] = [];
    if (typeof chunk === 'string') {
      let nl = chunk.indexOf('\n');
      if (nl < 0) {
        partText = partial() + chunk;
        continue;
      }
      lines.push(partial() + chunk.slice(0, nl));
      let start = nl + 1;
      nl = chunk.indexOf('\n', start);
      while (nl >= 0) {
        lines.push(chunk.slice(start, nl));
        start = nl + 1;
        nl = chunk.indexOf('\n', start);
      }
      partText = chunk.slice(start);
    } else {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let nl = bytes.indexOf(NEWLINE);
      if (nl < 0) {
        // Copied: the source may reuse its buffer for the next chunk.
        if (bytes.length > 0) partBytes.push(Buffer.from(bytes));
        continue;
      }
      partBytes.push(bytes.subarray(0, nl));
      lines.push(partial());
      let start = nl + 1;
      nl = bytes.indexOf(NEWLINE, start);
      while (nl >= 0) {
        lines.push(bytes.toString('utf8', start, nl));
        start = nl + 1;
        nl = bytes.indexOf(NEWLINE, start);
      }
      if (start < bytes.length) partBytes.push(Buffer.from(bytes.subarray(start)));
    }
    if (first) {
      lines[0] = withoutBom(lines[0] as string);
      first = false;
    }
    yield lines;
  }
  const last = partial();
  if (last !== '') yield [first ? withoutBom(last) : last];
}

/** Options of the log readers (`verifyLog`, `digest`, `exportNdjson`). */
export interface ReadLogOptions<E> {
  /** Turns a store's decoded data into its stored JSON form (the store codec's `encode`). Default: as it is. */
  readonly encode?: (data: E) => unknown;
  /** Only the streams of this category (`subject`, `login`, …). Default: every stream. */
  readonly category?: string;
  /** Events per `readAll` page from a store. Default 1000. */
  readonly pageSize?: number;
}

/** Whether a source is a store (rather than a file path or a byte stream). */
export const isStore = (source: unknown): source is EventStore<unknown> =>
  typeof source === 'object' && source !== null && typeof (source as { readAll?: unknown }).readAll === 'function';

async function* storeBatches<E>(store: EventStore<E>, options: ReadLogOptions<E>): AsyncGenerator<Batch> {
  const encode = options.encode;
  const pageSize = options.pageSize ?? 1000;
  let from = 0;
  for (;;) {
    let page: E.Either<StoreError, ReadonlyArray<StoredEvent<E>>>;
    try {
      page = await store.readAll({ fromPosition: from, maxCount: pageSize })();
    } catch (e) {
      yield { entries: [], error: sourceUnreadable(e) };
      return;
    }
    if (E.isLeft(page)) {
      yield { entries: [], error: page.left };
      return;
    }
    const events = page.right;
    const entries: Entry[] = [];
    for (const e of events) {
      if (options.category !== undefined && streamCategory(e.streamId) !== options.category) continue;
      // Without an encoder the stored event is the record as it is: no copy per event.
      entries.push({ record: encode === undefined ? e : { ...e, data: encode(e.data) } });
    }
    if (entries.length > 0) yield { entries };
    const last = events[events.length - 1];
    if (last === undefined || events.length < pageSize) return;
    from = last.position + 1;
  }
}

async function* fileBatches(input: NdjsonInput, options: ReadLogOptions<unknown>): AsyncGenerator<Batch> {
  let line = 0;
  try {
    for await (const lines of lineBatches(input)) {
      const entries: Entry[] = [];
      for (const text of lines) {
        line++;
        const parsed = parseLine(text, line);
        if (E.isLeft(parsed)) {
          yield { entries, error: parsed.left };
          return;
        }
        if (options.category !== undefined && streamCategory(parsed.right.streamId) !== options.category) continue;
        entries.push({ record: parsed.right as ChainRecord, line });
      }
      yield { entries };
    }
  } catch (e) {
    yield { entries: [], error: sourceUnreadable(e) };
  }
}

/** The records of a store (in `readAll` pages) or of an NDJSON file, in batches, in the source's order. */
export const readLogBatches = <E>(
  source: EventStore<E> | NdjsonInput,
  options: ReadLogOptions<E> = {},
): AsyncGenerator<Batch> =>
  isStore(source)
    ? storeBatches(source as EventStore<E>, options)
    : fileBatches(source as NdjsonInput, options as ReadLogOptions<unknown>);
