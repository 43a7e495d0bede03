// The read models (docs/projections.md): accounts, deadlines, the lock register, login history, statistics, each a
// keyed projection by subject id with its queries.
export * from './accounts.js';
export * from './deadlines.js';
export * from './lockRegister.js';
export * from './loginHistory.js';
export * from './statistics.js';
