// What the two drivers share: the options, checked; who each subject is and which life it lives; the scheduler that
// interleaves all lives in time order; and the tally of what was recorded.
import type { AccountCommand } from '../account/commands.js';
import type { RecordLogin } from '../account/login.js';
import type { LogEvent } from '../account/logEvent.js';
import type { Subject, SubjectKind } from '../account/subject.js';
import { type Instant, parseInstant, vietnamDateOfMs } from '../calendar/civilDate.js';
import { vietnamWorkingCalendar } from '../calendar/workingCalendar.js';
import type { Citation } from '../decree/citation.js';
import { DECREE_IN_FORCE_FROM } from '../decree/effect.js';
import type { Rejection } from '../decree/rejection.js';
import { ageOn, generateSubject, idOfSubject } from './population.js';
import { lawfulLife } from './simulatorLifecycle.js';
import { type Rng, rng } from './simulatorRandom.js';
import { type InjectedViolation, type Life, LifeState, type Outcome, type Step } from './simulatorSteps.js';
import { VIOLATION_KIND_IDS, type ViolationKind, type ViolationRates } from './violations.js';
import { SCENARIOS, VIOLATION_MIN_PERIOD_DAYS, validBeyond } from './violationsScenarios.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The first instant simulated by default: 1 January 2025 in Vietnam. */
export const DEFAULT_SIMULATION_FROM: Instant = '2025-01-01T00:00:00+07:00';
/** The last instant simulated by default: the end of 2025 in Vietnam. */
export const DEFAULT_SIMULATION_TO: Instant = '2025-12-31T23:59:59+07:00';

/** What to simulate. */
export interface PopulationOptions {
  /** Any integer: the same seed gives the same population and the same log, byte for byte. */
  readonly seed: number;
  /** How many identity subjects (citizens, foreigners, organisations). */
  readonly subjects: number;
  /** The first instant of the period (default 1 January 2025); not before the decree took effect (1 July 2024). */
  readonly from?: Instant;
  /** The last instant of the period (default 31 December 2025); no event is dated later. */
  readonly to?: Instant;
  /** The mean number of logins to each activated account over the period (default 3). */
  readonly loginsPerAccount?: number;
  /**
   * Violations to inject for audit testing: for each kind, the share of subjects (0 to 1) whose life shows it,
   * rounded to whole subjects by largest remainder (the rates must add up to at most 1; the number of violating
   * subjects is their sum times `subjects`, rounded). Each such subject shows exactly one violation. Needs a period of
   * 90 days or more.
   */
  readonly violations?: ViolationRates;
}

/** Rates are shares of a whole: `1/7 * 7` must count as one subject, not 0.999... of one. */
const RATE_EPSILON = 1e-9;

/**
 * Whole subjects per kind by largest remainder (Hamilton): the total is the rounded sum of the exact shares, never more
 * than `subjects`, so rates that add up to at most 1 never ask for more subjects than there are (0.2 of 3 subjects for
 * four kinds is two subjects, not four). Ties go to the kind earlier in the catalogue.
 */
const apportion = (rates: readonly number[], subjects: number): number[] => {
  const exact = rates.map((rate) => rate * subjects);
  const counts = exact.map((x) => Math.floor(x + RATE_EPSILON));
  const total = Math.min(subjects, Math.round(exact.reduce((a, b) => a + b, 0)));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, k) => ({ k, remainder: x - (counts[k] as number) }))
    .filter(({ remainder }) => remainder > RATE_EPSILON)
    .sort((a, b) => b.remainder - a.remainder || a.k - b.k);
  for (const { k } of byRemainder) {
    if (left <= 0) break;
    counts[k] = (counts[k] as number) + 1;
    left--;
  }
  return counts;
};

/** A command or login the decider refused: a bug of the simulator, which only asks for what the decree allows. */
export interface SimulatorRefusal {
  readonly subjectId: string;
  readonly commandId: string;
  readonly commandType: string;
  readonly at: string;
  readonly code: string;
  readonly citation: Citation;
  readonly message: string;
}

/** Counts of what a simulation recorded. */
export interface SimulationSummary {
  readonly seed: number;
  readonly from: Instant;
  readonly to: Instant;
  readonly subjects: number;
  readonly subjectsByKind: Readonly<Record<SubjectKind, number>>;
  /** Subjects under 14 on the day they first come to the system. */
  readonly minors: number;
  /** Commands and logins decided. */
  readonly commands: number;
  /** Events written: account events, logins and injected events. */
  readonly events: number;
  readonly eventsByType: Readonly<Record<string, number>>;
  /** Logins by the authentication level they reached (Art. 20(1)). */
  readonly loginsByLevel: Readonly<Record<'1' | '2' | '3' | '4', number>>;
  readonly refusals: number;
  /** Injected violations by kind. */
  readonly injected: Readonly<Partial<Record<ViolationKind, number>>>;
}

