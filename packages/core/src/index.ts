/**
 * `@dinhdanh/core`: Decree 69/2024/ND-CP on electronic identification as code.
 *
 * - `calendar`: legal time in Vietnam (working days of state agencies, the lunar calendar, Civil Code periods);
 * - `decree`: the rules, one family per file, each citing its clause, and the decree's structure;
 * - `account`: the account lifecycle's events, commands, state and decider;
 * - `store`: the append-only event store port, the in-memory adapter, hash chaining;
 * - `handler`: load, decide, append, with retries and idempotent commands.
 *
 * @packageDocumentation
 */
export * from './calendar/index.js';
export * from './decree/index.js';
export * from './account/index.js';
export * from './store/index.js';
export * from './handler/index.js';
