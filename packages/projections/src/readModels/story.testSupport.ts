// Test support, not part of the package's API: a story of several subjects decided by the real account decider and
// `decideLogin`, recorded through the command handler into an in-memory store, and folded by the runner.
import {
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  type EventStore,
  type InMemoryEventStore,
  type RecordLogin,
  type StoredEvent,
  accountDecider,
  createCommandHandler,
  decideLogin,
  initialState,
  loginStream,
  subjectStream,
} from '@dinhdanh/core';
import { aForeigner, actors, cmd, level1OnApp, level2InPerson } from '@dinhdanh/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import type { KeyedModel, KeyedProjection, ProjectedEvent } from '../projection.js';
import { allEvents, newStore } from '../runner/histories.testSupport.js';
import { foldEvents } from '../runner/runner.js';

/** One step of a story: a command of the account decider, or a login. */
export type Step = AccountCommand | RecordLogin;

/**
 * Records the steps in order into a store (a fresh in-memory one by default); throws on the first the decree
 * rejects, naming it (a story is lawful by design).
 */
export async function record(steps: readonly Step[]): Promise<InMemoryEventStore<ProjectedEvent>>;
export async function record<S extends EventStore<ProjectedEvent>>(steps: readonly Step[], store: S): Promise<S>;
export async function record(
  steps: readonly Step[],
  store: EventStore<ProjectedEvent> = newStore(),
): Promise<EventStore<ProjectedEvent>> {
  const handle = createCommandHandler(accountDecider, store as unknown as EventStore<AccountEvent>, {
    streamOf: (c: AccountCommand) => subjectStream(c.subjectId),
  });
  const states = new Map<string, AccountState>();
  for (const step of steps) {
    if (step.type === 'RecordLogin') {
      const login = decideLogin(step, states.get(step.subjectId) ?? initialState);
      if (E.isLeft(login)) throw new Error(`login ${step.commandId} rejected: ${JSON.stringify(login.left)}`);
      const appended = await store.append(
        loginStream(step.subjectId),
        [{ eventId: step.commandId, type: 'LoginRecorded', data: login.right, recordedAt: step.at }],
        'any',
      )();
      if (E.isLeft(appended)) throw new Error(`login ${step.commandId} not stored: ${JSON.stringify(appended.left)}`);
      continue;
    }
    const r = await handle(step)();
    if (E.isLeft(r)) throw new Error(`${step.type} ${step.commandId} rejected: ${JSON.stringify(r.left)}`);
    states.set(step.subjectId, r.right.state);
  }
  return store;
}

/** The events of a store in global order. */
export const eventsOf = (store: InMemoryEventStore<ProjectedEvent>): ReadonlyArray<StoredEvent<ProjectedEvent>> =>
  allEvents(store);

/** A keyed read model folded from a store's whole log. */
export const modelOf = <S>(p: KeyedProjection<S>, store: InMemoryEventStore<ProjectedEvent>): KeyedModel<S> =>
  foldEvents(p, allEvents(store));

/** A login with a password and a software OTP (level 2 of Art. 20(1)). */
export const login = (
  subjectId: string,
  at: string,
  by = { role: 'subject', id: subjectId } as const,
): RecordLogin => ({
  type: 'RecordLogin',
  commandId: `login-${subjectId}-${at}`,
  subjectId,
  at,
  by,
  means: ['password', 'otpSoftware'],
  requiredLevel: 1,
});

const faceAndFingerprints = {
  result: 'verified',
  verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: true },
} as const;

const faceOnly = {
  result: 'verified',
  verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: false },
} as const;

const foreigner = (id: string, name: string) =>
  aForeigner({
    identificationNumber: id,
    fullName: name,
    residenceCard: { type: 'temporary', number: `TT-${id}`, expiresOn: '2030-06-30' as never },
  });

/** The subjects of {@link story}. */
export const ANNA = '900000000001';
export const BEN = '900000000002';
export const CHI = '900000000003';
export const DUC = '900000000004';
export const EVA = '900000000005';

/** The competent agency of the story's Form TK03 requests. */
export const COURT = 'Investigation Police Agency, Hanoi';

/**
 * Five foreigners in the summer of 2025:
 * - Anna: level 2 in person, granted Thursday 3 July, activated on the app, logs in twice, asks to be locked on
 *   Friday 1 August (seed 000: she wants out; the decree's answer is a lock);
 * - Ben: level 1 on the app on Wednesday 2 July, verified, never decided (the grant is overdue);
 * - Chi: level 1, granted Thursday 3 July, never activated (the app window closes);
 * - Duc: level 2, granted and activated; a court's request to lock his account is received on Friday 11 July at
 *   15:00 and never forwarded;
 * - Eva: level 2, granted and activated; a court's request to lock is received, forwarded on Monday 14 July, and not
 *   decided; later another court request for Duc is decided and his account locked.
 */
