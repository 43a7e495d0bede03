// Test support, not part of the package's API: lawful histories recorded through the account decider, the command
// handler and the in-memory store, with logins decided by `decideLogin` in the subjects' login streams.
import {
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  type EventStore,
  type InMemoryEventStore,
  type StoredEvent,
  accountDecider,
  createCommandHandler,
  createInMemoryEventStore,
  decideLogin,
  loginStream,
  subjectStream,
} from '@dinhdanh/core';
import { lifecycleArb } from '@dinhdanh/core/testing';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { type ProjectedEvent, ProjectedEventCodec } from '../projection.js';

/** A fresh in-memory store of projected events. */
export const newStore = (): InMemoryEventStore<ProjectedEvent> =>
  createInMemoryEventStore<ProjectedEvent>({ codec: ProjectedEventCodec });

/** Several subjects' commands interleaved in time order, and after which of them the subject logs in. */
export interface History {
  readonly commands: readonly AccountCommand[];
  readonly logins: readonly boolean[];
}

/** Histories of one to `subjects` subjects (4 by default), their commands interleaved by instant. */
export const historyArb = (subjects = 4, maxMoves = 8): fc.Arbitrary<History> =>
  fc
    .record({
      lives: fc.array(lifecycleArb({ maxMoves }), { minLength: 1, maxLength: subjects }),
      logins: fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }),
    })
    .map(({ lives, logins }) => {
      const all = lives.flatMap((l, life) => l.commands.map((c, k) => ({ c, life, k })));
      all.sort((a, b) => Date.parse(a.c.at) - Date.parse(b.c.at) || a.life - b.life || a.k - b.k);
      return { commands: all.map((x) => x.c), logins };
    });

/** Records commands `from` to `to` (exclusive) of a history into the store; returns the states reached. */
export const recordHistory = async (
  store: EventStore<ProjectedEvent>,
  h: History,
  from = 0,
  to = h.commands.length,
  states: Map<string, AccountState> = new Map(),
): Promise<Map<string, AccountState>> => {
  // The handler appends account events only; the store holds those and logins.
  const handle = createCommandHandler(accountDecider, store as unknown as EventStore<AccountEvent>, {
    streamOf: (c: AccountCommand) => subjectStream(c.subjectId),
  });
  for (let i = from; i < to; i++) {
    const c = h.commands[i] as AccountCommand;
    const r = await handle(c)();
    if (E.isLeft(r)) continue;
    states.set(c.subjectId, r.right.state);
    if (h.logins[i % h.logins.length] !== true) continue;
    const login = decideLogin(
      {
        type: 'RecordLogin',
        commandId: `login-${c.commandId}`,
        subjectId: c.subjectId,
        at: c.at,
        by: { role: 'subject', id: c.subjectId },
        means: ['password', 'otpSoftware'],
        requiredLevel: 1,
      },
      r.right.state,
    );
    if (E.isLeft(login)) continue;
    const appended = await store.append(
      loginStream(c.subjectId),
      [{ eventId: `login-${c.commandId}`, type: 'LoginRecorded', data: login.right, recordedAt: c.at }],
      'any',
    )();
    if (E.isLeft(appended)) throw new Error(`login append failed: ${JSON.stringify(appended.left)}`);
  }
  return states;
};

/** Every event of an in-memory store in global order. */
export const allEvents = (store: InMemoryEventStore<ProjectedEvent>): ReadonlyArray<StoredEvent<ProjectedEvent>> => {
  const all = store.readAllSync();
  if (E.isLeft(all)) throw new Error(`read failed: ${JSON.stringify(all.left)}`);
  return all.right;
};
