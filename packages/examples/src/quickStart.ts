/**
 * The README's quick start for integrators, as a script that CI runs: decide commands against the decree, keep them
 * in a store, read a projection.
 *
 *   npm run build && node packages/examples/dist/quickStart.js
 */
import { pathToFileURL } from 'node:url';
import {
  LogEventCodec,
  createAccountCommandHandler,
  createInMemoryEventStore,
  describeHandlerError,
  formatCitation,
} from '@dinhdanh/core';
import { aCitizen, level1OnApp } from '@dinhdanh/core/testing';
import { accountOf, accountsProjection, rebuild } from '@dinhdanh/projections';

export const main = async (print: (line: string) => void = console.log): Promise<void> => {
  const store = createInMemoryEventStore({ codec: LogEventCodec, hashChain: true }); // or PostgreSQL, EventStoreDB
  const handle = createAccountCommandHandler(store);
  const an = aCitizen(); // Nguyễn Văn An, born 1990, with a valid citizen identity card
  const by = { role: 'subject', id: an.personalIdentificationNumber } as const;
  const at = '2025-07-02T09:00:00+07:00';

  const asked = await handle({
    type: 'RequestAccount',
    commandId: 'q1',
    subjectId: 'an',
    at,
    by,
    request: level1OnApp(an),
  })();
  if (asked._tag === 'Right')
    for (const e of asked.right.events) print(`${e.data.type}: ${formatCitation(e.data.legalBasis)}`);

  const early = await handle({ type: 'ActivateAccount', commandId: 'q2', subjectId: 'an', at, by, channel: 'app' })();
  if (early._tag === 'Left') print(`refused: ${describeHandlerError(early.left)}`);

  const accounts = await rebuild(accountsProjection, store)();
  if (accounts._tag === 'Right') print(`status of an: ${accountOf(accounts.right.state, 'an')?.status}`);
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
