import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { describe, it } from 'vitest';
import { describeEventStoreConformance } from '../conformance.js';
import { describeEventStoreModel } from '../modelConformance.js';
import { connectionString, SKIPPED } from './skip.js';
import { createEventStoreDbStoreInternals } from './store.js';

// Against a real server only; never a mocked client. Each test gets its own namespace, so the suite can run again
// and again on one database, and alongside other suites.
if (connectionString === undefined) console.warn(`EventStoreDB conformance ${SKIPPED}`);

describe.skipIf(connectionString === undefined)('EventStoreDB adapter against a server', () => {
  const server = connectionString;
  if (server === undefined) {
    it(SKIPPED, () => undefined);
    return;
  }
  describeEventStoreConformance('EventStoreDB', (codec) => {
    const client = EventStoreDBClient.connectionString(server);
    const { store, appendEncoded } = createEventStoreDbStoreInternals({
      client,
      codec,
      namespace: `conformance_${randomUUID().replaceAll('-', '')}.`,
    });
    return Promise.resolve({
      store,
      appendUnchecked: (streamId, events) => appendEncoded(streamId, events, 'any'),
      dispose: () => client.dispose(),
    });
  });
  describeEventStoreModel('EventStoreDB', (codec) => {
    const client = EventStoreDBClient.connectionString(server);
    const { store } = createEventStoreDbStoreInternals({
      client,
      codec,
      namespace: `model_${randomUUID().replaceAll('-', '')}.`,
    });
    return Promise.resolve({ store, dispose: () => client.dispose() });
  });
});
