import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountEvent } from '../account/events.js';
import { fold } from '../account/evolve.js';
import { LogEventCodec } from '../account/logEvent.js';
import { initialState } from '../account/state.js';
import { SubjectCodec } from '../account/subject.js';
import { streamKind } from '../store/streams.js';
import { lawfulHistoryArbitrary, populationArbitrary, violatingHistoryArbitrary } from './simulatorArbitraries.js';
import { makePlan } from './simulatorPlan.js';
import { VIOLATION_KIND_IDS, VIOLATION_KINDS, type ViolationKind } from './violations.js';

const streamsOf = (entries: readonly { streamId: string; data: { at: string } }[]) => {
  const m = new Map<string, { at: string }[]>();
  for (const e of entries) m.set(e.streamId, [...(m.get(e.streamId) ?? []), e.data]);
  return m;
};

describe('the simulator as fast-check arbitraries', () => {
  it('populations: every subject decodes and has its own identification number (Arts. 5-7)', () => {
    fc.assert(
      fc.property(populationArbitrary({ maxSubjects: 30 }), (people) => {
        expect(people.every((p) => E.isRight(SubjectCodec.decode(p)))).toBe(true);
        const ids = people.map((p) => (p.kind === 'citizen' ? p.personalIdentificationNumber : p.identificationNumber));
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 25 },
    );
  });

  it('lawful histories: nothing refused, every event decodes, each stream in time order and replays with evolve (Art. 17(1))', () => {
    fc.assert(
      fc.property(lawfulHistoryArbitrary({ maxSubjects: 8 }), (h) => {
        expect(h.refusals).toEqual([]);
        expect(h.injected).toEqual([]);
        for (const e of h.entries) expect(E.isRight(LogEventCodec.decode(e.data))).toBe(true);
        for (const [streamId, stream] of streamsOf(h.entries)) {
          const instants = stream.map((e) => Date.parse(e.at));
          expect(instants).toEqual([...instants].sort((a, b) => a - b));
          if (streamKind(streamId) === 'subject')
            expect(fold(initialState, stream as unknown as AccountEvent[]).subject).not.toBeNull();
        }
      }),
      { numRuns: 20 },
    );
  });

  it('violating histories: each chosen kind shows once, labelled with its audit check, and nothing lawful is refused', () => {
    fc.assert(
      fc.property(violatingHistoryArbitrary({ maxSubjects: 6 }), (h) => {
        expect(h.refusals).toEqual([]);
        expect(h.injected.length).toBeGreaterThan(0);
        expect(new Set(h.injected.map((v) => v.kind)).size).toBe(h.injected.length);
        for (const v of h.injected) {
          expect(v.expectedCheck).toBe(VIOLATION_KINDS[v.kind as ViolationKind].expectedCheck);
          expect(h.entries.some((e) => e.streamId === v.streamId) || v.kind === 'left-unlocked').toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('only the kinds asked for (Art. 13(1)(b) lateness, Art. 15(2)(a) omissions)', () => {
    const kinds: readonly ViolationKind[] = ['late-grant', 'left-unlocked'];
    fc.assert(
      fc.property(violatingHistoryArbitrary({ kinds, maxSubjects: 3 }), (h) => {
        expect(h.injected.every((v) => kinds.includes(v.kind as ViolationKind))).toBe(true);
      }),
      { numRuns: 8 },
    );
  });
});

describe('violation rates to whole subjects (the simulator plan)', () => {
  const ratesArb = fc.subarray([...VIOLATION_KIND_IDS], { minLength: 1, maxLength: 6 }).chain((kinds) =>
    fc
      .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: kinds.length, maxLength: kinds.length })
      .map((weights) => {
        // Scaled so that the rates add up to at most 1, as the option asks.
        const scale = Math.max(
          1,
          weights.reduce((a, b) => a + b, 0),
        );
        return Object.fromEntries(kinds.map((k, i) => [k, (weights[i] as number) / scale]));
      }),
  );

  it('rates adding up to at most 1 never ask for more subjects than there are; each kind gets its share rounded up or down', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 40 }),
        ratesArb,
        (seed, subjects, rates) => {
          const plan = makePlan({ seed, subjects, violations: rates });
          const counts = new Map<number, number>();
          for (const a of plan.assignment) if (a > 0) counts.set(a, (counts.get(a) ?? 0) + 1);
          const shares = Object.values(rates).reduce((a, rate) => a + rate * subjects, 0);
          const assigned = [...counts.values()].reduce((a, b) => a + b, 0);
          expect(assigned).toBe(Math.min(subjects, Math.round(shares)));
          VIOLATION_KIND_IDS.forEach((kind, k) => {
            const exact = (rates[kind] ?? 0) * subjects;
            const got = counts.get(k + 1) ?? 0;
            expect(got).toBeGreaterThanOrEqual(Math.floor(exact + 1e-9));
            expect(got).toBeLessThanOrEqual(Math.ceil(exact - 1e-9));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('four kinds at 0.2 each among 3 subjects: two violating subjects, the first two kinds in the catalogue', () => {
    const kinds: ViolationKind[] = ['grant-ineligible', 'late-grant', 'lock-by-subject', 'agency-forward-late'];
    const plan = makePlan({ seed: 0, subjects: 3, violations: Object.fromEntries(kinds.map((k) => [k, 0.2])) });
    const byKind = [...plan.assignment].filter((a) => a > 0).map((a) => VIOLATION_KIND_IDS[a - 1]);
    const firstTwo = VIOLATION_KIND_IDS.filter((k) => kinds.includes(k)).slice(0, 2);
    expect(byKind.sort()).toEqual([...firstTwo].sort());
  });
});
