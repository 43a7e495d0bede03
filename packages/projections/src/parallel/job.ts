import type { Worker } from 'node:worker_threads';
import type {
  AuditPart,
  BatchDone,
  EventBatch,
  FromWorker,
  Job,
  LineBatch,
  RebuildPart,
  ToWorker,
} from './protocol.js';
import { type ReplayPool, threadsOfPool } from './pool.js';

/** An item that goes to no worker (a blank line). */
export const NOWHERE = 255;

/**
 * A stretch of the log, in global order, split into one batch per worker. `assign[k]` is the worker of item `k`
 * ({@link NOWHERE} for none); worker `w`'s batch holds its items in order.
 */
export interface Round {
  readonly assign: Uint8Array;
  readonly batches: ReadonlyArray<LineBatch | EventBatch | undefined>;
}

/** How a job ended: every worker's part, or why it failed. */
export type JobOutcome =
  { readonly parts: ReadonlyArray<AuditPart | RebuildPart> } | { readonly failed: string; readonly source?: unknown };

/** How many rounds may be in the workers at once: the bound on the coordinator's memory besides its own state. */
const IN_FLIGHT = 4;

const transferOf = (b: LineBatch | EventBatch): ArrayBuffer[] =>
  b.kind === 'lines' ? [b.text.buffer as ArrayBuffer, b.lines.buffer as ArrayBuffer] : [];

/**
 * Runs a job over a pool: sends each round's batches as it is read (the line buffers are transferred, not copied),
 * keeps at most a few rounds in flight, and calls `onRound` with each round and its workers' answers in the order of
 * the rounds, which is the log's order. Every worker gets the job's `end` and answers with its part.
 */
export const runJob = async <R extends Round>(
  pool: ReplayPool,
  job: Job,
  rounds: AsyncIterable<R>,
  onRound: (round: R, answers: ReadonlyArray<BatchDone | undefined>) => void,
): Promise<JobOutcome> => {
  const threads = threadsOfPool(pool);
  const pending: { round: R; answers: (BatchDone | undefined)[]; missing: number }[] = [];
  const waiting: (typeof pending)[number][][] = threads.map(() => []);
  const parts: (AuditPart | RebuildPart | undefined)[] = threads.map(() => undefined);
  let failed: string | undefined;
  let source: { readonly error: unknown } | undefined;
  let dead = false;
  let results = 0;
  let progress: (() => void) | undefined;
  const signal = (): void => {
    const p = progress;
    progress = undefined;
    p?.();
  };
  const fail = (why: string): void => {
    failed ??= why;
    signal();
  };
  const fold = (): void => {
    while (pending.length > 0 && (pending[0] as (typeof pending)[number]).missing === 0) {
      const head = pending.shift() as (typeof pending)[number];
      if (failed === undefined) onRound(head.round, head.answers);
    }
  };
  const listeners = threads.map((t: Worker, w: number) => {
    const onMessage = (m: FromWorker): void => {
      if (m.kind === 'batch-done') {
        const entry = waiting[w]?.shift();
        if (entry === undefined) return fail(`worker ${w} acknowledged a batch it was not sent`);
        entry.answers[w] = m;
        entry.missing--;
        try {
          fold();
        } catch (err) {
          fail(err instanceof Error ? (err.stack ?? err.message) : String(err));
        }
      } else if (m.kind === 'result') {
        parts[w] = m.part;
        results++;
      } else {
        results++;
        fail(`worker ${w}: ${m.message}`);
      }
      signal();
    };
    const onError = (err: Error): void => {
      dead = true;
      fail(`worker ${w} stopped: ${err.stack ?? err.message}`);
    };
    const onExit = (code: number): void => {
      dead = true;
      fail(`worker ${w} exited with code ${code}`);
    };
    t.on('message', onMessage);
    t.on('error', onError);
    t.on('exit', onExit);
    t.ref();
    return { t, onMessage, onError, onExit };
  });
  const wait = (): Promise<void> => new Promise((resolve) => (progress = resolve));
  const send = (w: number, m: ToWorker, transfer: ArrayBuffer[] = []): void =>
    (threads[w] as Worker).postMessage(m, transfer);
  try {
    for (let w = 0; w < threads.length; w++) send(w, { kind: 'start', job });
    try {
      for await (const round of rounds) {
        while (failed === undefined && pending.length >= IN_FLIGHT) await wait();
        if (failed !== undefined) break;
        const entry = { round, answers: threads.map(() => undefined), missing: 0 };
        pending.push(entry);
        round.batches.forEach((b, w) => {
          if (b === undefined) return;
          entry.missing++;
          (waiting[w] as (typeof entry)[]).push(entry);
          send(w, { kind: 'batch', batch: b }, transferOf(b));
        });
        fold();
      }
    } catch (error) {
      source = { error };
      fail(`the log could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (let w = 0; w < threads.length; w++) send(w, { kind: 'end' });
    while (results < threads.length && !dead) await wait();
    if (failed === undefined) fold();
  } finally {
    for (const { t, onMessage, onError, onExit } of listeners) {
      t.off('message', onMessage);
      t.off('error', onError);
      t.off('exit', onExit);
      t.unref();
    }
  }
  if (failed !== undefined) return source === undefined ? { failed } : { failed, source: source.error };
  return { parts: parts as (AuditPart | RebuildPart)[] };
};
