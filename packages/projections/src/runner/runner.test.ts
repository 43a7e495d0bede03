import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import type { KeyedProjection } from '../projection.js';
import { type AccountRow, accountOf, accountsProjection } from '../readModels/accounts.js';
import { ANNA, EVA, evaLockedLater, eventsOf, record, story } from '../readModels/story.testSupport.js';
import { createBlueGreen, deployment } from './blueGreen.js';
import { type KeyedReadModelStore, createInMemoryKeyedReadModelStore } from './readModelStore.js';
import { asOf, catchUp, follow, foldEvents, rebuild } from './runner.js';
import { serializeReadModel } from './serialize.js';

const right = async <A>(te: TE.TaskEither<unknown, A>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(`unexpected Left: ${JSON.stringify(r.left)}`);
  return r.right;
};

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the projection runner', () => {
  it('answers as of an instant in Vietnam: before 20:00 on 1 August 2025 Anna is not yet locked (Art. 15(2)(a))', async () => {
    const store = await record(story());
    const before = await right(asOf(accountsProjection, store, { instant: '2025-08-01T19:59:59+07:00' }));
    const after = await right(asOf(accountsProjection, store, { instant: '2025-08-01T20:00:00+07:00' }));
    expect(accountOf(before.state, ANNA)?.status).toBe('activated');
    expect(accountOf(after.state, ANNA)?.status).toBe('locked');
    expect(before.checkpoint).toBe((after.checkpoint ?? 0) - 1);
  });

  it('refuses an as-of instant that is not one', async () => {
    const store = await record(story());
    expect(await asOf(accountsProjection, store, { instant: 'soon' })()).toMatchObject(E.left({ _tag: 'InvalidAsOf' }));
  });

  it('refuses to catch up a read model built by another version: rebuild it beside the old one', async () => {
    const store = await record(story());
    const rm = createInMemoryKeyedReadModelStore<AccountRow>();
    await right(catchUp(accountsProjection, store, rm));
    const v2: KeyedProjection<AccountRow> = { ...accountsProjection, version: 2 };
    expect(await catchUp(v2, store, rm)()).toMatchObject(
      E.left({ _tag: 'VersionMismatch', stored: { projectionVersion: 1 }, running: { projectionVersion: 2 } }),
    );
  });

  it('a crash while following live (the commit of one event fails) loses nothing and applies nothing twice', async () => {
    const store = await record(story());
    const rm = createInMemoryKeyedReadModelStore<AccountRow>();
    let failNext = false;
    const crashing: KeyedReadModelStore<AccountRow> = {
      ...rm,
      commit: (c) => (failNext ? TE.left({ _tag: 'ReadModelStoreFailed', message: 'crash' }) : rm.commit(c)),
    };
    const first = await right(follow(accountsProjection, store, crashing, { batchSize: 4 }));
    expect(E.isRight(await first.caughtUp)).toBe(true);
    const before = rm.current()?.checkpoint;
    failNext = true;
    await record(evaLockedLater(), store);
    expect(await first.closed).toMatchObject(E.left({ _tag: 'ReadModelStoreFailed' }));
    // Nothing of the failed event was stored, neither its effect nor its checkpoint.
    expect(rm.current()?.checkpoint).toBe(before);
    expect(accountOf(rm.current()?.state ?? new Map(), EVA)?.status).toBe('activated');

    // Restarted: it resumes after the stored checkpoint.
    failNext = false;
    const second = await right(follow(accountsProjection, store, rm));
    expect(E.isRight(await second.caughtUp)).toBe(true);
    await second.stop();
    const all = eventsOf(store);
    expect(rm.current()?.checkpoint).toBe(all[all.length - 1]?.position);
    expect(serializeReadModel(rm.current()?.state)).toBe(serializeReadModel(foldEvents(accountsProjection, all)));
  });

  it('blue/green: a new version that fails while building is not swapped in; the old one keeps serving', async () => {
    const store = await record(story());
    const bg = await right(createBlueGreen(store, deployment(accountsProjection, createInMemoryKeyedReadModelStore())));
    const broken: KeyedProjection<AccountRow> = {
      ...accountsProjection,
      version: 2,
      apply: () => {
        throw new Error('a bug in version 2');
      },
    };
    const deployed = await bg.deploy(deployment(broken, createInMemoryKeyedReadModelStore()))();
    expect(deployed).toMatchObject(E.left({ _tag: 'ProjectionFailed', projection: 'accounts' }));
    expect(bg.active()).toEqual({ name: 'accounts', version: 1 });
    // Blue still follows the log.
    await record(evaLockedLater(), store);
    const last = eventsOf(store).at(-1)?.position;
    for (let i = 0; bg.read()?.checkpoint !== last; i++) {
      if (i > 10_000) throw new Error(`blue stopped at ${String(bg.read()?.checkpoint)}`);
      await tick();
    }
    expect(accountOf(bg.read()?.state ?? new Map(), EVA)?.status).toBe('locked');
    await bg.stop();
  });

  it('rebuild over a store gives the fold of its log', async () => {
    const store = await record(story());
    const built = await right(rebuild(accountsProjection, store, { batchSize: 2 }));
    expect(serializeReadModel(built.state)).toBe(serializeReadModel(foldEvents(accountsProjection, eventsOf(store))));
  });
});
