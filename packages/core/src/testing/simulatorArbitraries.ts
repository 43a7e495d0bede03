// The simulator's generators as fast-check arbitraries: populations, lawful histories and histories with chosen
// violations, drawn from a seed that fast-check chooses (and shrinks towards 0, with fewer subjects).
import fc from 'fast-check';
import type { Subject } from '../account/subject.js';
import type { Instant } from '../calendar/civilDate.js';
import { type SimulatedHistory, simulateHistory, simulatePopulation } from './simulatorHistory.js';
import { VIOLATION_KIND_IDS, type ViolationKind } from './violations.js';

/** Options of the simulator's arbitraries. */
export interface SimulationArbitraryOptions {
  /** At most this many subjects (12 by default; at least 1). */
  readonly maxSubjects?: number;
  /** The period (all of 2025 by default). */
  readonly from?: Instant;
  readonly to?: Instant;
  /** The mean number of logins to each activated account (3 by default). */
  readonly loginsPerAccount?: number;
}

const period = (o: SimulationArbitraryOptions) => ({
  ...(o.from === undefined ? {} : { from: o.from }),
  ...(o.to === undefined ? {} : { to: o.to }),
  ...(o.loginsPerAccount === undefined ? {} : { loginsPerAccount: o.loginsPerAccount }),
});

const sized = (o: SimulationArbitraryOptions, min = 1) =>
  fc.record({
    seed: fc.integer(),
    subjects: fc.integer({ min, max: Math.max(min, o.maxSubjects ?? 12) }),
  });

/** Populations as the simulator generates them: citizens of every age, foreigners, organisations, as first known. */
export const populationArbitrary = (o: SimulationArbitraryOptions = {}): fc.Arbitrary<readonly Subject[]> =>
  sized(o).map(({ seed, subjects }) => simulatePopulation({ seed, subjects, ...period(o) }));

/**
 * Lawful histories: the log {@link simulateHistory} computes for a small population (every event decided by the
 * account decider, logins by `decideLogin`), with its summary. `entries` is in the log's global order.
 */
export const lawfulHistoryArbitrary = (o: SimulationArbitraryOptions = {}): fc.Arbitrary<SimulatedHistory> =>
  sized(o).map(({ seed, subjects }) => simulateHistory({ seed, subjects, ...period(o) }));

/** Options of {@link violatingHistoryArbitrary}. */
export interface ViolatingHistoryArbitraryOptions extends SimulationArbitraryOptions {
  /** The kinds to choose from (all by default); each history shows one or more of them, each once. */
  readonly kinds?: readonly ViolationKind[];
}

/**
 * Histories with violations: a small population in which each of a non-empty choice of `kinds` shows once, on its
 * own subject, among lawful subjects. `injected` lists each with the audit check that should report it. The period
 * must be 90 days or more.
 */
export const violatingHistoryArbitrary = (o: ViolatingHistoryArbitraryOptions = {}): fc.Arbitrary<SimulatedHistory> => {
  const kinds = o.kinds ?? VIOLATION_KIND_IDS;
  if (kinds.length === 0) throw new RangeError('violatingHistoryArbitrary needs at least one kind');
  return fc
    .record({
      seed: fc.integer(),
      chosen: fc.subarray([...kinds], { minLength: 1 }),
      lawful: fc.integer({ min: 0, max: Math.max(0, (o.maxSubjects ?? 12) - 1) }),
    })
    .map(({ seed, chosen, lawful }) => {
      const subjects = chosen.length + lawful;
      const violations = Object.fromEntries(chosen.map((k) => [k, 1 / subjects]));
      return simulateHistory({ seed, subjects, violations, ...period(o) });
    });
};
