import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import fc from 'fast-check';
import * as t from 'io-ts';
import { Readable, Writable } from 'node:stream';
import { accountDecider } from '../../account/decide.js';
import { AccountEventCodec } from '../../account/events.js';
import { LoginRecordedCodec } from '../../account/login.js';
import { MEANS } from '../../decree/authenticationLevels.js';
import { createCommandHandler } from '../../handler/commandHandler.js';
import { lifecycleArb } from '../../testing/arbitraries.js';
import type { AccountCommand } from '../../account/commands.js';
import { createInMemoryEventStore, type InMemoryEventStore } from '../inMemory.js';
import { loginStream, subjectStream } from '../streams.js';
import { exportNdjson } from './ndjson.js';
import type { StoreError } from '../errors.js';
import { eventHash, GENESIS_HASH } from '../hashChain.js';
import type { EventStore, StoredEvent } from '../port.js';

/** The store codec of the test histories: account events and logins. */
export const HistoryCodec = t.union([AccountEventCodec, LoginRecordedCodec]);
export type HistoryEvent = t.TypeOf<typeof HistoryCodec>;

/** A fresh in-memory store of {@link HistoryCodec}. */
export const historyStore = (hashChain = false): InMemoryEventStore<HistoryEvent> =>
  createInMemoryEventStore({ codec: HistoryCodec, hashChain });

/**
 * A real history: a few subjects' lifecycles run through the account decider and the command handler, interleaved
 * round-robin so that the global order mixes streams, and a few logins per subject in their login streams.
 */
export const realHistory = async (hashChain = false, subjects = 6): Promise<InMemoryEventStore<HistoryEvent>> => {
  const store = historyStore(hashChain);
  const handle = createCommandHandler(
    accountDecider,
    store as unknown as EventStore<(typeof AccountEventCodec)['_A']>,
    {
      streamOf: (c: AccountCommand) => subjectStream(c.subjectId),
    },
  );
  const lives = fc.sample(lifecycleArb({ maxMoves: 10 }), { seed: 69, numRuns: subjects });
  const longest = Math.max(...lives.map((l) => l.commands.length));
  for (let i = 0; i < longest; i++) {
    for (const [k, life] of lives.entries()) {
      const c = life.commands[i];
      if (c !== undefined) await handle(c)();
      if (i % 3 === 1) {
        const at = c?.at ?? life.startsAt;
        const login = LoginRecordedCodec.decode({
          type: 'LoginRecorded',
          v: 1,
          at,
          by: { role: 'subject', id: life.subjectId },
          legalBasis: { instrument: '69/2024/ND-CP', article: 17, clause: 2 },
          means: [MEANS[0]],
          authenticationLevel: 1,
        });
        if (E.isLeft(login)) throw new Error('bad login fixture');
        const r = store.appendSync(
          loginStream(life.subjectId),
          [{ eventId: `login-${k}-${i}`, type: 'LoginRecorded', data: login.right, recordedAt: at }],
          'any',
        );
        if (E.isLeft(r)) throw new Error(`login append failed: ${r.left._tag}`);
      }
    }
  }
  return store;
};

/** A sink that collects what is written, as text. */
export const textSink = (): { sink: Writable; text: () => string } => {
  const chunks: string[] = [];
  const sink = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  return { sink, text: () => chunks.join('') };
};

/** Exports a store to NDJSON text. */
export const exportText = async <E>(store: EventStore<E>, encode?: (d: E) => unknown): Promise<string> => {
  const { sink, text } = textSink();
  const r = await exportNdjson(store, sink, encode === undefined ? {} : { encode })();
  if (E.isLeft(r)) throw new Error(`export failed: ${JSON.stringify(r.left)}`);
  return text();
};

/** NDJSON text as a byte source (read as a file would be, in chunks of `chunk` bytes). */
export const textSource = (text: string, chunk = 64): Readable => {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  return Readable.from(parts);
};

/** The event a generated log holds at a global position: one of `streams` streams, round-robin. */
const generatedEvent = (position: number, streams: number): StoredEvent<unknown> => ({
  streamId: `subject-g${position % streams}`,
  revision: Math.floor(position / streams),
  position,
  eventId: `g-${position}`,
  type: 'Noted',
  data: { n: position, note: 'Nguyễn Văn A' },
  metadata: {},
  recordedAt: '2025-01-01T00:00:00.000Z',
});

/**
 * A generated NDJSON log of `events` events, produced lazily in chunks of `linesPerChunk` lines, counting the lines it
 * has handed out: what a test of bounded memory compares with what the consumer has processed.
 */
export const generatedLog = (
  events: number,
  streams: number,
  linesPerChunk = 100,
): { readonly open: () => AsyncIterable<string>; readonly produced: () => number } => {
  let produced = 0;
  async function* lines(): AsyncGenerator<string> {
    produced = 0;
    const last = new Map<string, string>();
    for (let from = 0; from < events; from += linesPerChunk) {
      let chunk = '';
      for (let p = from; p < Math.min(events, from + linesPerChunk); p++) {
        const e = generatedEvent(p, streams);
        const previousHash = last.get(e.streamId) ?? GENESIS_HASH;
        const hash = eventHash(e, previousHash);
        if (E.isLeft(hash)) throw new Error('generated event has no canonical form');
        last.set(e.streamId, hash.right);
        chunk += `${JSON.stringify({ ...e, hash: hash.right, previousHash })}\n`;
      }
      produced = Math.min(events, from + linesPerChunk);
      yield chunk;
    }
  }
  return { open: lines, produced: () => produced };
};

const unsupported = (operation: 'subscribe' | 'readStream'): TE.TaskEither<StoreError, never> =>
  TE.left({ _tag: 'InvalidArgument', operation, reason: 'not supported by this test store' });

/**
 * A store that holds nothing: `readAll` generates the events of {@link generatedLog} on demand (no hashes, as a store
 * that does not keep the chain), counting those handed out; appends are counted and dropped, keeping only each
 * stream's revision. For tests that a long log passes through an export or an import without being accumulated.
 */
export const passThroughStore = (
  events: number,
  streams: number,
  onAppend: () => void = () => undefined,
): EventStore<unknown> & { readonly handedOut: () => number; readonly appended: () => number } => {
  let handedOut = 0;
  let appended = 0;
  const revisions = new Map<string, number>();
  return {
    append: (streamId, batch) => {
      const revision = (revisions.get(streamId) ?? -1) + batch.length;
      revisions.set(streamId, revision);
      appended += batch.length;
      onAppend();
      return TE.right({ nextExpectedRevision: revision, position: appended - 1 });
    },
    readStream: () => unsupported('readStream'),
    readAll: (options = {}) => {
      const from = options.fromPosition ?? 0;
      const to = Math.min(events, from + (options.maxCount ?? events));
      const page: StoredEvent<unknown>[] = [];
      for (let p = from; p < to; p++) page.push(generatedEvent(p, streams));
      handedOut += page.length;
      return TE.right(page);
    },
    subscribe: () => unsupported('subscribe'),
    streamRevision: (streamId) => TE.right(revisions.get(streamId) ?? 'no-stream'),
    handedOut: () => handedOut,
    appended: () => appended,
  };
};

/** A sink that counts the lines written to it and keeps none. */
export const countingSink = (onLine: () => void = () => undefined): { sink: Writable; lines: () => number } => {
  let lines = 0;
  const sink = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        lines++;
        onLine();
      }
      callback();
    },
  });
  return { sink, lines: () => lines };
};
