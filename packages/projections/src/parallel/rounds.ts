import { open } from 'node:fs/promises';
import type { EventStore, StoredEvent } from '@dinhdanh/core';
import * as E from 'fp-ts/lib/Either.js';
import { StoreReadFailed } from '../audit/source.js';
import { NOWHERE, type Round } from './job.js';
import { partitionOfLine, partitionOfStream } from './partition.js';
import type { EventBatch, LineBatch } from './protocol.js';

/** A round of NDJSON lines, with the bytes it was cut from (kept by the coordinator until the round is folded). */
export interface LineRound extends Round {
  readonly kind: 'lines';
  readonly bytes: Uint8Array;
  /** Where item `k`'s text is in `bytes` (`[starts[k], ends[k])`, without `\r\n`) and its line number. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly lines: Float64Array;
}

/** A round of events read from a store. */
export interface EventRound extends Round {
  readonly kind: 'events';
  readonly events: ReadonlyArray<StoredEvent<unknown>>;
}

const NL = 0x0a;
const CR = 0x0d;
const decoder = new TextDecoder();

/** The partition of a line the fast path could not route: parsed; blank lines go nowhere, unreadable ones to 0. */
const slowPartition = (text: string, partitions: number): number => {
  if (text.trim() === '') return NOWHERE;
  try {
    const json = JSON.parse(text) as unknown;
    const streamId =
      typeof json === 'object' && json !== null && !Array.isArray(json)
        ? (json as Record<string, unknown>)['streamId']
        : undefined;
    return typeof streamId === 'string' ? partitionOfStream(streamId, partitions) : 0;
  } catch {
    return 0;
  }
};

/** Cuts the complete lines of `bytes[0, end)` into a round; `last` says the final line has no `\n`. */
const cut = (bytes: Uint8Array, end: number, firstLine: number, partitions: number, last: boolean): LineRound => {
  const starts: number[] = [];
  const ends: number[] = [];
  let start = 0;
  while (start < end) {
    let nl = bytes.indexOf(NL, start);
    if (nl < 0 || nl >= end) {
      if (!last) break;
      nl = end;
    }
    starts.push(start);
    ends.push(nl > start && bytes[nl - 1] === CR ? nl - 1 : nl);
    start = nl + 1;
  }
  const n = starts.length;
  const assign = new Uint8Array(n);
  const sizes = new Array<number>(partitions).fill(0);
  const counts = new Array<number>(partitions).fill(0);
  for (let k = 0; k < n; k++) {
    const s = starts[k] as number;
    const e = ends[k] as number;
    const w =
      partitionOfLine(bytes, s, e, partitions) ?? slowPartition(decoder.decode(bytes.subarray(s, e)), partitions);
    assign[k] = w;
    if (w === NOWHERE) continue;
    sizes[w] = (sizes[w] as number) + e - s + 1;
    counts[w] = (counts[w] as number) + 1;
  }
  // One buffer a worker, of its own (transferable, not a slice of a shared pool), lines joined by `\n`.
  const texts = sizes.map((size) => new Uint8Array(size));
  const numbers = counts.map((c) => new Float64Array(c));
  const at = new Array<number>(partitions).fill(0);
  const filled = new Array<number>(partitions).fill(0);
  for (let k = 0; k < n; k++) {
    const w = assign[k] as number;
    if (w === NOWHERE) continue;
    const s = starts[k] as number;
    const e = ends[k] as number;
    const text = texts[w] as Uint8Array;
    const pos = at[w] as number;
    text.set(bytes.subarray(s, e), pos);
    text[pos + e - s] = NL;
    at[w] = pos + e - s + 1;
    (numbers[w] as Float64Array)[filled[w] as number] = firstLine + k;
    filled[w] = (filled[w] as number) + 1;
  }
  const batches = texts.map((text, w): LineBatch | undefined =>
    counts[w] === 0 ? undefined : { kind: 'lines', text, lines: numbers[w] as Float64Array },
  );
  return {
    kind: 'lines',
    assign,
    batches,
    bytes,
    starts: Int32Array.from(starts),
    ends: Int32Array.from(ends),
    lines: Float64Array.from(starts, (_, k) => firstLine + k),
  };
};

/** Bytes read from the file at a time, and so about the size of a round. */
const CHUNK = 1 << 20;

/**
 * The lines of an NDJSON file in rounds of about a mebibyte, each split by partition (see `partition.ts`): the file is
 * read, never held whole. Lines are numbered as `ndjsonLog` numbers them (from 1, blank lines counted but not sent, a
 * final line without `\n` read, `\r\n` accepted, a UTF-8 byte order mark at the start ignored).
 */
export async function* ndjsonRounds(path: string, partitions: number): AsyncGenerator<LineRound> {
  const file = await open(path, 'r');
  try {
    let buf = new Uint8Array(CHUNK);
    let filled = 0;
    let line = 1;
    let first = true;
    for (;;) {
      if (filled === buf.length) {
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      const { bytesRead } = await file.read(buf, filled, buf.length - filled, null);
      filled += bytesRead;
      if (first && filled >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
        buf.copyWithin(0, 3, filled);
        filled -= 3;
      }
      if (filled >= 3 || bytesRead === 0) first = false;
      const eof = bytesRead === 0;
      const end = eof ? filled : buf.lastIndexOf(NL, filled - 1) + 1;
      if (end > 0) {
        const round = cut(buf, end, line, partitions, eof);
        line += round.assign.length;
        if (round.assign.length > 0) yield round;
        const rest = buf.subarray(end, filled);
        // The round keeps `buf` (its lines are read again only for a digest finding): the rest starts a new buffer.
        const next = new Uint8Array(Math.max(CHUNK, rest.length * 2));
        next.set(rest);
        buf = next;
        filled = rest.length;
      }
      if (eof) return;
    }
  } finally {
    await file.close();
  }
}

/** The events of a store in global order, in rounds of a `readAll` page each, split by partition. */
export async function* storeRounds(
  store: Pick<EventStore<unknown>, 'readAll'>,
  partitions: number,
  pageSize: number,
): AsyncGenerator<EventRound> {
  let from = 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: pageSize })();
    if (E.isLeft(page)) throw new StoreReadFailed(page.left);
    const events = page.right;
    const assign = new Uint8Array(events.length);
    const split: StoredEvent<unknown>[][] = Array.from({ length: partitions }, () => []);
    events.forEach((e, k) => {
      const w = partitionOfStream(e.streamId, partitions);
      assign[k] = w;
      (split[w] as StoredEvent<unknown>[]).push(e);
    });
    const batches = split.map((es): EventBatch | undefined =>
      es.length === 0 ? undefined : { kind: 'events', events: es },
    );
    if (events.length > 0) yield { kind: 'events', assign, batches, events };
    const last = events[events.length - 1];
    if (last === undefined || events.length < pageSize) return;
    from = last.position + 1;
  }
}
