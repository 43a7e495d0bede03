// The life of a subject whose history shows one violation: a lawful start through the decider, then the violation
// (events written past the decider, or a lawful act done late, or a duty left undone), then nothing more, so that
// the violation is the only thing an audit of the subject finds.
import { accountDecider } from '../account/decide.js';
import { makeEvent } from '../account/eventFactory.js';
import type { AccountCommand } from '../account/commands.js';
import type { AccountEvent, EventOf } from '../account/events.js';
import type { LoginRecorded } from '../account/login.js';
import type { Subject } from '../account/subject.js';
import {
  type CivilDate,
  addDays,
  formatVietnamInstant,
  startOfVietnamDayMs,
  vietnamDateOfMs,
} from '../calendar/civilDate.js';
import { periodEnd, workingDays } from '../calendar/periods.js';
import { activationWindowEnd } from '../decree/activation.js';
import { art } from '../decree/citation.js';
import type { Actor } from '../decree/competence.js';
import { DECREE_IN_FORCE_FROM } from '../decree/effect.js';
import { loginStream, subjectStream } from '../store/streams.js';
import type { SubjectConstraints } from './population.js';
import {
  AGENCY,
  OFFICER,
  POLICE,
  SYSTEM,
  type Route,
  activationFlow,
  lodge,
  requestFlow,
  selfActor,
  sourceOf,
  toDecision,
  toVerification,
  verificationFor,
  verifierFor,
} from './simulatorLifecycle.js';
import { type LifeState, type Outcome, type Step, forge, issue, logIn } from './simulatorSteps.js';
import { VIOLATION_KINDS, type ViolationKind } from './violations.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const IN_FORCE_MS = Date.parse(DECREE_IN_FORCE_FROM);

/** The shortest period in which every scenario unfolds: violations need at least this many days. */
export const VIOLATION_MIN_PERIOD_DAYS = 90;

type Scenario = (L: LifeState) => Generator<Step, void, Outcome>;

const adultCitizen: SubjectConstraints = { kind: 'citizen', ages: [20, 55], capacity: 'full' };
const adultForeigner: SubjectConstraints = { kind: 'foreigner', ages: [25, 60], capacity: 'full' };
const organisation: SubjectConstraints = { kind: 'organisation' };

/** Records the violation in the result. */
const inject = (L: LifeState, kind: ViolationKind, at: number, streamId = subjectStream(L.subjectId)): void => {
  const info = VIOLATION_KINDS[kind];
  L.ctx.inject({
    kind,
    subjectId: L.subjectId,
    streamId,
    expectedCheck: info.expectedCheck,
    citation: info.citation,
    at: formatVietnamInstant(at),
    description: info.description,
  });
};

const now = (L: LifeState): string => formatVietnamInstant(L.now);

/** A granted and activated account (on the app, within the window). */
function* active(L: LifeState, route: Route): Generator<Step, boolean, Outcome> {
  return (yield* requestFlow(L, route)) && (yield* activationFlow(L, { app: 1, hotline: 0 }));
}

/** Some days later, in office hours. */
const later = (L: LifeState, minDays: number, maxDays: number): boolean =>
  L.at(startOfVietnamDayMs(addDays(L.day, L.r.int(minDays, maxDays))) + (8 * 60 + L.r.int(0, 540)) * MINUTE);

/** What the decider would record for a command now (the basis of a forged variant). */
const wouldRecord = (
  L: LifeState,
  c: { readonly type: AccountCommand['type']; readonly by: Actor } & Readonly<Record<string, unknown>>,
): AccountEvent[] => {
  const decided = accountDecider.decide(
    { ...c, commandId: 'what-if', subjectId: L.subjectId, at: now(L) } as AccountCommand,
    L.state,
  );
  return decided._tag === 'Right' ? [...decided.right] : [];
};

/** The grant the decider would record, forged for a level or by an actor it would not allow. */
const forgedGrant = (L: LifeState, level: 1 | 2 | null, by: Actor, basis = art(10, 1, 'c')): AccountEvent => {
  const p = L.state.pending;
  return makeEvent('AccountGranted', now(L), by, basis, {
    level,
    dueBy: p?.dueBy ?? now(L),
    timeLimit: p?.timeLimit ?? art(13),
    late: false,
  });
};

