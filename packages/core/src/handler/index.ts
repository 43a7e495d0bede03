/** The generic command handler: load, fold, decide, append, with bounded retries and idempotent command ids. */
export * from './commandHandler.js';
export * from './eventIds.js';
export * from './accountHandler.js';
