import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { parseInstant } from '@dinhdanh/core';
import type { KeyedModel } from '../projection.js';
import type { Checkpointed } from '../runner/readModelStore.js';
import type { AsOf, InvalidAsOf } from '../runner/runner.js';
import { type ParallelReplayError, type ParallelSource, jobError, roundsOf, withPool } from './auditInParallel.js';
import { runJob } from './job.js';
import { type ReplayPool, workerCount } from './pool.js';
import type { ProjectionRef, RebuildPart, RebuildStop } from './protocol.js';

export type { ProjectionRef } from './protocol.js';

/**
 * A projection exported by a module, for a worker to load: `projectionRef('accountsProjection')` names a read model
 * of this package; `projectionRef('myProjection', new URL('./myProjection.js', import.meta.url))` one of yours (an
 * ES module the worker threads can import, exporting a keyed projection whose partitions are keyed by subject).
 */
export const projectionRef = (name: string, module?: string | URL): ProjectionRef => ({
  name,
  module:
    module === undefined
      ? new URL(import.meta.url.endsWith('.ts') ? '../index.ts' : '../index.js', import.meta.url).href
      : String(module),
});

/** Options of {@link rebuildInParallel}. */
export interface ParallelRebuildOptions {
  /** Build the model as of this point (see the runner's `AsOf`). */
  readonly upTo?: AsOf;
  /** How many worker threads to start for this rebuild (default: the available parallelism). */
  readonly workers?: number;
  /** A pool to run on instead; it is left open. */
  readonly pool?: ReplayPool;
}

/** Two partitions built the same key: the projection's key is not the subject, so it cannot be split by subject. */
export interface KeyInTwoPartitions {
  readonly _tag: 'KeyInTwoPartitions';
  readonly key: string;
}

/** Why a parallel rebuild failed. */
export type ParallelRebuildError = ParallelReplayError | InvalidAsOf | RebuildStop | KeyInTwoPartitions;

const invalidAsOf = (upTo: AsOf | undefined): InvalidAsOf | undefined => {
  if (upTo === undefined) return undefined;
  if ('position' in upTo)
    return Number.isSafeInteger(upTo.position)
      ? undefined
      : { _tag: 'InvalidAsOf', message: `as-of position ${String(upTo.position)} is not an integer` };
  const t = parseInstant(upTo.instant);
  return E.isLeft(t) ? { _tag: 'InvalidAsOf', message: t.left.message } : undefined;
};

/** Merges the workers' partitions: keys apart, in the order of their first event, the checkpoint the last event's. */
const merge = <S>(parts: readonly RebuildPart[]): E.Either<ParallelRebuildError, Checkpointed<KeyedModel<S>>> => {
  const stops = parts.flatMap((p) => (p.stop === null ? [] : [p.stop])).sort((a, b) => a.order - b.order);
  if (stops[0] !== undefined) return E.left(stops[0].error);
  const entries = parts.flatMap((p) => p.entries).sort((a, b) => a[2] - b[2]);
  const state = new Map<string, S>();
  for (const [key, s] of entries) {
    if (state.has(key)) return E.left({ _tag: 'KeyInTwoPartitions', key });
    state.set(key, s as S);
  }
  let last: RebuildPart['last'] = null;
  for (const p of parts) if (p.last !== null && (last === null || p.last.order > last.order)) last = p.last;
  const first = parts[0] as RebuildPart;
  return E.right({
    projection: first.name,
    projectionVersion: first.version,
    checkpoint: last === null ? null : last.position,
    state,
  });
};

/**
 * Rebuilds a keyed projection (one whose partitions are keyed by subject, as every read model of this package is) on
 * several threads, with the same model as the runner's `rebuild` of the same log: the same partitions, in the same
 * insertion order, and the same checkpoint. Each worker folds the events of its subjects; the partitions are merged by
 * key. The `data` of a file's lines is decoded with `ProjectedEventCodec` (old versions upcast); data it rejects is
 * handed to the projection as written, as the store the file was exported from hands it over (the audit reports
 * such events). A line that is not a stored event stops the rebuild with a `LineUnreadable` naming it. Partition states cross threads by structured clone: plain data, maps and sets, not
 * class instances. Throws a `RangeError` for a number of workers out of range.
 */
export const rebuildInParallel = <S>(
  projection: ProjectionRef,
  source: ParallelSource,
  options: ParallelRebuildOptions = {},
): TE.TaskEither<ParallelRebuildError, Checkpointed<KeyedModel<S>>> => {
  if (options.pool === undefined) workerCount(options.workers);
  return async () => {
    const bad = invalidAsOf(options.upTo);
    if (bad !== undefined) return E.left(bad);
    return withPool(options, async (pool) => {
      const outcome = await runJob(
        pool,
        { kind: 'rebuild', projection, ...(options.upTo === undefined ? {} : { upTo: options.upTo }) },
        roundsOf(source, pool.size),
        () => undefined,
      );
      if ('failed' in outcome) return E.left(jobError(outcome));
      return merge<S>(outcome.parts as readonly RebuildPart[]);
    });
  };
};
