import { createReadStream } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { type ByteSource, type EventStore, type StoreError, type StoredEvent, lineBatches } from '@dinhdanh/core';

/** An event read from a line of an NDJSON file. */
export interface LogLine {
  readonly line: number;
  readonly event: StoredEvent<unknown>;
}

/** A line of an NDJSON file that is not a stored event (truncated, not JSON, missing fields). */
export interface UnreadableLine {
  readonly line: number;
  readonly error: string;
}

/** What the audit reads: stored events (from a store), or the lines of an NDJSON file. */
export type AuditInput = StoredEvent<unknown> | LogLine | UnreadableLine;

/** A failure of the store while the audit was reading it. */
export class StoreReadFailed extends Error {
  constructor(readonly error: StoreError) {
    super(`the store could not be read: ${JSON.stringify(error)}`);
  }
}

/**
 * The events of a store in global order, read in pages of `pageSize` (default 1000) through `readAll`. A store error
 * rejects the iteration with {@link StoreReadFailed}.
 */
export async function* storeLog(
  store: Pick<EventStore<unknown>, 'readAll'>,
  options: { readonly pageSize?: number } = {},
): AsyncGenerator<StoredEvent<unknown>> {
  const pageSize = options.pageSize ?? 1000;
  let from = 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: pageSize })();
    if (E.isLeft(page)) throw new StoreReadFailed(page.left);
    for (const e of page.right) yield e;
    const last = page.right[page.right.length - 1];
    if (last === undefined || page.right.length < pageSize) return;
    from = last.position + 1;
  }
}

const StoredEventCodec = t.intersection([
  t.type({
    streamId: t.string,
    revision: t.number,
    position: t.number,
    eventId: t.string,
    type: t.string,
    data: t.unknown,
    metadata: t.UnknownRecord,
    recordedAt: t.string,
  }),
  t.partial({ hash: t.string, previousHash: t.string }),
]);

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** What `StoredEventCodec.is` says, without its generic walk: the fast path of {@link parseLogLine}. */
const isStoredEvent = (u: unknown): u is StoredEvent<unknown> => {
  if (!isRecord(u)) return false;
  const { hash, previousHash } = u;
  return (
    typeof u['streamId'] === 'string' &&
    typeof u['revision'] === 'number' &&
    typeof u['position'] === 'number' &&
    typeof u['eventId'] === 'string' &&
    typeof u['type'] === 'string' &&
    isRecord(u['metadata']) &&
    typeof u['recordedAt'] === 'string' &&
    (hash === undefined || typeof hash === 'string') &&
    (previousHash === undefined || typeof previousHash === 'string')
  );
};

/** Reads one NDJSON line as a stored event. */
export const parseLogLine = (text: string, line: number): LogLine | UnreadableLine => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { line, error: `not JSON: ${(err as Error).message}` };
  }
  // The shape every well-formed line has, checked by hand; anything else goes through the codec, which names the
  // fields at fault. Both accept the same values and keep the parsed object as it is.
  if (isStoredEvent(json)) return { line, event: json };
  const r = StoredEventCodec.decode(json);
  if (E.isLeft(r)) {
    const missing = r.left
      .map((e) =>
        e.context
          .map((c) => c.key)
          .filter((k) => k !== '' && !/^\d+$/.test(k))
          .join('.'),
      )
      .filter((k) => k !== '');
    return { line, error: `not a stored event (check ${[...new Set(missing)].join(', ') || 'its shape'})` };
  }
  return { line, event: r.right as StoredEvent<unknown> };
};

/**
 * The lines of NDJSON text, one stored event a line (blank lines skipped), from chunks of any size: a file stream,
 * a string, an array of lines. Each line is numbered from 1. Lines are split by core's `lineBatches`.
 */
export async function* ndjsonLog(chunks: ByteSource): AsyncGenerator<LogLine | UnreadableLine> {
  let line = 0;
  // A string is text, not a path: `lineBatches` would open a path.
  for await (const lines of lineBatches(typeof chunks === 'string' ? [chunks] : chunks)) {
    for (let k = 0; k < lines.length; k++) {
      const raw = lines[k] as string;
      line++;
      const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
      if (text.trim() !== '') yield parseLogLine(text, line);
    }
  }
}

/** The stored events of an NDJSON file (see {@link ndjsonLog}). */
export const ndjsonFileLog = (path: string): AsyncGenerator<LogLine | UnreadableLine> =>
  ndjsonLog(createReadStream(path));
