import { type AccountState, type LogEvent, evolve, initialState } from '@dinhdanh/core';
import { type ProjectedEvent, applyAccountEvent, accountsProjection, type AccountRow } from '@dinhdanh/projections';
import { CommandHandler, type Event, type InMemoryEventStore, getInMemoryEventStore } from '@event-driven-io/emmett';
import { type Contender, timed, timedOut } from '../contender.js';

/** An Emmett event carrying a dinhdanh event as its data. */
type Wrapped = Event<string, LogEvent & Record<string, unknown>>;

const wrap = (data: LogEvent): Wrapped => ({ type: data.type, data: data as LogEvent & Record<string, unknown> });

const evolveWrapped = (s: AccountState, e: Wrapped): AccountState =>
  e.data.type === 'LoginRecorded' ? s : evolve(s, e.data);

/** The `StoredEvent` shape the accounts projection reads, from an Emmett stream event. */
const asStored = (streamId: string, revision: number, data: LogEvent) =>
  ({ streamId, revision, position: 0, eventId: '', type: data.type, data, metadata: {}, recordedAt: data.at }) as const;

/**
 * Emmett (`@event-driven-io/emmett`): its in-memory event store, its `CommandHandler` for per-command appends and
 * `aggregateStream` with the same account `evolve` as dinhdanh's. It has no rebuild of a read model from the store's
 * global order, so the accounts view is rebuilt by aggregating each subject's stream with the accounts projection's
 * `apply`.
 */
export const emmettContender = (): Contender => {
  let store: InMemoryEventStore = getInMemoryEventStore();
  let imported = 0;
  const handle = CommandHandler<AccountState, Wrapped>({ evolve: evolveWrapped, initialState: () => initialState });
  return {
    name: 'emmett',
    appendPerCommand: (p, deadline) =>
      timed(async () => {
        const s = getInMemoryEventStore();
        let events = 0;
        for (let k = 0; k < p.commands.length; k++) {
          const c = p.commands[k]!;
          await handle(s, c.streamId, () => c.events.map((e) => wrap(e.data)), {
            expectedStreamVersion: BigInt(c.revisionBefore + 1),
          });
          events += c.events.length;
          if ((k & 255) === 0 && performance.now() > deadline.at) {
            return { events, note: timedOut(deadline, k, p.commands.length, 'commands') };
          }
        }
        return { events };
      }),
    importLog: (p, deadline) =>
      timed(async () => {
        store = getInMemoryEventStore();
        const events = p.workload.events;
        for (let i = 0; i < events.length; i++) {
          const e = events[i]!;
          await store.appendToStream(e.streamId, [wrap(e.data)], { expectedStreamVersion: BigInt(e.revision) });
          if ((i & 255) === 0 && performance.now() > deadline.at) {
            imported = i + 1;
            return { events: imported, note: timedOut(deadline, imported, events.length, 'events') };
          }
        }
        imported = events.length;
        return { events: imported };
      }),
    aggregate: (p, deadline) =>
      timed(async () => {
        let events = 0;
        for (let k = 0; k < p.subjectStreams.length; k++) {
          const streamId = p.subjectStreams[k]!;
          const r = await store.aggregateStream<AccountState, Wrapped>(streamId, {
            evolve: evolveWrapped,
            initialState: () => initialState,
          });
          events += Number(r.currentStreamVersion);
          if ((k & 255) === 0 && performance.now() > deadline.at) {
            return { events, note: timedOut(deadline, k, p.subjectStreams.length, 'streams') };
          }
        }
        return imported < p.workload.events.length
          ? { events, note: `the store holds ${imported} of ${p.workload.events.length} events (import time-boxed)` }
          : { events };
      }),
    rebuild: (p, deadline) =>
      timed(async () => {
        const rows = new Map<string, AccountRow>();
        let events = 0;
        for (let k = 0; k < p.subjectStreams.length; k++) {
          const streamId = p.subjectStreams[k]!;
          const key = streamId.slice(streamId.indexOf('-') + 1);
          const r = await store.aggregateStream<AccountRow, Wrapped>(streamId, {
            evolve: (row: AccountRow, e: Wrapped) =>
              applyAccountEvent(row, asStored(streamId, 0, e.data as ProjectedEvent)),
            initialState: () => accountsProjection.init(key),
          });
          rows.set(key, r.state);
          events += Number(r.currentStreamVersion);
          if ((k & 255) === 0 && performance.now() > deadline.at) {
            return { events, note: timedOut(deadline, k, p.subjectStreams.length, 'streams') };
          }
        }
        // Complete: the accounts view of the whole log, whose logins Emmett need not read.
        return imported < p.workload.events.length
          ? { events, note: `the store holds ${imported} of ${p.workload.events.length} events (import time-boxed)` }
          : { events: p.workload.events.length };
      }),
    release: () => {
      store = getInMemoryEventStore();
      imported = 0;
    },
  };
};
