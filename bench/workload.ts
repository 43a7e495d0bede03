/**
 * The benchmark's workload: a lawful population's log, generated once per run and fed, the same array, to every
 * contender.
 *
 * `workload` is the lawful population of the simulator of `@dinhdanh/core/testing` (`simulateHistory`: citizens,
 * foreigners and organisations through 2025, about 5.6 account events and 2.6 logins a subject, in the order of time).
 * `benchLifecycles` is the earlier stand-in, kept for comparison: one foreigner's lifecycle per subject (request,
 * verification, grant, activation, two logins, a lock when the passport expires and the unlock once it is renewed).
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  type Foreigner,
  type LoginRecorded,
  type RecordLogin,
  accountDecider,
  decideLogin,
  loginStream,
  deriveEventId,
  subjectStream,
} from '@dinhdanh/core';
import { simulateHistory } from '@dinhdanh/core/testing';

/** One event of the workload's log, with what every store needs to record it. */
export interface WorkloadEvent {
  readonly streamId: string;
  /** The identity subject the event belongs to (its `subject-<id>` stream, or its `login-<id>` stream). */
  readonly subjectId: string;
  readonly eventId: string;
  /** The event's 0-based revision in its stream (the expected revision of its append is one less). */
  readonly revision: number;
  /** The command that produced the event; consecutive events with one command id were decided together. */
  readonly commandId: string;
  readonly recordedAt: string;
  readonly data: AccountEvent | LoginRecorded;
}

/** The log of a population, in global order. */
export interface Workload {
  readonly subjects: number;
  readonly seed: number;
  /** Who made the log: the simulator of `@dinhdanh/core/testing`, or this file's stand-in. */
  readonly source: 'simulator' | 'bench-lifecycle';
  readonly events: ReadonlyArray<WorkloadEvent>;
}

const DAY = 86_400_000;
const ICT = 7 * 3_600_000;
const START_MS = Date.parse('2025-07-01T00:00:00+07:00');

/** An ISO-8601 instant at UTC+7, the form the decider's commands carry. */
const ict = (ms: number): string => new Date(ms + ICT).toISOString().replace('Z', '+07:00');

/** A small deterministic generator (mulberry32), so the same seed gives the same population. */
const random = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const NATIONALITIES = ['DEU', 'FRA', 'JPN', 'KOR', 'USA', 'AUS', 'CHN', 'IND'] as const;

const foreigner = (i: number, rnd: () => number): Foreigner => {
  const year = 1950 + Math.floor(rnd() * 55);
  const id = String(900_000_000_000 + i);
  return {
    kind: 'foreigner',
    identificationNumber: id,
    fullName: `Person ${i}`,
    dateOfBirth: `${year}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}` as Foreigner['dateOfBirth'],
    gender: rnd() < 0.5 ? 'female' : 'male',
    nationality: NATIONALITIES[i % NATIONALITIES.length] as string,
    travelDocument: {
      type: 'passport',
      number: `P${id}`,
      issuedOn: '2020-01-10' as Foreigner['dateOfBirth'],
      placeOfIssue: 'Embassy',
      expiresOn: '2030-01-09' as Foreigner['dateOfBirth'],
    },
    residenceCard: { type: 'permanent', number: `TT-${id}`, expiresOn: null },
    biometricsOnFile: true,
    legalCapacity: 'full',
    diedOn: null,
  };
};

const officer = { role: 'receiving-officer', id: 'immigration-officer-7' } as const;
const agency = { role: 'management-agency', id: 'C06' } as const;
const system = { role: 'system', id: 'eid-system' } as const;

interface Step {
  readonly atMs: number;
  readonly subject: number;
  readonly order: number;
  readonly run: (state: AccountState) => ReadonlyArray<WorkloadEvent>;
}

/**
 * The log of `subjects` foreigners' lifecycles, the same for the same seed. Every event was decided by the real
 * decider on the state its stream had, so the log is lawful; throws if the decider refuses a step (a broken
 * stand-in, not a benchmark result).
 */