/** A foreigner whose passport runs out some weeks after the start, everything else valid. */
const expiringPassport = (L: LifeState, inDays: [number, number]): CivilDate => {
  const s = L.truth as Extract<Subject, { kind: 'foreigner' }>;
  const lastDay = addDays(L.day, L.r.int(inDays[0], inDays[1]));
  L.truth = { ...s, travelDocument: { ...s.travelDocument, expiresOn: lastDay } };
  return lastDay;
};

const renewedPassport = (L: LifeState): Subject => {
  const s = L.truth as Extract<Subject, { kind: 'foreigner' }>;
  return {
    ...s,
    travelDocument: {
      ...s.travelDocument,
      number: `${s.travelDocument.number}N`,
      issuedOn: L.day,
      expiresOn: addDays(L.day, 3650),
    },
  };
};

const firstMinuteAfter = (lastDay: CivilDate): number => startOfVietnamDayMs(addDays(lastDay, 1));

/** A Form TK03 request to lock an organisation's account, received now; returns its id and forwarding deadline. */
function* receiveTk03(L: LifeState): Generator<Step, { id: string; forwardBy: number } | null, Outcome> {
  const id = `TK03-${L.subjectId}-1`;
  const out = yield issue(L, 'ReceiveAgencyRequest', POLICE, {
    requestId: id,
    action: 'lock',
    target: 'account',
    agency: 'Cơ quan Cảnh sát điều tra',
  });
  if (out.refused) return null;
  return { id, forwardBy: Date.parse((out.events[0] as EventOf<'AgencyRequestReceived'>).forwardBy) };
}

function* forwardTk03(L: LifeState, id: string): Generator<Step, number | null, Outcome> {
  const out = yield issue(L, 'ForwardAgencyRequest', POLICE, { requestId: id });
  return out.refused ? null : Date.parse((out.events[0] as EventOf<'AgencyRequestForwarded'>).decideBy);
}

const refuseTk03 = (L: LifeState, id: string) =>
  issue(L, 'DecideAgencyRequest', AGENCY, {
    requestId: id,
    decision: { approve: false, reason: 'the proceedings do not require the account locked' },
  });

/** Somewhere between now and `dueMs` (exclusive). */
const before = (L: LifeState, dueMs: number): boolean =>
  L.at(L.now + MINUTE + (dueMs - 2 * MINUTE - L.now) * L.r.float());

/** A passport expires; the system reviews the grounds the next morning (Art. 15(2)(a)) and locks. */
function* expireAndLock(L: LifeState, lastDay: CivilDate): Generator<Step, boolean, Outcome> {
  if (!L.at(firstMinuteAfter(lastDay) + L.r.int(1, 240) * MINUTE)) return false;
  return !(yield issue(L, 'ReviewLockGrounds', SYSTEM, {})).refused;
}

