/**
 * `@dinhdanh/projections`: everything a back office and an auditor look at, rebuilt from the streams.
 *
 * - projections as pure folds ({@link GlobalProjection}, {@link KeyedProjection});
 * - the runner: rebuild, catch up from a checkpoint, follow live events, answer as of an instant or a position,
 *   blue/green swaps (see docs/projections.md);
 * - the read models: accounts, deadlines, the lock register, login history, statistics;
 * - the audit: a second, independent reading of Decree 69/2024/ND-CP that replays a log and reports findings
 *   with their clause (see docs/audit.md).
 *
 * @packageDocumentation
 */
export * from './projection.js';
export * from './runner/index.js';
export * from './readModels/index.js';
export * from './audit/index.js';
export * from './parallel/index.js';