/** The options, checked and resolved. */
export interface Plan {
  readonly seed: number;
  readonly subjects: number;
  readonly from: Instant;
  readonly to: Instant;
  readonly fromMs: number;
  readonly toMs: number;
  readonly loginsPerAccount: number;
  /** The kind of violation each subject shows (index into VIOLATION_KIND_IDS, plus one), 0 for a lawful life. */
  readonly assignment: Uint8Array;
}

const instantMs = (name: string, value: Instant): number => {
  const ms = parseInstant(value);
  if (ms._tag === 'Left') throw new RangeError(`${name}: ${ms.left.message}`);
  return ms.right;
};

/** Checks the options and chooses, from the seed, which subjects show which violation. */
export const makePlan = (o: PopulationOptions): Plan => {
  if (!Number.isSafeInteger(o.seed)) throw new RangeError(`seed must be an integer, not ${String(o.seed)}`);
  if (!Number.isSafeInteger(o.subjects) || o.subjects < 0)
    throw new RangeError(`subjects must be a whole number >= 0, not ${String(o.subjects)}`);
  const from = o.from ?? DEFAULT_SIMULATION_FROM;
  const to = o.to ?? DEFAULT_SIMULATION_TO;
  const fromMs = instantMs('from', from);
  const toMs = instantMs('to', to);
  if (fromMs < Date.parse(DECREE_IN_FORCE_FROM))
    throw new RangeError(`from (${from}) is before the decree took effect (${DECREE_IN_FORCE_FROM}, Art. 40(1))`);
  if (!(fromMs < toMs)) throw new RangeError(`from (${from}) must be before to (${to})`);
  const last = vietnamDateOfMs(toMs + 400 * DAY);
  if (!vietnamWorkingCalendar.covers(last))
    throw new RangeError(`to (${to}) is too late: the legal calendar must cover the year after it`);
  const loginsPerAccount = o.loginsPerAccount ?? 3;
  if (!(Number.isFinite(loginsPerAccount) && loginsPerAccount >= 0))
    throw new RangeError(`loginsPerAccount must be a number >= 0, not ${String(loginsPerAccount)}`);

  const assignment = new Uint8Array(o.subjects);
  const rates = VIOLATION_KIND_IDS.map((k) => {
    const rate = o.violations?.[k] ?? 0;
    if (!(Number.isFinite(rate) && rate >= 0 && rate <= 1))
      throw new RangeError(`violations['${k}'] must be a rate between 0 and 1, not ${String(rate)}`);
    return rate;
  });
  const rateSum = rates.reduce((a, b) => a + b, 0);
  if (rateSum > 1 + RATE_EPSILON)
    throw new RangeError(
      `the violation rates add up to ${rateSum}; their sum must be <= 1 (one violation per subject)`,
    );
  const counts = apportion(rates, o.subjects);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total > 0 && toMs - fromMs < VIOLATION_MIN_PERIOD_DAYS * DAY)
    throw new RangeError(`injecting violations needs a period of at least ${VIOLATION_MIN_PERIOD_DAYS} days`);
  if (total > 0) {
    // A partial Fisher-Yates shuffle picks the violating subjects; kinds take them in catalogue order.
    const r = rng(o.seed, 0);
    const order = new Uint32Array(o.subjects);
    for (let i = 0; i < o.subjects; i++) order[i] = i;
    let next = 0;
    counts.forEach((count, k) => {
      for (let c = 0; c < count; c++, next++) {
        const j = next + Math.floor(r.float() * (o.subjects - next));
        const chosen = order[j] as number;
        order[j] = order[next] as number;
        order[next] = chosen;
        assignment[chosen] = k + 1;
      }
    });
  }
  return { seed: o.seed, subjects: o.subjects, from, to, fromMs, toMs, loginsPerAccount, assignment };
};

/** Who subject `i` is, when it first comes to the system, and its own random numbers for the rest of its life. */
export interface SubjectSetup {
  readonly r: Rng;
  readonly startMs: number;
  readonly subject: Subject;
  readonly violation: ViolationKind | undefined;
}

/** Subject `i` of a plan. */
export const subjectSetup = (plan: Plan, i: number): SubjectSetup => {
  const r = rng(plan.seed, i + 1);
  const k = plan.assignment[i] ?? 0;
  const violation = k === 0 ? undefined : VIOLATION_KIND_IDS[k - 1];
  // Registrations spread over the first three quarters of the period; violations start early enough to unfold.
  const startMs =
    violation === undefined
      ? plan.fromMs + Math.floor(r.float() * 0.75 * (plan.toMs - plan.fromMs))
      : plan.fromMs + r.int(0, 5 * 24 * 60) * MINUTE;
  const on = vietnamDateOfMs(startMs);
  const subject =
    violation === undefined
      ? generateSubject(r, i, on)
      : generateSubject(r, i, on, { ...SCENARIOS[violation].subject, validThrough: validBeyond(plan.toMs) });
  return { r, startMs, subject, violation };
};

