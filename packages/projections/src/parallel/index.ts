/**
 * Partitioned replay (docs/scale.md): the audit and keyed read models over worker threads, each taking the identity
 * subjects of its partition, with the same result as a single-threaded run.
 *
 * @packageDocumentation
 */
export { type ReplayPool, type ReplayPoolOptions, createReplayPool } from './pool.js';
export {
  type ParallelAuditOptions,
  type ParallelReplayError,
  type ParallelSource,
  auditInParallel,
} from './auditInParallel.js';
export {
  type KeyInTwoPartitions,
  type ParallelRebuildError,
  type ParallelRebuildOptions,
  type ProjectionRef,
  projectionRef,
  rebuildInParallel,
} from './rebuildInParallel.js';
export type { RebuildStop } from './protocol.js';
export { partitionOfStream } from './partition.js';
