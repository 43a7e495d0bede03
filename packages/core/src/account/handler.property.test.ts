import { createInMemoryEventStore } from '../store/inMemory.js';
import { AccountEventCodec } from './events.js';
import { describeHandlerProperties } from './handlerProperties.testSupport.js';

// Art. 17(1): the account decider through the command handler and the in-memory store (see the suite).
describeHandlerProperties(
  'the account decider through the command handler and the in-memory store',
  () => Promise.resolve({ store: createInMemoryEventStore({ codec: AccountEventCodec, hashChain: true }) }),
  { fold: 60, twice: 40, race: 60 },
);
