// The entry of a replay worker (see pool.ts for how it is started). It runs jobs one after another: a `start`
// message, batches, an `end`; then it posts the partition's result and waits for the next job.
import { parentPort } from 'node:worker_threads';
import type { EventBatch, FromWorker, LineBatch, ToWorker } from './protocol.js';
import { auditPartition } from './workerAudit.js';
import { rebuildPartition } from './workerRebuild.js';

const port = parentPort;
if (port === null) throw new Error('worker.ts is the entry of a worker thread, not a module to import');

const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

const inbox: ToWorker[] = [];
let wake: (() => void) | undefined;
/** Whether the current job's `end` has arrived. */
let ended = false;

port.on('message', (m: ToWorker) => {
  inbox.push(m);
  wake?.();
});

const receive = async (): Promise<ToWorker> => {
  while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
  wake = undefined;
  return inbox.shift() as ToWorker;
};

/** The next batch of the current job, or `undefined` at its `end`. */
const nextBatch = async (): Promise<LineBatch | EventBatch | undefined> => {
  const m = await receive();
  if (m.kind === 'batch') return m.batch;
  if (m.kind === 'end') {
    ended = true;
    return undefined;
  }
  throw new Error(`a ${m.kind} message arrived in the middle of a job`);
};

const serve = async (): Promise<void> => {
  for (;;) {
    const m = await receive();
    if (m.kind !== 'start') throw new Error(`a ${m.kind} message arrived outside a job`);
    ended = false;
    try {
      const part =
        m.job.kind === 'audit'
          ? await auditPartition(m.job, nextBatch, (d) => post(d, [d.fresh.buffer as ArrayBuffer]))
          : await rebuildPartition(m.job, nextBatch, () =>
              post({ kind: 'batch-done', hashes: [], fresh: new Uint8Array(0) }),
            );
      post({ kind: 'result', part });
    } catch (err) {
      post({ kind: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      // Drain the rest of the job so that the next one starts clean.
      while (!ended) ended = (await receive()).kind === 'end';
    }
  }
};

void serve();