/** The identity subjects of a plan as first known, in index order. */
export const populationOf = (plan: Plan): Subject[] =>
  Array.from({ length: plan.subjects }, (_, i) => subjectSetup(plan, i).subject);

const isAdult = (s: Subject, startMs: number): boolean =>
  s.kind === 'organisation' || (ageOn(s.dateOfBirth, vietnamDateOfMs(startMs)) >= 18 && s.legalCapacity === 'full');

/** Counts what the simulation records. */
export class Tally {
  readonly byKind: Record<SubjectKind, number> = { citizen: 0, foreigner: 0, organisation: 0 };
  minors = 0;
  commands = 0;
  events = 0;
  readonly byType: Record<string, number> = {};
  readonly byLevel: Record<'1' | '2' | '3' | '4', number> = { '1': 0, '2': 0, '3': 0, '4': 0 };
  readonly refusals: SimulatorRefusal[] = [];
  readonly injected: InjectedViolation[] = [];

  recorded(events: readonly LogEvent[]): void {
    for (const e of events) {
      this.events++;
      this.byType[e.type] = (this.byType[e.type] ?? 0) + 1;
      if (e.type === 'LoginRecorded' && e.authenticationLevel > 0) this.byLevel[`${e.authenticationLevel}`]++;
    }
  }

  refused(c: AccountCommand | RecordLogin, r: Rejection): void {
    this.refusals.push({
      subjectId: c.subjectId,
      commandId: c.commandId,
      commandType: c.type,
      at: c.at,
      code: r.code,
      citation: r.citation,
      message: r.message,
    });
  }

  summary(plan: Plan): SimulationSummary {
    const injected: Partial<Record<ViolationKind, number>> = {};
    for (const v of this.injected) injected[v.kind as ViolationKind] = (injected[v.kind as ViolationKind] ?? 0) + 1;
    const byType: Record<string, number> = {};
    for (const k of Object.keys(this.byType).sort()) byType[k] = this.byType[k] as number;
    return {
      seed: plan.seed,
      from: plan.from,
      to: plan.to,
      subjects: plan.subjects,
      subjectsByKind: { ...this.byKind },
      minors: this.minors,
      commands: this.commands,
      events: this.events,
      eventsByType: byType,
      loginsByLevel: { ...this.byLevel },
      refusals: this.refusals.length,
      injected,
    };
  }
}

interface Entry {
  atMs: number;
  readonly i: number;
  life: Life;
  step: Step;
}

const earlier = (a: Entry, b: Entry): boolean => a.atMs < b.atMs || (a.atMs === b.atMs && a.i < b.i);

/**
 * Runs every subject's life, one step at a time, in the order of the steps' instants (ties by subject), so that the
 * log's global order is the order of time. A binary heap holds each life's next step.
 */
export class Scheduler {
  private readonly heap: Entry[] = [];

  constructor(
    readonly plan: Plan,
    readonly tally: Tally,
  ) {
    const ctx = {
      fromMs: plan.fromMs,
      toMs: plan.toMs,
      loginsPerAccount: plan.loginsPerAccount,
      inject: (v: InjectedViolation) => tally.injected.push(v),
    };
    for (let i = 0; i < plan.subjects; i++) {
      const { r, startMs, subject, violation } = subjectSetup(plan, i);
      tally.byKind[subject.kind]++;
      if (subject.kind !== 'organisation' && ageOn(subject.dateOfBirth, vietnamDateOfMs(startMs)) < 14) tally.minors++;
      const L = new LifeState(ctx, r, idOfSubject(subject), subject, startMs);
      const life =
        violation === undefined
          ? lawfulLife(L, { carriedOver: isAdult(subject, startMs) && r.chance(0.05) })
          : SCENARIOS[violation].life(L);
      this.resume({ atMs: 0, i, life, step: undefined as unknown as Step }, undefined);
    }
  }

  /** The next step in time order, or `undefined` when every life is over. */
  pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    if (top === undefined) return undefined;
    const last = h.pop() as Entry;
    if (h.length > 0) {
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && earlier(h[r] as Entry, h[l] as Entry) ? r : l;
        if (!earlier(h[c] as Entry, last)) break;
        h[k] = h[c] as Entry;
        k = c;
      }
      h[k] = last;
    }
    return top;
  }

  /** Gives the life what its step recorded and queues its next step. */
  resume(e: Entry, outcome: Outcome | undefined): void {
    let n = outcome === undefined ? e.life.next() : e.life.next(outcome);
    while (n.done === true) {
      if (n.value === undefined) return;
      e.life = n.value;
      n = e.life.next();
    }
    e.step = n.value;
    e.atMs = n.value.atMs;
    const h = this.heap;
    let k = h.length;
    h.push(e);
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!earlier(e, h[p] as Entry)) break;
      h[k] = h[p] as Entry;
      k = p;
    }
    h[k] = e;
  }
}