export const story = (): readonly Step[] => {
  const level2 = (id: string, name: string, requestAt: string, grantAt: string): Step[] => [
    cmd({
      type: 'RequestAccount',
      subjectId: id,
      at: requestAt,
      by: actors.officer,
      request: level2InPerson(foreigner(id, name)),
    }),
    cmd({
      type: 'VerifyIdentity',
      subjectId: id,
      at: requestAt.replace(':00:00', ':10:00'),
      by: actors.officer,
      outcome: faceAndFingerprints,
    }),
    cmd({ type: 'GrantAccount', subjectId: id, at: grantAt, by: actors.agency }),
  ];
  return [
    ...level2(ANNA, 'Anna Schmidt', '2025-07-02T09:00:00+07:00', '2025-07-03T10:00:00+07:00'),
    cmd({
      type: 'ActivateAccount',
      subjectId: ANNA,
      at: '2025-07-03T12:00:00+07:00',
      by: actors.subject,
      channel: 'app',
    }),
    cmd({
      type: 'RequestAccount',
      subjectId: BEN,
      at: '2025-07-02T10:00:00+07:00',
      by: actors.subject,
      request: level1OnApp(foreigner(BEN, 'Ben Carter')),
    }),
    cmd({
      type: 'VerifyIdentity',
      subjectId: BEN,
      at: '2025-07-02T10:05:00+07:00',
      by: actors.system,
      outcome: faceOnly,
    }),
    cmd({
      type: 'RequestAccount',
      subjectId: CHI,
      at: '2025-07-02T11:00:00+07:00',
      by: actors.subject,
      request: level1OnApp(foreigner(CHI, 'Chi Tanaka')),
    }),
    cmd({
      type: 'VerifyIdentity',
      subjectId: CHI,
      at: '2025-07-02T11:05:00+07:00',
      by: actors.system,
      outcome: faceOnly,
    }),
    cmd({ type: 'GrantAccount', subjectId: CHI, at: '2025-07-03T11:00:00+07:00', by: actors.system }),
    login(ANNA, '2025-07-04T08:00:00+07:00'),
    ...level2(DUC, 'Duc Laurent', '2025-07-07T09:00:00+07:00', '2025-07-08T10:00:00+07:00'),
    cmd({
      type: 'ActivateAccount',
      subjectId: DUC,
      at: '2025-07-08T12:00:00+07:00',
      by: actors.subject,
      channel: 'app',
    }),
    ...level2(EVA, 'Eva Novak', '2025-07-07T10:00:00+07:00', '2025-07-08T11:00:00+07:00'),
    cmd({
      type: 'ActivateAccount',
      subjectId: EVA,
      at: '2025-07-08T13:00:00+07:00',
      by: actors.subject,
      channel: 'app',
    }),
    cmd({
      type: 'ReceiveAgencyRequest',
      subjectId: DUC,
      at: '2025-07-11T15:00:00+07:00',
      by: actors.police,
      requestId: 'TK03-2025-001',
      action: 'lock',
      target: 'account',
      agency: COURT,
    }),
    cmd({
      type: 'ReceiveAgencyRequest',
      subjectId: EVA,
      at: '2025-07-11T16:00:00+07:00',
      by: actors.police,
      requestId: 'TK03-2025-002',
      action: 'lock',
      target: 'account',
      agency: COURT,
    }),
    cmd({
      type: 'ForwardAgencyRequest',
      subjectId: EVA,
      at: '2025-07-14T09:00:00+07:00',
      by: actors.police,
      requestId: 'TK03-2025-002',
    }),
    login(ANNA, '2025-07-20T08:00:00+07:00'),
    cmd({ type: 'RequestLock', subjectId: ANNA, at: '2025-08-01T20:00:00+07:00', by: actors.subject }),
  ];
};

/** What {@link story} adds later: the court's request for Eva is decided and her account locked. */
export const evaLockedLater = (): readonly Step[] => [
  cmd({
    type: 'DecideAgencyRequest',
    subjectId: EVA,
    at: '2025-08-04T10:00:00+07:00',
    by: actors.agency,
    requestId: 'TK03-2025-002',
    decision: { approve: true },
  }),
];
