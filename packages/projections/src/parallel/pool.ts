import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

/**
 * Threads that replay partitions of a log (see {@link auditInParallel}, {@link rebuildInParallel}). A pool runs one
 * job at a time and can be reused for many; close it when done, or the process stays alive.
 */
export interface ReplayPool {
  /** The number of worker threads, and so of partitions. */
  readonly size: number;
  /** Ends every worker thread. */
  readonly close: () => Promise<void>;
}

/** Options of {@link createReplayPool}. */
export interface ReplayPoolOptions {
  /** How many worker threads (partitions). Default: the machine's available parallelism. At most 255. */
  readonly workers?: number;
}

/** The threads of the pools this module made: a pool handed in from outside is not a {@link ReplayPool}. */
const threadsOf = new WeakMap<ReplayPool, readonly Worker[]>();

/**
 * The `--conditions` (`-C`) options of the process, and whether it runs tsx's loader. Only those are handed to a
 * worker started from a script: a worker refuses per-process options (`--max-old-space-size`, ...).
 */
const processOptions = (argv: readonly string[]): { conditions: string[]; tsx: boolean } => {
  const conditions: string[] = [];
  let tsx = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    if ((a === '--conditions' || a === '-C') && next !== undefined) {
      conditions.push(`--conditions=${next}`);
      i++;
    } else if (a.startsWith('--conditions=')) conditions.push(a);
    else if ((a === '--import' || a === '--loader' || a === '--require' || a === '-r') && next !== undefined) {
      tsx ||= next.includes('tsx');
      i++;
    } else if (/^--(import|loader|require)=.*tsx/.test(a)) tsx = true;
  }
  return { conditions, tsx };
};

/**
 * How a worker is started. Built (`dist/`) in a plain process, the entry is `worker.js` beside this file and the thread
 * inherits the process's options. Under tsx or Vitest (TypeScript sources, or packages resolved to their sources by the
 * `@dinhdanh/source` condition), a loader given as `--import tsx` in a worker's `execArgv` does not reach the worker's
 * modules on Node 20, so the thread starts from a one-line script that registers tsx's loader (`tsx/esm/api`) and then
 * imports the entry (`worker.ts` from the sources), with the process's `--conditions` and, from the sources, the
 * `@dinhdanh/source` condition.
 */
const startWorker = (): Worker => {
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const { conditions, tsx: underTsx } = processOptions(process.execArgv);
  if (!fromSource && !underTsx) return new Worker(new URL('./worker.js', here));
  const entry = new URL(fromSource ? './worker.ts' : './worker.js', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  const source = '--conditions=@dinhdanh/source';
  const execArgv = fromSource && !conditions.includes(source) ? [...conditions, source] : conditions;
  return new Worker(boot, { eval: true, execArgv });
};

/** The number of workers asked for, or the default; throws a `RangeError` when it is not 1 to 255. */
export const workerCount = (workers: number | undefined): number => {
  const size = workers ?? Math.min(availableParallelism(), 255);
  if (!Number.isSafeInteger(size) || size < 1 || size > 255)
    throw new RangeError(`workers must be a whole number from 1 to 255, not ${String(size)}`);
  return size;
};

/** Starts a pool of replay workers. Throws a `RangeError` for a number of workers that is not 1 to 255. */
export const createReplayPool = (options: ReplayPoolOptions = {}): ReplayPool => {
  const size = workerCount(options.workers);
  const threads = Array.from({ length: size }, startWorker);
  // A thread waiting for its next job does not keep the process alive; a job in progress refs them (see job.ts).
  for (const t of threads) t.unref();
  const pool: ReplayPool = {
    size,
    close: async () => {
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
  threadsOf.set(pool, threads);
  return pool;
};

/** The threads of a pool made by {@link createReplayPool}. */
export const threadsOfPool = (pool: ReplayPool): readonly Worker[] => {
  const threads = threadsOf.get(pool);
  if (threads === undefined) throw new TypeError('not a pool made by createReplayPool');
  return threads;
};
