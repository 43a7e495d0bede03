export * from './subject.js';
export * from './events.js';
export * from './commands.js';
export * from './state.js';
export { evolve, fold } from './evolve.js';
export { type AccountDecider, type DeciderOptions, accountDecider, makeAccountDecider } from './decide.js';
export { SYSTEM_ACTOR } from './eventFactory.js';
export * from './login.js';
export * from './logEvent.js';
