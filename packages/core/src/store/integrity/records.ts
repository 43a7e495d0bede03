import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
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

/** A readable byte or text stream, as `fs.createReadStream` or `process.stdin` give. */
export type ByteSource = AsyncIterable<Buffer | string>;

/** An NDJSON file: its path, or a readable stream of its bytes. */
export type NdjsonInput = string | ByteSource;

/**
 * The lines of a file in batches (one per chunk read), without holding the file: only the chunk and a partial line
 * are kept. A last line without its newline is still a line (a truncated one then fails to parse, with its number).
 */
export async function* lineBatches(input: NdjsonInput): AsyncGenerator<string[], void, undefined> {
  const bytes: ByteSource = typeof input === 'string' ? createReadStream(input, { highWaterMark: 1 << 20 }) : input;
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of bytes) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    if (lines.length > 0) yield lines;
  }
  rest += decoder.end();
  if (rest !== '') yield [rest];
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
