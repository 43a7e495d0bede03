import { EventStore, EventType } from '@castore/core';
import { InMemoryEventStorageAdapter } from '@castore/event-storage-adapter-in-memory';
import { type AccountState, type LogEvent, evolve, initialState } from '@dinhdanh/core';
import { type AccountRow, type ProjectedEvent, accountsProjection, applyAccountEvent } from '@dinhdanh/projections';
import { type Contender, timed, timedOut } from '../contender.js';

/** A Castore event detail carrying a dinhdanh event as its payload. */
interface Detail {
  readonly aggregateId: string;
  readonly version: number;
  readonly type: string;
  readonly timestamp: string;
  readonly payload: LogEvent;
}

/** Castore's aggregates carry their id and version beside the state. */
interface Aggregate<S> {
  readonly aggregateId: string;
  readonly version: number;
  readonly state: S;
}

const EVENT_TYPES = [
  'AccountRequested',
  'IdentityVerified',
  'IdentityVerificationFailed',
  'AccountGranted',
  'AccountRefused',
  'AccountActivated',
  'IdentityUpdated',
  'AccountLocked',
  'LockGroundAdded',
  'LockGroundCeased',
  'AccountUnlocked',
  'AgencyRequestReceived',
  'AgencyRequestForwarded',
  'AgencyRequestApproved',
  'AgencyRequestRefused',
  'ElectronicIdentityCardIssued',
  'ElectronicIdentityCardLocked',
  'CardLockGroundAdded',
  'CardLockGroundCeased',
  'ElectronicIdentityCardUnlocked',
  'GuardianConsentGiven',
  'GuardianConsentWithdrawn',
  'AccountCarriedOver',
  'LoginRecorded',
].map((type) => new EventType({ type }));

const accountReducer = (a: Aggregate<AccountState> | undefined, e: Detail): Aggregate<AccountState> => {
  const s = a?.state ?? initialState;
  return {
    aggregateId: e.aggregateId,
    version: e.version,
    state: e.payload.type === 'LoginRecorded' ? s : evolve(s, e.payload),
  };
};

const newStore = () =>
  new EventStore({
    eventStoreId: 'dinhdanh-bench',
    eventTypes: EVENT_TYPES,
    reducer: accountReducer as never,
    eventStorageAdapter: new InMemoryEventStorageAdapter(),
  });

/** Castore's versions count from 1. */
const detailOf = (streamId: string, revision: number, data: LogEvent, timestamp: string): Detail => ({
  aggregateId: streamId,
  version: revision + 1,
  type: data.type,
  timestamp,
  payload: data,
});

/**
 * Castore (`@castore/core` with `@castore/event-storage-adapter-in-memory`): `pushEvent` for appends (after
 * `getAggregate` in the per-command scenario, as its `Command` handlers do), `getAggregate` with a reducer over the
 * same account `evolve` as dinhdanh's. Its read models are built by the user from `getEvents`, so the accounts view is
 * rebuilt aggregate by aggregate with the accounts projection's `apply`.
 */
export const castoreContender = (): Contender => {
  let store = newStore();
  let imported = 0;
  return {
    name: 'castore',
    appendPerCommand: (p, deadline) =>
      timed(async () => {
        const s = newStore();
        let events = 0;
        for (let k = 0; k < p.commands.length; k++) {
          const c = p.commands[k]!;
          const { aggregate } = await s.getAggregate(c.streamId);
          const version = (aggregate as Aggregate<AccountState> | undefined)?.version ?? 0;
          if (version !== c.revisionBefore + 1) throw new Error(`${c.streamId}: version ${version}`);
          for (const e of c.events) await s.pushEvent(detailOf(c.streamId, e.revision, e.data, e.recordedAt) as never);
          events += c.events.length;
          if ((k & 255) === 0 && performance.now() > deadline.at) {
            return { events, note: timedOut(deadline, k, p.commands.length, 'commands') };
          }
        }
        return { events };
      }),
    importLog: (p, deadline) =>
      timed(async () => {
        store = newStore();
        const events = p.workload.events;
        for (let i = 0; i < events.length; i++) {
          const e = events[i]!;
          await store.pushEvent(detailOf(e.streamId, e.revision, e.data, e.recordedAt) as never);
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
          const r = await store.getAggregate(streamId);
          events += r.events.length;
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
          const { events: details } = await store.getEvents(streamId);
          let row = accountsProjection.init(key);
          for (const d of details as unknown as Detail[]) {
            row = applyAccountEvent(row, {
              streamId,
              revision: d.version - 1,
              position: 0,
              eventId: '',
              type: d.type,
              data: d.payload as ProjectedEvent,
              metadata: {},
              recordedAt: d.timestamp,
            });
          }
          rows.set(key, row);
          events += details.length;
          if ((k & 255) === 0 && performance.now() > deadline.at) {
            return { events, note: timedOut(deadline, k, p.subjectStreams.length, 'streams') };
          }
        }
        // Complete: the accounts view of the whole log, whose logins Castore need not read.
        return imported < p.workload.events.length
          ? { events, note: `the store holds ${imported} of ${p.workload.events.length} events (import time-boxed)` }
          : { events: p.workload.events.length };
      }),
    release: () => {
      store = newStore();
      imported = 0;
    },
  };
};
