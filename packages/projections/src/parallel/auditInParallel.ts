import type * as TE from 'fp-ts/lib/TaskEither.js';
import { type Digest, type EventStore, type Instant, type StoreError, parseInstant } from '@dinhdanh/core';
import * as E from 'fp-ts/lib/Either.js';
import type { AuditReport, Finding } from '../audit/finding.js';
import { makeReport } from '../audit/finding.js';
import { StoreReadFailed } from '../audit/source.js';
import { GlobalChainFold } from './globalChain.js';
import { type JobOutcome, runJob } from './job.js';
import { type ReplayPool, createReplayPool, workerCount } from './pool.js';
import type { AuditPart } from './protocol.js';
import { type EventRound, type LineRound, ndjsonRounds, storeRounds } from './rounds.js';

/** A log to replay in parallel: the path of an NDJSON file (an `exportNdjson` export), or a store read through `readAll`. */
export type ParallelSource =
  string | { readonly store: Pick<EventStore<unknown>, 'readAll'>; readonly pageSize?: number };

/** Options of {@link auditInParallel}: those of `audit` that can cross threads, and the threads. */
export interface ParallelAuditOptions {
  /** Judge the log as of this instant (see `AuditOptions.asOf`). */
  readonly asOf: Instant;
  /** The digest the auditor kept (see `AuditOptions.digest`); checked in the coordinating thread. */
  readonly digest?: Digest;
  /** How many worker threads to start for this audit (default: the available parallelism). */
  readonly workers?: number;
  /** A pool to run on instead (its size is the number of partitions); it is left open. */
  readonly pool?: ReplayPool;
}

/** Why a parallel replay failed: the source could not be read, or a worker thread failed (a broken program). */
export type ParallelReplayError =
  | StoreError
  | { readonly _tag: 'SourceUnreadable'; readonly cause: unknown }
  | { readonly _tag: 'WorkerFailed'; readonly message: string };

/** The error of a failed job. */
export const jobError = (outcome: Extract<JobOutcome, { failed: string }>): ParallelReplayError => {
  if (!('source' in outcome)) return { _tag: 'WorkerFailed', message: outcome.failed };
  return outcome.source instanceof StoreReadFailed
    ? outcome.source.error
    : { _tag: 'SourceUnreadable', cause: outcome.source };
};

/** Runs `use` on the given pool, or on a pool of its own that is closed afterwards. */
export const withPool = async <A>(
  options: { readonly pool?: ReplayPool; readonly workers?: number },
  use: (pool: ReplayPool) => Promise<A>,
): Promise<A> => {
  if (options.pool !== undefined) return use(options.pool);
  const pool = createReplayPool(options.workers === undefined ? {} : { workers: options.workers });
  try {
    return await use(pool);
  } finally {
    await pool.close();
  }
};

/** The rounds of a source. */
export const roundsOf = (source: ParallelSource, partitions: number): AsyncGenerator<LineRound | EventRound> =>
  typeof source === 'string'
    ? ndjsonRounds(source, partitions)
    : storeRounds(source.store, partitions, source.pageSize ?? 1000);

/**
 * The audit of a log (`audit` of the audit module) on several threads, with the same report as the single-threaded
 * audit of the same log read in the same order: deep-equal, and the same `toJson` text.
 *
 * The log is partitioned by identity subject (a stable hash of the id after `subject-`/`login-`), so each worker
 * sees every event of its subjects, in global order, and runs the audit's every per-subject and per-stream check on
 * them (time limits, locking, consent, revisions, each stream's hash chain). The coordinating thread reads the file
 * (or the store's pages) and hands each worker its lines in batches, at most a few batches ahead: memory is bounded,
 * the log is never held whole. What cannot be split by subject stays in the coordinating thread: the global chain and
 * the digest's count and head (Art. 17), folded from the hashes the workers compute for their streams; then the
 * workers' findings are merged into one report. See docs/scale.md.
 *
 * The default legal calendar is used (a calendar is code and does not cross threads). Throws a `RangeError` for an
 * `asOf` that is not an instant with an offset, or a number of workers out of range.
 */
export const auditInParallel = (
  source: ParallelSource,
  options: ParallelAuditOptions,
): TE.TaskEither<ParallelReplayError, AuditReport> => {
  const asOfMs = parseInstant(options.asOf);
  if (E.isLeft(asOfMs)) throw new RangeError(`asOf: ${asOfMs.left.message}`);
  if (options.pool === undefined) workerCount(options.workers);
  return () =>
    withPool(options, async (pool) => {
      const global: Finding[] = [];
      const chain =
        options.digest === undefined
          ? undefined
          : new GlobalChainFold(options.digest, options.asOf, (f) => global.push(f));
      const digestCategory = options.digest?.category;
      const outcome = await runJob(
        pool,
        {
          kind: 'audit',
          asOf: options.asOf,
          chain: options.digest === undefined ? null : digestCategory === undefined ? {} : { category: digestCategory },
        },
        roundsOf(source, pool.size),
        (round, answers) => chain?.onRound(round, answers),
      );
      if ('failed' in outcome) return E.left(jobError(outcome));
      chain?.finish();
      const parts = outcome.parts as readonly AuditPart[];
      let events = 0;
      let subjects = 0;
      for (const p of parts) {
        events += p.events;
        subjects += p.subjects;
        for (const f of p.findings) global.push(f);
      }
      return E.right(makeReport(options.asOf, events, subjects, global));
    });
};
