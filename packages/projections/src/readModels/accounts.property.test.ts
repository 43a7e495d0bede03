import { accountStatus } from '@dinhdanh/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allEvents, historyArb, newStore, recordHistory } from '../runner/histories.testSupport.js';
import { foldEvents } from '../runner/runner.js';
import { accountsProjection } from './accounts.js';

// The accounts read model is a second fold of the same streams as the decider's `evolve`: on every history the
// decider produces, each row says what the decider's state says (status, level, instants, lock grounds of Art. 15).

describe('the accounts read model agrees with the decider', () => {
  it('on any lawful history, each row matches the subject state the decider folded (Art. 15: locked exactly while a ground stands)', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb(3, 10), async (h) => {
        const store = newStore();
        const states = await recordHistory(store, h);
        const model = foldEvents(accountsProjection, allEvents(store));
        for (const id of model.keys()) expect(states.has(id)).toBe(true);
        for (const [id, s] of states) {
          const row = model.get(id);
          // A command decided with no event (nothing to do) leaves no stream, and no row.
          if (row === undefined) {
            expect(s.lastAt).toBeNull();
            continue;
          }
          expect(row.status).toBe(accountStatus(s));
          expect(row.kind).toBe(s.subject?.kind ?? null);
          expect(row.hasAccount).toBe(s.account !== null);
          expect(row.level ?? null).toBe(s.account?.level ?? null);
          expect(row.grantedAt).toBe(s.account?.grantedAt ?? null);
          expect(row.activatedAt).toBe(s.account?.activatedAt ?? null);
          expect(row.carriedOver).toBe(s.account?.carriedOver ?? false);
          expect(row.guardianConsent).toBe(s.guardianConsent);
          expect(row.lockGrounds.map((g) => g.ground).sort()).toEqual([...s.lockGrounds].sort());
          expect(row.electronicIdentityCard?.lockGrounds.map((g) => g.ground).sort() ?? null).toEqual(
            s.card === null ? null : [...s.card.lockGrounds].sort(),
          );
          if (s.account !== null) expect(row.guardian).toBe(s.account.guardian);
        }
      }),
      { numRuns: 40 },
    );
  });
});
