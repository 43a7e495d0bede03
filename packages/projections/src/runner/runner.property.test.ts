import type { StoredEvent } from '@dinhdanh/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import { type GlobalProjection, type KeyedProjection, type ProjectedEvent, asGlobal } from '../projection.js';
import { accountsProjection } from '../readModels/accounts.js';
import { deadlinesOnVietnamCalendar } from '../readModels/deadlines.js';
import { lockRegisterProjection } from '../readModels/lockRegister.js';
import { loginHistoryProjection } from '../readModels/loginHistory.js';
import { statisticsOnVietnamCalendar } from '../readModels/statistics.js';
import { allEvents, historyArb, newStore, recordHistory } from './histories.testSupport.js';
import {
  type Checkpointed,
  type KeyedReadModelStore,
  createInMemoryGlobalReadModelStore,
  createInMemoryKeyedReadModelStore,
} from './readModelStore.js';
import { asOf, catchUp, foldEvents, rebuild } from './runner.js';
import { serializeReadModel } from './serialize.js';

// DESIGN idea 8: projections are pure folds; rebuilding, catching up and reading as of a point agree.

const KEYED: ReadonlyArray<KeyedProjection<unknown>> = [
  accountsProjection,
  deadlinesOnVietnamCalendar,
  lockRegisterProjection,
  loginHistoryProjection,
  statisticsOnVietnamCalendar,
] as ReadonlyArray<KeyedProjection<unknown>>;

/** A global projection: events by type and the last position, folded without copying more than a small record. */
const eventTypes: GlobalProjection<{ readonly byType: Readonly<Record<string, number>>; readonly events: number }> = {
  kind: 'global',
  name: 'event-types',
  version: 1,
  init: () => ({ byType: {}, events: 0 }),
  apply: (s, e) => ({ byType: { ...s.byType, [e.type]: (s.byType[e.type] ?? 0) + 1 }, events: s.events + 1 }),
};

const recorded = async (h: Parameters<typeof recordHistory>[1]) => {
  const store = newStore();
  await recordHistory(store, h);
  return { store, events: allEvents(store) };
};

const right = async <A>(te: TE.TaskEither<unknown, A>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(`unexpected Left: ${JSON.stringify(r.left)}`);
  return r.right;
};

const text = (m: Checkpointed<unknown>): string => serializeReadModel(m.state);

const RUNS = { numRuns: 25 };

