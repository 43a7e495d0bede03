// The projection runner (docs/projections.md): rebuild, catch up from a checkpoint, follow live events, read as of an
// instant or a position, read model stores that keep a model with its checkpoint, blue/green swaps.
export * from './readModelStore.js';
export * from './runner.js';
export * from './blueGreen.js';
export * from './serialize.js';