export const benchLifecycles = (subjects: number, seed: number): Workload => {
  const rnd = random(seed);
  const steps: Step[] = [];
  const states: AccountState[] = [];
  for (let i = 0; i < subjects; i++) {
    const subjectId = `f${i}`;
    const person = foreigner(i, rnd);
    const day = START_MS + Math.floor(rnd() * 240) * DAY + 8 * 3_600_000 + Math.floor(rnd() * 8 * 3_600_000);
    states.push(accountDecider.initialState);
    const command = (k: number, c: AccountCommand): void => {
      const atMs = Date.parse(c.at);
      steps.push({
        atMs,
        subject: i,
        order: k,
        run: (state) => {
          const decided = accountDecider.decide(c, state);
          if (E.isLeft(decided)) throw new Error(`${subjectId} ${c.type}: ${decided.left.message}`);
          const streamId = subjectStream(subjectId);
          return decided.right.map((data, n) => ({
            streamId,
            subjectId,
            eventId: `${c.commandId}-${n}`,
            revision: -1,
            commandId: c.commandId,
            recordedAt: c.at,
            data,
          }));
        },
      });
    };
    const base = { subjectId } as const;
    command(0, {
      ...base,
      type: 'RequestAccount',
      commandId: `${subjectId}-c0`,
      at: ict(day),
      by: officer,
      request: {
        subject: person,
        level: 2,
        channel: 'in-person',
        applicant: { role: 'self' },
        faceImage: null,
        form: 'TK01',
        consentConfirmedByOfficer: true,
        withCardApplication: false,
      },
    });
    command(1, {
      ...base,
      type: 'VerifyIdentity',
      commandId: `${subjectId}-c1`,
      at: ict(day + 15 * 60_000),
      by: officer,
      outcome: {
        result: 'verified',
        verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: true },
      },
    });
    command(2, { ...base, type: 'GrantAccount', commandId: `${subjectId}-c2`, at: ict(day + 2 * DAY), by: agency });
    command(3, {
      ...base,
      type: 'ActivateAccount',
      commandId: `${subjectId}-c3`,
      at: ict(day + 3 * DAY),
      by: { role: 'subject', id: subjectId },
      channel: 'app',
    });
    for (const [k, offset] of [
      [4, 10],
      [5, 40 + Math.floor(rnd() * 200)],
    ] as const) {
      const login: RecordLogin = {
        type: 'RecordLogin',
        commandId: `${subjectId}-c${k}`,
        subjectId,
        at: ict(day + offset * DAY),
        by: { role: 'subject', id: subjectId },
        means: ['password', 'otpSoftware'],
        requiredLevel: 2,
      };
      steps.push({
        atMs: Date.parse(login.at),
        subject: i,
        order: k,
        run: (state) => {
          const decided = decideLogin(login, state);
          if (E.isLeft(decided)) throw new Error(`${subjectId} login: ${decided.left.message}`);
          return [
            {
              streamId: loginStream(subjectId),
              subjectId,
              eventId: `${login.commandId}-0`,
              revision: -1,
              commandId: login.commandId,
              recordedAt: login.at,
              data: decided.right,
            },
          ];
        },
      });
    }
    command(6, {
      ...base,
      type: 'ReviewLockGrounds',
      commandId: `${subjectId}-c6`,
      at: ict(Date.parse('2030-01-10T00:05:00+07:00') + i),
      by: system,
    });
    command(7, {
      ...base,
      type: 'UpdateIdentity',
      commandId: `${subjectId}-c7`,
      at: ict(Date.parse('2030-01-14T11:00:00+07:00') + i),
      by: system,
      source: 'National Immigration Database',
      subject: {
        ...person,
        travelDocument: {
          ...person.travelDocument,
          number: `Q${person.identificationNumber}`,
          expiresOn: '2040-01-13' as Foreigner['dateOfBirth'],
        },
      },
    });
  }
  steps.sort((a, b) => a.atMs - b.atMs || a.subject - b.subject || a.order - b.order);
  const events: WorkloadEvent[] = [];
  const revisions = new Map<string, number>();
  for (const step of steps) {
    const state = states[step.subject] as AccountState;
    const out = step.run(state);
    let next = state;
    for (const decided of out) {
      const revision = (revisions.get(decided.streamId) ?? -1) + 1;
      revisions.set(decided.streamId, revision);
      const e = { ...decided, revision };
      events.push(e);
      if (e.data.type !== 'LoginRecorded') next = accountDecider.evolve(next, e.data);
    }
    states[step.subject] = next;
  }
  return { subjects, seed, source: 'bench-lifecycle', events };
};

/** The workload of a run: `subjects` identity subjects' lawful lifecycles and logins, the same for the same seed. */
export const workload = (subjects: number, seed: number): Workload => {
  const history = simulateHistory({ seed, subjects });
  if (history.refusals.length > 0) throw new Error(`the simulator was refused: ${history.refusals[0]?.message}`);
  const revisions = new Map<string, number>();
  const events: WorkloadEvent[] = [];
  let command = '';
  let index = 0;
  for (const { streamId, commandId, data } of history.entries) {
    index = commandId === command ? index + 1 : 0;
    command = commandId;
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    events.push({
      streamId,
      subjectId: streamId.slice(streamId.indexOf('-') + 1),
      eventId: deriveEventId(streamId, commandId, index),
      revision,
      commandId,
      recordedAt: data.at,
      data,
    });
  }
  return { subjects, seed, source: 'simulator', events };
};
