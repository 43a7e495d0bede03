import * as E from 'fp-ts/lib/Either.js';
import { describeEventStoreConformance } from './conformance.js';
import { createInMemoryEventStore } from './inMemory.js';

describeEventStoreConformance('in-memory', (codec) => {
  const store = createInMemoryEventStore({ codec });
  return Promise.resolve({
    store,
    appendUnchecked: (streamId, events) => () => Promise.resolve(store.appendUnchecked(streamId, events, 'any')),
  });
});

describeEventStoreConformance('in-memory keeping the hash chain', (codec) => {
  const store = createInMemoryEventStore({ codec, hashChain: true });
  return Promise.resolve({
    store,
    appendUnchecked: (streamId, events) => () =>
      Promise.resolve(E.map(() => undefined)(store.appendUnchecked(streamId, events, 'any'))),
  });
});
