import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { KeyedProjection } from '../projection.js';
import { type AccountRow, accountsProjection } from '../readModels/accounts.js';
import { type LockRegisterEntry, lockRegisterProjection } from '../readModels/lockRegister.js';
import { createBlueGreen, deployment } from './blueGreen.js';
import { allEvents, historyArb, newStore, recordHistory } from './histories.testSupport.js';
import { type KeyedReadModelStore, createInMemoryKeyedReadModelStore } from './readModelStore.js';
import { foldEvents } from './runner.js';
import { serializeReadModel } from './serialize.js';

// The blue/green rule: a projection whose code changed is rebuilt beside the old one and swapped in, without
// downtime, and readers never see a half-built model.

/** A store that lets a reader look at the active model right after every commit of any version. */
const watched = <S>(rm: KeyedReadModelStore<S>, look: () => void): KeyedReadModelStore<S> => ({
  ...rm,
  commit: (c) => async () => {
    const r = await rm.commit(c)();
    look();
    return r;
  },
});

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Lets the runners work until `done` holds, failing with `why` instead of hanging when they stop making progress
 * (a stopped or dead subscription never commits again).
 */
const settle = async (done: () => boolean, why: () => string): Promise<void> => {
  for (let turns = 0; !done(); turns++) {
    if (turns > 10_000) throw new Error(why());
    await tick();
  }
};

describe('blue/green deployment of a new projection version', () => {
  it('readers see the old version, then the complete new one, never a partial model', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(4, 10), fc.nat(), async (h, cut) => {
        const store = newStore();
        const split = cut % (h.commands.length + 1);
        const states = await recordHistory(store, h, 0, split);
        const atDeploy = allEvents(store).length - 1;

        const blue = accountsProjection as KeyedProjection<AccountRow | LockRegisterEntry>;
        // Version 2 reads differently: another fold under the same name.
        const green = { ...lockRegisterProjection, name: accountsProjection.name, version: 2 } as KeyedProjection<
          AccountRow | LockRegisterEntry
        >;
        const seen: { version: number; checkpoint: number | null; text: string }[] = [];
        let look = (): void => undefined;
        const observe = () => look();
        const bg = await createBlueGreen(
          store,
          deployment(blue, watched(createInMemoryKeyedReadModelStore(), observe), { batchSize: 2 }),
        )();
        if (E.isLeft(bg)) throw new Error('blue failed');
        look = () => {
          const m = bg.right.read();
          if (m !== undefined)
            seen.push({ version: m.projectionVersion, checkpoint: m.checkpoint, text: serializeReadModel(m.state) });
        };
        const deploying = bg.right.deploy(
          deployment(green, watched(createInMemoryKeyedReadModelStore(), observe), { batchSize: 2 }),
        )();
        // Live appends while green builds and after the swap.
        for (let i = split; i < h.commands.length; i++) {
          await recordHistory(store, h, i, i + 1, states);
          observe();
          await tick();
        }
        const deployed = await deploying;
        expect(E.isRight(deployed)).toBe(true);
        expect(bg.right.active().version).toBe(2);
        const events = allEvents(store);
        const last = events.length === 0 ? null : events.length - 1;
        await settle(
          () => last === null || bg.right.read()?.checkpoint === last,
          () => `the active model stopped at ${String(bg.right.read()?.checkpoint)}, the log ends at ${String(last)}`,
        );
        observe();
        await bg.right.stop();

        const projections = { 1: blue, 2: green } as const;
        let swapped = false;
        for (const s of seen) {
          const p = projections[s.version as 1 | 2];
          const prefix = events.filter((e) => s.checkpoint !== null && e.position <= s.checkpoint);
          // Every model read is exactly the fold of the log up to its own checkpoint.
          expect(s.text).toBe(serializeReadModel(foldEvents(p, prefix)));
          if (s.version === 2) {
            // Green is served only once it has caught up with everything recorded before the deploy.
            if (!swapped && atDeploy >= 0) expect(s.checkpoint ?? -1).toBeGreaterThanOrEqual(atDeploy);
            swapped = true;
          } else expect(swapped).toBe(false);
        }
        // An empty log commits nothing: there is no model to read, of either version.
        if (last !== null) {
          expect(bg.right.read()?.projectionVersion).toBe(2);
          expect(serializeReadModel(bg.right.read()?.state)).toBe(serializeReadModel(foldEvents(green, events)));
        }
      }),
      { numRuns: 20 },
    );
  });
});