/** The scenarios, each with the subject it needs. */
export const SCENARIOS: Readonly<Record<ViolationKind, { subject: SubjectConstraints; life: Scenario }>> = {
  'identity-update-by-officer': {
    subject: adultCitizen,
    *life(L) {
      if (!(yield* active(L, 'level2-in-person')) || !later(L, 1, 20)) return;
      const s = L.truth as Extract<Subject, { kind: 'citizen' }>;
      L.truth = s.identityCard === null ? s : { ...s, identityCard: { ...s.identityCard, type: 'identity-card' } };
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('IdentityUpdated', now(L), OFFICER, art(8, 1), { subject: L.truth, source: sourceOf(L.truth) }),
      ]);
      inject(L, 'identity-update-by-officer', L.now);
    },
  },
  'grant-ineligible': {
    subject: { kind: 'citizen', ages: [2, 4], capacity: 'full' },
    *life(L) {
      const due = yield* lodge(L, 'level1-app');
      if (due === null || !toVerification(L, 'level1-app')) return;
      yield issue(L, 'VerifyIdentity', SYSTEM, {
        outcome: {
          result: 'verified',
          verification: { against: 'identity-database', faceMatched: true, fingerprintsMatched: true },
        },
      });
      if (!toDecision(L, due)) return;
      yield forge(L, subjectStream(L.subjectId), [forgedGrant(L, 2, AGENCY, art(10, 2, 'd'))]);
      inject(L, 'grant-ineligible', L.now);
    },
  },
  'grant-unverified': {
    subject: adultCitizen,
    *life(L) {
      const due = yield* lodge(L, 'level1-app');
      if (due === null || !toDecision(L, due)) return;
      yield forge(L, subjectStream(L.subjectId), [forgedGrant(L, 1, SYSTEM)]);
      inject(L, 'grant-unverified', L.now);
    },
  },
  'grant-without-biometrics': {
    subject: adultForeigner,
    *life(L) {
      const due = yield* lodge(L, 'level2-in-person');
      if (due === null || !toVerification(L, 'level2-in-person')) return;
      yield issue(L, 'VerifyIdentity', OFFICER, {
        outcome: {
          result: 'verified',
          verification: { ...verificationFor(L, 'level2-in-person'), fingerprintsMatched: false },
        },
      });
      if (!toDecision(L, due)) return;
      yield forge(L, subjectStream(L.subjectId), [forgedGrant(L, 2, AGENCY, art(11, 2, 'dd'))]);
      inject(L, 'grant-without-biometrics', L.now);
    },
  },
  'verified-by-subject': {
    subject: adultCitizen,
    *life(L) {
      const due = yield* lodge(L, 'level1-app');
      if (due === null || !toVerification(L, 'level1-app')) return;
      const at = L.now;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('IdentityVerified', now(L), { role: 'subject', id: L.subjectId }, art(10, 1, 'c'), {
          verification: verificationFor(L, 'level1-app'),
        }),
      ]);
      inject(L, 'verified-by-subject', at);
      if (toDecision(L, due)) yield issue(L, 'GrantAccount', SYSTEM, {});
    },
  },
  'refusal-without-reason': {
    subject: organisation,
    *life(L) {
      const due = yield* lodge(L, 'organisation-app');
      if (due === null || !toVerification(L, 'organisation-app')) return;
      yield issue(L, 'VerifyIdentity', verifierFor('organisation-app'), {
        outcome: { result: 'verified', verification: verificationFor(L, 'organisation-app') },
      });
      if (!toDecision(L, due)) return;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('AccountRefused', now(L), AGENCY, art(12, 3), { reason: '' }),
      ]);
      inject(L, 'refusal-without-reason', L.now);
    },
  },
  'grant-by-officer': {
    subject: adultCitizen,
    *life(L) {
      const due = yield* lodge(L, 'level2-in-person');
      if (due === null || !toVerification(L, 'level2-in-person')) return;
      yield issue(L, 'VerifyIdentity', OFFICER, {
        outcome: { result: 'verified', verification: verificationFor(L, 'level2-in-person') },
      });
      if (!toDecision(L, due)) return;
      const events = wouldRecord(L, { type: 'GrantAccount', by: AGENCY }).map((e) => ({ ...e, by: OFFICER }));
      yield forge(L, subjectStream(L.subjectId), events);
      inject(L, 'grant-by-officer', L.now);
    },
  },
  'late-grant': {
    subject: adultCitizen,
    *life(L) {
      const due = yield* lodge(L, 'level2-in-person');
      if (due === null || !toVerification(L, 'level2-in-person')) return;
      yield issue(L, 'VerifyIdentity', OFFICER, {
        outcome: { result: 'verified', verification: verificationFor(L, 'level2-in-person') },
      });
      if (!L.at(due + L.r.int(1, 5 * 24 * 60) * MINUTE)) return;
      if (!(yield issue(L, 'GrantAccount', AGENCY, {})).refused) inject(L, 'late-grant', L.now);
    },
  },
  'activation-after-window': {
    subject: adultCitizen,
    *life(L) {
      if (!(yield* requestFlow(L, 'level2-in-person'))) return;
      const granted = L.state.account?.grantedAt ?? now(L);
      const window = activationWindowEnd(granted);
      if (window._tag === 'Left' || !L.at(window.right.endsAtMs + L.r.int(60, 10 * 24 * 60) * MINUTE)) return;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('AccountActivated', now(L), selfActor(L), art(14, 1), {
          channel: 'app',
          windowEndsAt: window.right.endsAt,
        }),
      ]);
      inject(L, 'activation-after-window', L.now);
    },
  },
  'login-without-consent': {
    subject: { kind: 'citizen', ages: [7, 10], capacity: 'full' },
    *life(L) {
      if (!(yield* active(L, 'level2-in-person')) || !later(L, 1, 20)) return;
      const login: LoginRecorded = {
        type: 'LoginRecorded',
        v: 1,
        at: now(L),
        by: selfActor(L),
        legalBasis: art(17, 2),
        means: ['password'],
        authenticationLevel: 1,
      };
      yield forge(L, loginStream(L.subjectId), [login]);
      inject(L, 'login-without-consent', L.now, loginStream(L.subjectId));
    },
  },
  'lock-without-ground': {
    subject: adultForeigner,
    *life(L) {
      if (!(yield* active(L, 'level2-in-person')) || !later(L, 1, 20)) return;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('AccountLocked', now(L), SYSTEM, art(15, 2, 'a'), { ground: 'travel-document-expired' }),
      ]);
      inject(L, 'lock-without-ground', L.now);
    },
  },
  'lock-by-subject': {
    subject: adultForeigner,
    *life(L) {
      if (!(yield* active(L, 'level2-in-person')) || !later(L, 1, 20)) return;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('AccountLocked', now(L), selfActor(L), art(15, 2, 'a'), { ground: 'agreement-violation' }),
      ]);
      inject(L, 'lock-by-subject', L.now);
    },
  },
  'left-unlocked': {
    subject: adultForeigner,
    *life(L) {
      const lastDay = expiringPassport(L, [45, 55]);
      if (!(yield* active(L, 'level2-in-person'))) return;
      inject(L, 'left-unlocked', firstMinuteAfter(lastDay));
    },
  },
  'lock-late': {
    subject: adultForeigner,
    *life(L) {
      const lastDay = expiringPassport(L, [45, 55]);
      if (!(yield* active(L, 'level2-in-person'))) return;
      if (!L.at(firstMinuteAfter(lastDay) + L.r.int(2, 10) * DAY + L.r.int(60, 600) * MINUTE)) return;
      if (!(yield issue(L, 'ReviewLockGrounds', SYSTEM, {})).refused) inject(L, 'lock-late', L.now);
    },
  },
  'unlock-while-ground': {
    subject: adultForeigner,
    *life(L) {
      if (!(yield* active(L, 'level2-in-person')) || !later(L, 1, 10)) return;
      yield issue(L, 'RequestLock', selfActor(L), {});
      if (!later(L, 1, 10)) return;
      yield issue(L, 'RecordAgreementViolation', AGENCY, {});
      if (!later(L, 1, 10)) return;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('AccountUnlocked', now(L), selfActor(L), art(15, 3, 'a'), { ground: 'own-request' }),
      ]);
      inject(L, 'unlock-while-ground', L.now);
    },
  },
  'ceased-without-basis': {
    subject: adultForeigner,
    *life(L) {
      if (!(yield* active(L, 'level2-in-person')) || !later(L, 1, 10)) return;
      yield issue(L, 'RequestLock', selfActor(L), {});
      if (!later(L, 1, 10)) return;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('LockGroundCeased', now(L), SYSTEM, art(15, 3, 'a'), { ground: 'agreement-violation' }),
      ]);
      inject(L, 'ceased-without-basis', L.now);
    },
  },
  'left-locked': {
    subject: adultForeigner,
    *life(L) {
      const lastDay = expiringPassport(L, [45, 50]);
      if (!(yield* active(L, 'level2-in-person')) || !(yield* expireAndLock(L, lastDay)) || !later(L, 2, 10)) return;
      L.truth = renewedPassport(L);
      // The update the decider would follow with the unlock, written without it.
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('IdentityUpdated', now(L), SYSTEM, art(8, 1), { subject: L.truth, source: sourceOf(L.truth) }),
      ]);
      inject(L, 'left-locked', L.now);
    },
  },
  'unlock-late': {
    subject: adultForeigner,
    *life(L) {
      const lastDay = expiringPassport(L, [45, 50]);
      if (!(yield* active(L, 'level2-in-person')) || !(yield* expireAndLock(L, lastDay)) || !later(L, 2, 10)) return;
      L.truth = renewedPassport(L);
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('IdentityUpdated', now(L), SYSTEM, art(8, 1), { subject: L.truth, source: sourceOf(L.truth) }),
      ]);
      if (!later(L, 2, 8)) return;
      if (!(yield issue(L, 'ReviewLockGrounds', SYSTEM, {})).refused) inject(L, 'unlock-late', L.now);
    },
  },
  'death-unlocked': {
    subject: adultForeigner,
    *life(L) {
      if (!(yield* active(L, 'level2-in-person')) || !later(L, 1, 10)) return;
      L.truth = { ...(L.truth as Extract<Subject, { kind: 'foreigner' }>), diedOn: L.day };
      yield issue(L, 'UpdateIdentity', SYSTEM, { subject: L.truth, source: sourceOf(L.truth) });
      if (!later(L, 1, 10)) return;
      L.truth = { ...(L.truth as Extract<Subject, { kind: 'foreigner' }>), diedOn: null };
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('IdentityUpdated', now(L), SYSTEM, art(8, 1), { subject: L.truth, source: sourceOf(L.truth) }),
      ]);
      inject(L, 'death-unlocked', L.now);
    },
  },
  'agency-unknown-request': {
    subject: organisation,
    *life(L) {
      if (!(yield* active(L, 'organisation-app')) || !later(L, 1, 10)) return;
      const decideBy = periodEnd(now(L), workingDays(2));
      if (decideBy._tag === 'Left') return;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('AgencyRequestForwarded', now(L), POLICE, art(15, 2, 'd'), {
          requestId: `TK03-${L.subjectId}-unknown`,
          late: false,
          decideBy: decideBy.right.endsAt,
        }),
      ]);
      inject(L, 'agency-unknown-request', L.now);
    },
  },
  'agency-forward-late': {
    subject: organisation,
    *life(L) {
      if (!(yield* active(L, 'organisation-app')) || !later(L, 1, 10)) return;
      const r = yield* receiveTk03(L);
      if (r === null || !L.at(r.forwardBy + L.r.int(1, 5 * 24 * 60) * MINUTE)) return;
      const decideBy = yield* forwardTk03(L, r.id);
      if (decideBy === null) return;
      inject(L, 'agency-forward-late', L.now);
      if (before(L, decideBy)) yield refuseTk03(L, r.id);
    },
  },
  'agency-decide-late': {
    subject: organisation,
    *life(L) {
      if (!(yield* active(L, 'organisation-app')) || !later(L, 1, 10)) return;
      const r = yield* receiveTk03(L);
      if (r === null || !before(L, r.forwardBy)) return;
      const decideBy = yield* forwardTk03(L, r.id);
      if (decideBy === null || !L.at(decideBy + L.r.int(1, 5 * 24 * 60) * MINUTE)) return;
      if (!(yield refuseTk03(L, r.id)).refused) inject(L, 'agency-decide-late', L.now);
    },
  },
  'agency-decided-before-forwarded': {
    subject: organisation,
    *life(L) {
      if (!(yield* active(L, 'organisation-app')) || !later(L, 1, 10)) return;
      const r = yield* receiveTk03(L);
      if (r === null || !before(L, r.forwardBy)) return;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('AgencyRequestRefused', now(L), AGENCY, art(15, 2, 'dd'), {
          requestId: r.id,
          late: false,
          reason: 'the proceedings do not require the account locked',
        }),
      ]);
      inject(L, 'agency-decided-before-forwarded', L.now);
    },
  },
  'agency-refusal-without-reason': {
    subject: organisation,
    *life(L) {
      if (!(yield* active(L, 'organisation-app')) || !later(L, 1, 10)) return;
      const r = yield* receiveTk03(L);
      if (r === null || !before(L, r.forwardBy)) return;
      const decideBy = yield* forwardTk03(L, r.id);
      if (decideBy === null || !before(L, decideBy)) return;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('AgencyRequestRefused', now(L), AGENCY, art(15, 2, 'dd'), {
          requestId: r.id,
          late: false,
          reason: '',
        }),
      ]);
      inject(L, 'agency-refusal-without-reason', L.now);
    },
  },
  'agency-request-received-by-requester': {
    subject: organisation,
    *life(L) {
      if (!(yield* active(L, 'organisation-app')) || !later(L, 1, 10)) return;
      const id = `TK03-${L.subjectId}-1`;
      const received = wouldRecord(L, {
        type: 'ReceiveAgencyRequest',
        by: POLICE,
        requestId: id,
        action: 'lock',
        target: 'account',
        agency: 'Cơ quan Cảnh sát điều tra',
      }).map((e) => ({ ...e, by: { role: 'competent-agency' as const, id: 'investigation-police' } }));
      const forwardBy = Date.parse((received[0] as EventOf<'AgencyRequestReceived'>).forwardBy);
      yield forge(L, subjectStream(L.subjectId), received);
      inject(L, 'agency-request-received-by-requester', L.now);
      if (!before(L, forwardBy)) return;
      const decideBy = yield* forwardTk03(L, id);
      if (decideBy !== null && before(L, decideBy)) yield refuseTk03(L, id);
    },
  },
  'before-in-force': {
    subject: organisation,
    *life(L) {
      const at = IN_FORCE_MS - L.r.int(1, 30) * DAY + L.r.int(8 * 60, 17 * 60) * MINUTE;
      const grantedAt = at - L.r.int(30, 700) * DAY;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('AccountCarriedOver', formatVietnamInstant(at), SYSTEM, art(40, 5), {
          subject: L.truth,
          level: null,
          grantedAt: formatVietnamInstant(grantedAt),
        }),
      ]);
      inject(L, 'before-in-force', at);
    },
  },
  'carry-over-after-in-force': {
    subject: organisation,
    *life(L) {
      const grantedAt = IN_FORCE_MS + Math.floor(((L.now - IN_FORCE_MS) * L.r.float()) / 1000) * 1000;
      yield forge(L, subjectStream(L.subjectId), [
        makeEvent('AccountCarriedOver', now(L), SYSTEM, art(40, 5), {
          subject: L.truth,
          level: null,
          grantedAt: formatVietnamInstant(grantedAt),
        }),
      ]);
      inject(L, 'carry-over-after-in-force', L.now);
    },
  },
  'backdated-login': {
    subject: adultCitizen,
    *life(L) {
      if (!(yield* active(L, 'level2-in-person')) || !later(L, 3, 10)) return;
      const login = (at: number): LoginRecorded => ({
        type: 'LoginRecorded',
        v: 1,
        at: formatVietnamInstant(at),
        by: selfActor(L),
        legalBasis: art(17, 2),
        means: ['password', 'otpSoftware'],
        authenticationLevel: 2,
      });
      const stream = loginStream(L.subjectId);
      if ((yield logIn(L, selfActor(L), ['password', 'otpSoftware'], 2)).refused || !L.at(L.now + HOUR)) return;
      const at = L.now - L.r.int(2, 48) * HOUR;
      yield forge(L, stream, [login(at)]);
      inject(L, 'backdated-login', at, stream);
    },
  },
};

/** The day a violation subject's documents must stay valid through: past the period, so no lapse adds findings. */
export const validBeyond = (toMs: number): CivilDate => addDays(vietnamDateOfMs(toMs), 400);
