import * as E from 'fp-ts/lib/Either.js';
import {
  type AccountState,
  type Decider,
  type InMemoryEventStore,
  type LogEvent,
  type StoredEvent,
  LogEventCodec,
  createCommandHandler,
  createInMemoryEventStore,
  evolve,
  initialState,
} from '@dinhdanh/core';
import { accountsProjection, rebuild } from '@dinhdanh/projections';
import { type Contender, type Prepared, type WorkloadCommand, timed, timedOut } from '../contender.js';

/** Options of {@link dinhdanhContender}. */
export interface DinhdanhOptions {
  /** The in-memory store's `freeze` option (default `true`, the store's own default). */
  readonly freeze?: boolean;
}

/** The account fold over a stream that may also hold logins (they leave the state as it is). */
const evolveLog = (s: AccountState, e: LogEvent): AccountState => (e.type === 'LoginRecorded' ? s : evolve(s, e));

/**
 * The decider of the per-command scenario: the decision of each command is the events the workload recorded for it,
 * so every contender does the same work around the same decisions (load, fold, append) and the decree's own rules,
 * which only dinhdanh has, are not timed. The fold is the real account `evolve`.
 */
const replayDecider: Decider<WorkloadCommand, AccountState, LogEvent, never> = {
  decide: (c) => E.right(c.events.map((e) => e.data)),
  evolve: evolveLog,
  initialState,
};

const newStore = (freeze: boolean): InMemoryEventStore<LogEvent> =>
  createInMemoryEventStore<LogEvent>({ codec: LogEventCodec, freeze });

/** Imports the log, an event at a time in log order, with its expected revision. */
export const importInto = (store: InMemoryEventStore<LogEvent>, p: Prepared): number => {
  const events = p.workload.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const r = store.appendSync(
      e.streamId,
      [{ eventId: e.eventId, type: e.data.type, data: e.data, recordedAt: e.recordedAt }],
      e.revision === 0 ? 'no-stream' : { exact: e.revision - 1 },
    );
    if (E.isLeft(r)) throw new Error(`import: ${JSON.stringify(r.left)}`);
  }
  return events.length;
};

/**
 * dinhdanh: the in-memory event store (`appendSync` for the import), the command handler for per-command appends,
 * the account `evolve` for aggregation and the accounts projection's `rebuild` from `@dinhdanh/projections`.
 */
export const dinhdanhContender = (
  options: DinhdanhOptions = {},
): Contender & {
  readonly store: () => InMemoryEventStore<LogEvent>;
} => {
  const freeze = options.freeze ?? true;
  let store = newStore(freeze);
  return {
    name: freeze ? 'dinhdanh' : 'dinhdanh (freeze off)',
    store: () => store,
    appendPerCommand: (p, deadline) =>
      timed(async () => {
        const s = newStore(freeze);
        const handle = createCommandHandler(replayDecider, s, {
          streamOf: (c) => c.streamId,
          commandIdOf: (c) => c.commandId,
          recordedAt: (c) => c.at,
        });
        let events = 0;
        for (let k = 0; k < p.commands.length; k++) {
          const c = p.commands[k]!;
          const r = await handle(c)();
          if (E.isLeft(r)) throw new Error(`${c.streamId}: ${JSON.stringify(r.left)}`);
          events += r.right.events.length;
          if ((k & 1023) === 0 && performance.now() > deadline.at) {
            return { events, note: timedOut(deadline, k, p.commands.length, 'commands') };
          }
        }
        return { events };
      }),
    importLog: (p) =>
      timed(async () => {
        store = newStore(freeze);
        return { events: importInto(store, p) };
      }),
    aggregate: (p) =>
      timed(async () => {
        let events = 0;
        for (const streamId of p.subjectStreams) {
          const read = store.readStreamSync(streamId);
          if (E.isLeft(read)) throw new Error(`${streamId}: ${JSON.stringify(read.left)}`);
          const stream: ReadonlyArray<StoredEvent<LogEvent>> = read.right;
          let s = initialState;
          for (let i = 0; i < stream.length; i++) s = evolveLog(s, stream[i]!.data);
          if (s.lastAt === null) throw new Error(`${streamId}: empty`);
          events += stream.length;
        }
        return { events };
      }),
    rebuild: () =>
      timed(async () => {
        const r = await rebuild(accountsProjection, store)();
        if (E.isLeft(r)) throw new Error(`rebuild: ${JSON.stringify(r.left)}`);
        return { events: store.eventCount() };
      }),
    release: () => {
      store = newStore(freeze);
    },
  };
};
