/**
 * The event store: the port, its errors, stream names, the hash chain and the in-memory adapter. The conformance
 * suite (`conformance.ts`) is not here: it imports vitest, so it belongs to the testing entry point.
 */
export * from './port.js';
export * from './errors.js';
export * from './streams.js';
export * from './canonicalJson.js';
export * from './hashChain.js';
export * from './inMemory.js';
export * from './integrity/index.js';