describe('the projection runner (DESIGN idea 8)', () => {
  it('catching up from a checkpoint at any split gives the model a rebuild gives', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), fc.nat(), fc.integer({ min: 1, max: 7 }), async (h, cut, batchSize) => {
        const { store, events } = await recorded(h);
        const split = events.length === 0 ? -1 : (cut % (events.length + 1)) - 1;
        for (const p of KEYED) {
          const prefix = await right(rebuild(p, store, { upTo: { position: split } }));
          const rm = createInMemoryKeyedReadModelStore(prefix);
          const caught = await right(catchUp(p, store, rm, { batchSize }));
          const full = await right(rebuild(p, store));
          expect(text(caught)).toBe(text(full));
          expect(serializeReadModel(rm.current()?.state)).toBe(text(full));
          expect(caught.checkpoint).toBe(full.checkpoint);
        }
        const gPrefix = await right(rebuild(eventTypes, store, { upTo: { position: split } }));
        const grm = createInMemoryGlobalReadModelStore(gPrefix);
        expect(text(await right(catchUp(eventTypes, store, grm, { batchSize })))).toBe(
          text(await right(rebuild(eventTypes, store))),
        );
      }),
      RUNS,
    );
  });

  it('as of a position is the fold of the log up to that position', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), fc.nat(), async (h, cut) => {
        const { store, events } = await recorded(h);
        const position = events.length === 0 ? 0 : cut % events.length;
        const prefix = events.filter((e) => e.position <= position);
        for (const p of KEYED) {
          const model = await right(asOf(p, store, { position }, { batchSize: 5 }));
          expect(serializeReadModel(model.state)).toBe(serializeReadModel(foldEvents(p, prefix)));
          expect(model.checkpoint).toBe(prefix.length === 0 ? null : position);
        }
      }),
      RUNS,
    );
  });

  it('as of an instant is the fold of the events recorded by then, and of the facts that occurred by then', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), fc.nat(), async (h, pick) => {
        const { store, events } = await recorded(h);
        const instants = events.map((e) => e.recordedAt);
        const instant = instants[pick % Math.max(1, instants.length)] ?? '2025-08-19T17:00:00+07:00';
        const t = Date.parse(instant);
        const recordedBy = events.filter((e) => Date.parse(e.recordedAt) <= t);
        const occurredBy = events.filter((e) => Date.parse(e.data.at) <= t);
        for (const p of KEYED) {
          const byRecord = await right(asOf(p, store, { instant }));
          expect(serializeReadModel(byRecord.state)).toBe(serializeReadModel(foldEvents(p, recordedBy)));
          const byOccurrence = await right(asOf(p, store, { instant, basis: 'occurred' }));
          expect(serializeReadModel(byOccurrence.state)).toBe(serializeReadModel(foldEvents(p, occurredBy)));
        }
      }),
      RUNS,
    );
  });

  it('applying the same log in global order is deterministic: byte-identical read models', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), fc.integer({ min: 1, max: 9 }), async (h, batchSize) => {
        const { store, events } = await recorded(h);
        // The same log copied into another store, as an export and import would.
        const copy = newStore();
        for (const e of events) {
          const r = copy.appendUnchecked(
            e.streamId,
            [{ eventId: e.eventId, type: e.type, data: JSON.parse(JSON.stringify(e.data)), recordedAt: e.recordedAt }],
            'any',
          );
          if (E.isLeft(r)) throw new Error('copy failed');
        }
        for (const p of KEYED) {
          const a = serializeReadModel((await right(rebuild(p, store))).state);
          const b = serializeReadModel((await right(rebuild(p, copy, { batchSize }))).state);
          expect(b).toBe(a);
        }
      }),
      RUNS,
    );
  });

  it('the keyed runner gives the model of the global fold of the same logic', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), async (h) => {
        const { store, events } = await recorded(h);
        for (const p of KEYED) {
          const keyed = await right(rebuild(p, store, { batchSize: 3 }));
          expect(text(keyed)).toBe(serializeReadModel(foldEvents(asGlobal(p), events)));
        }
      }),
      RUNS,
    );
  });

  it('a crash between a batch and its commit neither applies an event twice nor skips one', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(), fc.nat({ max: 6 }), fc.nat(), async (h, failAt, throwAt) => {
        const { store, events } = await recorded(h);
        for (const p of KEYED) {
          const rm = createInMemoryKeyedReadModelStore<unknown>();
          // The store fails its `failAt`-th commit: nothing of that batch is written.
          let commits = 0;
          const flaky: KeyedReadModelStore<unknown> = {
            ...rm,
            commit: (c) =>
              commits++ === failAt ? TE.left({ _tag: 'ReadModelStoreFailed', message: 'crash' }) : rm.commit(c),
          };
          const first = await catchUp(p, store, flaky, { batchSize: 2 })();
          if (events.length > 2 * failAt) expect(E.isLeft(first)).toBe(true);
          // The projection throws once, on one event: the batch is not committed.
          const victim = events.length === 0 ? -1 : (events[throwAt % events.length] as StoredEvent<unknown>).position;
          let thrown = false;
          const brittle: KeyedProjection<unknown> = {
            ...p,
            apply: (s, e) => {
              if (e.position === victim && !thrown) {
                thrown = true;
                throw new Error('bug');
              }
              return p.apply(s, e as StoredEvent<ProjectedEvent>);
            },
          };
          const second = await catchUp(brittle, store, rm, { batchSize: 3 })();
          if (E.isLeft(second)) expect(second.left).toMatchObject({ _tag: 'ProjectionFailed' });
          const final = await right(catchUp(p, store, rm, { batchSize: 4 }));
          expect(text(final)).toBe(text(await right(rebuild(p, store))));
        }
      }),
      { numRuns: 15 },
    );
  });
});
