import * as E from 'fp-ts/lib/Either.js';
import { type CivilDate, type Instant, parseInstant, vietnamDateOfMs } from '../calendar/civilDate.js';
import { periodEnd, workingDays } from '../calendar/periods.js';
import { type WorkingCalendar, vietnamWorkingCalendar } from '../calendar/workingCalendar.js';
import { checkActivation, activationWindowEnd } from '../decree/activation.js';
import { type Citation, art } from '../decree/citation.js';
import { type Actor, type ReservedAct, checkCompetence } from '../decree/competence.js';
import { checkInForce } from '../decree/effect.js';
import { type AccountLevel, checkEligibleForLevel, isCardValid } from '../decree/eligibility.js';
import { ACCOUNT_LOCK_GROUNDS } from '../decree/locking.js';
import { actsThroughGuardian, checkProcedure, checkVerification } from '../decree/procedures.js';
import { type Rejection, reject } from '../decree/rejection.js';
import { grantTimeLimit } from '../decree/timeLimits.js';
import type { AccountCommand, CommandOf } from './commands.js';
import type { AccountEvent } from './events.js';
import { makeEvent } from './eventFactory.js';
import { evolve } from './evolve.js';
import {
  Emitter,
  addAccountGround,
  addCardGround,
  ceaseAccountGround,
  ceaseCardGround,
  reconcileGrounds,
} from './grounds.js';
import { type AccountState, initialState, isLocked } from './state.js';
import type { Subject } from './subject.js';

/** What a decision needs besides the command and the state: the legal calendar. */
export interface DeciderOptions {
  readonly calendar?: WorkingCalendar;
}

/** The account decider (DESIGN idea 1): pure `decide`, total `evolve`, and the `initialState`. */
export interface AccountDecider {
  readonly decide: (command: AccountCommand, state: AccountState) => E.Either<Rejection, readonly AccountEvent[]>;
  readonly evolve: (state: AccountState, event: AccountEvent) => AccountState;
  readonly initialState: AccountState;
}

type Result = E.Either<Rejection, readonly AccountEvent[]>;

/** Those who act for a subject: the subject, their guardian or representative, an organisation's legal representative. */
const APPLICANT_ROLES: readonly Actor['role'][] = ['subject', 'guardian', 'representative', 'legal-representative'];

/** The identifier that names a subject across updates (Arts. 5(2), 6(2); the personal identification number). */
const subjectKey = (s: Subject): string =>
  `${s.kind} ${s.kind === 'citizen' ? s.personalIdentificationNumber : s.identificationNumber}`;
interface Ctx {
  readonly at: Instant;
  readonly atMs: number;
  readonly on: CivilDate;
  readonly by: Actor;
  readonly calendar: WorkingCalendar;
}

const all = (...checks: (() => E.Either<Rejection, unknown>)[]): E.Either<Rejection, void> => {
  for (const c of checks) {
    const r = c();
    if (E.isLeft(r)) return r;
  }
  return E.right(undefined);
};

const competent = (act: ReservedAct, by: Actor) => () => checkCompetence(act, by);

const dueAfter = (ctx: Ctx, n: number, citation: Citation): E.Either<Rejection, Instant> => {
  const r = periodEnd(ctx.at, workingDays(n), ctx.calendar);
  return E.isLeft(r) ? E.left(reject('OutOfCalendar', citation, r.left.message)) : E.right(r.right.endsAt);
};

/** The clause under which the agency notifies the result of a request, by kind and level (Arts. 10-12). */
const resultClause = (subject: Subject, level: AccountLevel): Citation => {
  switch (subject.kind) {
    case 'citizen':
      return level === 2 ? art(10, 2, 'd') : art(10, 1, 'c');
    case 'foreigner':
      return level === 2 ? art(11, 2, 'dd') : art(11, 1, 'c');
    case 'organisation':
      return art(12, 3);
  }
};

/** For eligibility, a citizen applying together with the card application is judged as if the card were issued. */
const withAppliedCard = (s: Subject): Subject =>
  s.kind === 'citizen'
    ? { ...s, identityCard: { type: 'identity-card', number: '(applied for)', validUntil: null, status: 'valid' } }
    : s;

const requestAccount = (c: CommandOf<'RequestAccount'>, s: AccountState, ctx: Ctx): Result => {
  const r = c.request;
  if (s.pending !== null)
    return E.left(reject('RequestPending', art(13), 'a request for this subject is already being processed'));
  if (s.account !== null && !(s.account.level === 1 && r.level === 2)) {
    return E.left(
      reject(
        'AccountExists',
        art(7),
        'the subject already holds an account; only a level-1 account can be raised to level 2',
      ),
    );
  }
  if (isLocked(s))
    return E.left(reject('AccountLocked', art(15), `the account is locked (${s.lockGrounds.join(', ')})`));
  const subject = r.subject;
  if (s.subject !== null && subjectKey(s.subject) !== subjectKey(subject)) {
    return E.left(
      reject(
        'SubjectMismatch',
        art(3, 2),
        `the stream is ${subjectKey(s.subject)}'s; the request is for ${subjectKey(subject)}`,
      ),
    );
  }
  // A death recorded from the civil status database (Art. 8(1)) stands whatever a later dossier says.
  if (s.subject !== null && s.subject.kind !== 'organisation' && s.subject.diedOn !== null) {
    return E.left(reject('SubjectDeceased', art(7), `the subject's death on ${s.subject.diedOn} is recorded`));
  }
  const judged =
    subject.kind === 'citizen' && r.withCardApplication && !isCardValid(subject.identityCard, ctx.on)
      ? withAppliedCard(subject)
      : subject;
  const eligible = checkEligibleForLevel(judged, r.level, ctx.on);
  if (E.isLeft(eligible)) return eligible;
  const procedure = checkProcedure(r, ctx.by, ctx.on);
  if (E.isLeft(procedure)) return procedure;
  const limit = grantTimeLimit(subject, r.level, ctx.on);
  const due = periodEnd(ctx.at, limit.period, ctx.calendar);
  if (E.isLeft(due)) return E.left(reject('OutOfCalendar', limit.citation, due.left.message));
  return E.right([
    makeEvent('AccountRequested', ctx.at, ctx.by, procedure.right, {
      request: r,
      dueBy: due.right.endsAt,
      timeLimit: limit.citation,
      timeLimitId: limit.id,
    }),
  ]);
};

const verifyIdentity = (c: CommandOf<'VerifyIdentity'>, s: AccountState, ctx: Ctx): Result => {
  const p = s.pending;
  if (p === null) return E.left(reject('NoPendingRequest', art(10, 1, 'c'), 'there is no request to verify'));
  const ok = competent('verify', ctx.by)();
  if (E.isLeft(ok)) return ok;
  const subject = p.request.subject;
  const article = subject.kind === 'foreigner' ? 11 : 10;
  const basis =
    subject.kind === 'organisation' ? art(12, 2) : p.request.level === 2 ? art(article, 2, 'c') : art(article, 1, 'c');
  return E.right([
    c.outcome.result === 'verified'
      ? makeEvent('IdentityVerified', ctx.at, ctx.by, basis, { verification: c.outcome.verification })
      : makeEvent('IdentityVerificationFailed', ctx.at, ctx.by, basis, { reason: c.outcome.reason }),
  ]);
};

const grantAccount = (s: AccountState, ctx: Ctx): Result => {
  const p = s.pending;
  if (p === null || s.subject === null)
    return E.left(reject('NoPendingRequest', art(16), 'there is no request to grant'));
  const level = p.request.level;
  const subject = s.subject;
  const checks = all(
    competent('grant', ctx.by),
    () =>
      p.verification === null
        ? E.left(reject('NotVerified', resultClause(subject, level), "the subject's identity has not been verified"))
        : checkVerification(subject, level, p.verification),
    () => checkEligibleForLevel(subject, level, ctx.on),
  );
  if (E.isLeft(checks)) return checks;
  const em = new Emitter(s);
  em.emit(
    makeEvent('AccountGranted', ctx.at, ctx.by, resultClause(subject, level), {
      level,
      dueBy: p.dueBy,
      timeLimit: p.timeLimit,
      late: ctx.atMs > Date.parse(p.dueBy),
    }),
  );
  // A citizen's electronic identity card is issued with the level-2 account (Art. 28(2)).
  if (subject.kind === 'citizen' && level === 2 && s.card === null) {
    em.emit(makeEvent('ElectronicIdentityCardIssued', ctx.at, ctx.by, art(28, 2), {}));
  }
  reconcileGrounds(em, ctx.at, ctx.on);
  return E.right(em.events);
};

const refuseAccount = (c: CommandOf<'RefuseAccount'>, s: AccountState, ctx: Ctx): Result => {
  const p = s.pending;
  if (p === null) return E.left(reject('NoPendingRequest', art(16), 'there is no request to refuse'));
  const basis = resultClause(p.request.subject, p.request.level);
  const checks = all(competent('refuse', ctx.by), () =>
    c.reason.trim() === ''
      ? E.left(reject('ReasonRequired', basis, 'a refusal states its reason in writing'))
      : E.right(undefined),
  );
  if (E.isLeft(checks)) return checks;
  return E.right([makeEvent('AccountRefused', ctx.at, ctx.by, basis, { reason: c.reason })]);
};

const activateAccount = (c: CommandOf<'ActivateAccount'>, s: AccountState, ctx: Ctx): Result => {
  const a = s.account;
  if (a === null) return E.left(reject('NoAccount', art(14, 1), 'there is no granted account to activate'));
  if (a.activatedAt !== null)
    return E.left(reject('AlreadyActivated', art(14, 1), `the account was activated at ${a.activatedAt}`));
  if (isLocked(s))
    return E.left(reject('AccountLocked', art(15), `the account is locked (${s.lockGrounds.join(', ')})`));
  const who: readonly Actor['role'][] = c.channel === 'app' ? APPLICANT_ROLES : ['management-agency'];
  if (!who.includes(ctx.by.role)) {
    return E.left(
      reject(
        'NotCompetent',
        art(14, 1),
        c.channel === 'app'
          ? 'the subject (or who acts for them) activates on the app'
          : 'through the hotline, the management agency activates the account',
      ),
    );
  }
  const allowed = checkActivation(c.channel, a.grantedAt, ctx.atMs, ctx.calendar);
  if (E.isLeft(allowed)) return allowed;
  const window = activationWindowEnd(a.grantedAt, ctx.calendar);
  if (E.isLeft(window)) return window;
  return E.right([
    makeEvent('AccountActivated', ctx.at, ctx.by, allowed.right, {
      channel: c.channel,
      windowEndsAt: window.right.endsAt,
    }),
  ]);
};

const updateIdentity = (c: CommandOf<'UpdateIdentity'>, s: AccountState, ctx: Ctx): Result => {
  const basis = c.subject.kind === 'organisation' ? art(8, 2) : art(8, 1);
  if (ctx.by.role !== 'system') {
    return E.left(
      reject('NotAutomatic', basis, 'identity information is updated automatically from the national databases'),
    );
  }
  const before = s.subject;
  if (before !== null && subjectKey(before) !== subjectKey(c.subject)) {
    return E.left(
      reject(
        'SubjectMismatch',
        art(3, 2),
        `the stream is ${subjectKey(before)}'s; the update describes ${subjectKey(c.subject)}`,
      ),
    );
  }
  if (
    before !== null &&
    before.kind !== 'organisation' &&
    c.subject.kind !== 'organisation' &&
    before.diedOn !== null &&
    c.subject.diedOn === null
  ) {
    const basis = ACCOUNT_LOCK_GROUNDS[before.kind].death ?? art(15);
    return E.left(reject('DeathIsPermanent', basis, 'a recorded death is not undone by an update'));
  }
  const em = new Emitter(s);
  em.emit(makeEvent('IdentityUpdated', ctx.at, ctx.by, basis, { subject: c.subject, source: c.source }));
  reconcileGrounds(em, ctx.at, ctx.on);
  return E.right(em.events);
};

const reviewLockGrounds = (s: AccountState, ctx: Ctx): Result => {
  if (ctx.by.role !== 'system')
    return E.left(reject('NotAutomatic', art(15, 3, 'a'), 'the system reviews lock grounds automatically'));
  const em = new Emitter(s);
  reconcileGrounds(em, ctx.at, ctx.on);
  return E.right(em.events);
};

type Declared = 'own-request' | 'agreement-violation';

/**
 * A declared ground arising or ceasing: on a foreigner's or organisation's account directly (Art. 15(2)(a)-(b),
 * 15(3)(a)); on a citizen's electronic identity card, which the account then follows (Arts. 29(2), 30(2); 15(1)).
 */
const declaredGround = (ground: Declared, arise: boolean, s: AccountState, ctx: Ctx): Result => {
  const subject = s.subject;
  if (s.account === null || subject === null) {
    return E.left(reject('NoAccount', art(15), 'there is no granted account to lock or unlock'));
  }
  const em = new Emitter(s);
  if (subject.kind === 'citizen') {
    if (s.card === null) {
      return E.left(
        reject(
          'NoElectronicIdentityCard',
          arise ? art(29, 2) : art(30, 2),
          "a citizen's account is locked through the electronic identity card, issued with level 2",
        ),
      );
    }
    const has = s.card.lockGrounds.includes(ground);
    if (has === arise)
      return E.left(
        reject(
          arise ? 'AlreadyLocked' : 'NoSuchGround',
          art(arise ? 29 : 30, 2),
          `the card is ${arise ? 'already' : 'not'} locked on ${ground}`,
        ),
      );
    if (arise) addCardGround(em, ground, ctx.at, ctx.by, ground === 'own-request' ? art(29, 2) : art(29, 1));
    else ceaseCardGround(em, ground, ctx.at, ctx.by, ground === 'own-request' ? art(30, 2) : art(30, 1));
  } else {
    const basis = ACCOUNT_LOCK_GROUNDS[subject.kind][ground] ?? art(15, 2);
    const has = s.lockGrounds.includes(ground);
    if (has === arise)
      return E.left(
        reject(
          arise ? 'AlreadyLocked' : 'NoSuchGround',
          arise ? basis : art(15, 3, 'a'),
          `the account is ${arise ? 'already' : 'not'} locked on ${ground}`,
        ),
      );
    if (arise) addAccountGround(em, ground, ctx.at, ctx.by, basis);
    else ceaseAccountGround(em, ground, ctx.at, ctx.by, art(15, 3, 'a'));
  }
  reconcileGrounds(em, ctx.at, ctx.on);
  return E.right(em.events);
};

const ownRequest = (arise: boolean, s: AccountState, ctx: Ctx): Result =>
  APPLICANT_ROLES.includes(ctx.by.role)
    ? declaredGround('own-request', arise, s, ctx)
    : E.left(
        reject(
          'NotTheSubject',
          arise ? art(15, 2, 'a') : art(15, 3, 'a'),
          'only the subject (or who acts for them) asks to lock or unlock on their own request',
        ),
      );

const violation = (arise: boolean, s: AccountState, ctx: Ctx): Result => {
  const ok = competent(arise ? 'lock' : 'unlock', ctx.by)();
  return E.isLeft(ok) ? ok : declaredGround('agreement-violation', arise, s, ctx);
};

const AGENCY_CLAUSES = {
  account: {
    lock: { receive: art(15, 2, 'c'), forward: art(15, 2, 'd'), decide: art(15, 2, 'dd') },
    unlock: { receive: art(15, 3, 'b'), forward: art(15, 3, 'c'), decide: art(15, 3, 'd') },
  },
  'electronic-identity-card': {
    lock: { receive: art(29, 3), forward: art(29, 4), decide: art(29, 5) },
    unlock: { receive: art(30, 3), forward: art(30, 4), decide: art(30, 5) },
  },
} as const;

const receiveAgencyRequest = (c: CommandOf<'ReceiveAgencyRequest'>, s: AccountState, ctx: Ctx): Result => {
  const clauses = AGENCY_CLAUSES[c.target][c.action];
  if (ctx.by.role !== 'public-security') {
    return E.left(
      reject(
        'NotCompetent',
        clauses.receive,
        'a commune-level or district/provincial Public Security agency receives the request',
      ),
    );
  }
  if (s.agencyRequests[c.requestId] !== undefined)
    return E.left(reject('DuplicateRequest', clauses.receive, `request ${c.requestId} was already received`));
  const subject = s.subject;
  if (subject === null || s.account === null)
    return E.left(reject('NoAccount', clauses.receive, 'the subject holds no account'));
  if (subject.kind === 'citizen' && c.target !== 'electronic-identity-card') {
    return E.left(
      reject(
        'WrongTarget',
        art(29, 3),
        'for a citizen, a competent agency requests locking or unlocking the electronic identity card, which the account follows (Art. 15(1))',
      ),
    );
  }
  if (subject.kind !== 'citizen' && c.target !== 'account') {
    return E.left(reject('WrongTarget', art(28, 2), 'only citizens hold an electronic identity card'));
  }
  if (c.target === 'electronic-identity-card' && s.card === null) {
    return E.left(reject('NoElectronicIdentityCard', clauses.receive, 'the citizen has no electronic identity card'));
  }
  const forwardBy = dueAfter(ctx, 1, clauses.forward);
  if (E.isLeft(forwardBy)) return forwardBy;
  return E.right([
    makeEvent('AgencyRequestReceived', ctx.at, ctx.by, clauses.receive, {
      requestId: c.requestId,
      action: c.action,
      target: c.target,
      agency: c.agency,
      forwardBy: forwardBy.right,
    }),
  ]);
};

const forwardAgencyRequest = (c: CommandOf<'ForwardAgencyRequest'>, s: AccountState, ctx: Ctx): Result => {
  const r = s.agencyRequests[c.requestId];
  if (r === undefined)
    return E.left(reject('UnknownRequest', art(15, 2, 'd'), `no request ${c.requestId} was received`));
  const clauses = AGENCY_CLAUSES[r.target][r.action];
  const ok = checkCompetence('forward', ctx.by, clauses.forward);
  if (E.isLeft(ok)) return ok;
  if (r.forwardedAt !== null)
    return E.left(
      reject('AlreadyForwarded', clauses.forward, `request ${c.requestId} was forwarded at ${r.forwardedAt}`),
    );
  const decideBy = dueAfter(ctx, 2, clauses.decide);
  if (E.isLeft(decideBy)) return decideBy;
  return E.right([
    makeEvent('AgencyRequestForwarded', ctx.at, ctx.by, clauses.forward, {
      requestId: c.requestId,
      late: ctx.atMs > Date.parse(r.forwardBy),
      decideBy: decideBy.right,
    }),
  ]);
};

const decideAgencyRequest = (c: CommandOf<'DecideAgencyRequest'>, s: AccountState, ctx: Ctx): Result => {
  const r = s.agencyRequests[c.requestId];
  if (r === undefined)
    return E.left(reject('UnknownRequest', art(15, 2, 'dd'), `no request ${c.requestId} was received`));
  const clauses = AGENCY_CLAUSES[r.target][r.action];
  const ok = checkCompetence('decide-agency-request', ctx.by, clauses.decide);
  if (E.isLeft(ok)) return ok;
  if (r.forwardedAt === null || r.decideBy === null) {
    return E.left(reject('NotForwarded', clauses.decide, `request ${c.requestId} has not been forwarded for approval`));
  }
  if (r.decision !== null)
    return E.left(reject('AlreadyDecided', clauses.decide, `request ${c.requestId} was already ${r.decision}`));
  const late = ctx.atMs > Date.parse(r.decideBy);
  if (!c.decision.approve) {
    if (c.decision.reason.trim() === '')
      return E.left(reject('ReasonRequired', clauses.decide, 'a refusal is a written reply stating the reason'));
    return E.right([
      makeEvent('AgencyRequestRefused', ctx.at, ctx.by, clauses.decide, {
        requestId: c.requestId,
        late,
        reason: c.decision.reason,
      }),
    ]);
  }
  const em = new Emitter(s);
  em.emit(makeEvent('AgencyRequestApproved', ctx.at, ctx.by, clauses.decide, { requestId: c.requestId, late }));
  const g = 'competent-agency-request';
  if (r.target === 'electronic-identity-card') {
    if (r.action === 'lock') addCardGround(em, g, ctx.at, ctx.by, clauses.decide);
    else ceaseCardGround(em, g, ctx.at, ctx.by, clauses.decide);
  } else if (r.action === 'lock') addAccountGround(em, g, ctx.at, ctx.by, clauses.decide);
  else ceaseAccountGround(em, g, ctx.at, ctx.by, clauses.decide);
  reconcileGrounds(em, ctx.at, ctx.on);
  return E.right(em.events);
};

const guardianConsent = (give: boolean, s: AccountState, ctx: Ctx): Result => {
  const subject = s.subject;
  if (s.account === null || subject === null)
    return E.left(reject('NoAccount', art(14, 2), 'there is no granted account'));
  if (ctx.by.role !== 'guardian' && ctx.by.role !== 'representative') {
    return E.left(reject('NotTheGuardian', art(14, 2), 'consent is given by the guardian or representative'));
  }
  if (!actsThroughGuardian(subject, ctx.on)) {
    return E.left(
      reject(
        'ConsentNotNeeded',
        art(14, 2),
        'the subject is 14 or over with full capacity and uses the account themselves',
      ),
    );
  }
  const guardian = s.account.guardian;
  if (give && guardian !== null && guardian !== ctx.by.id) {
    return E.left(
      reject(
        'NotTheGuardian',
        art(14, 2),
        `consent comes from the subject's own guardian or representative (${guardian})`,
      ),
    );
  }
  if (give) {
    if (s.guardianConsent === ctx.by.id)
      return E.left(reject('AlreadyConsented', art(14, 2), 'consent was already given'));
    return E.right([makeEvent('GuardianConsentGiven', ctx.at, ctx.by, art(14, 2), { guardianId: ctx.by.id })]);
  }
  if (s.guardianConsent !== ctx.by.id)
    return E.left(reject('NoConsent', art(14, 2), 'this guardian has given no consent to withdraw'));
  return E.right([makeEvent('GuardianConsentWithdrawn', ctx.at, ctx.by, art(14, 2), { guardianId: ctx.by.id })]);
};

const carryOverAccount = (c: CommandOf<'CarryOverAccount'>, s: AccountState, ctx: Ctx): Result => {
  if (ctx.by.role !== 'system')
    return E.left(
      reject('NotAutomatic', art(40, 5), 'the system carries over accounts granted under Decree 59/2022/ND-CP'),
    );
  if (s.account !== null || s.pending !== null)
    return E.left(reject('AccountExists', art(40, 5), 'the subject already has an account or a request'));
  const granted = parseInstant(c.grantedAt);
  if (E.isLeft(granted) || E.isRight(checkInForce(granted.right))) {
    return E.left(
      reject(
        'NotUnderPreviousDecree',
        art(40, 5),
        `an account granted at ${c.grantedAt} is not one granted under Decree 59/2022/ND-CP`,
      ),
    );
  }
  const kindOk = c.subject.kind === 'organisation' ? c.level === null : c.level !== null;
  if (!kindOk)
    return E.left(reject('LevelNotAllowed', art(7), 'individuals hold level 1 or 2, organisations no level'));
  const em = new Emitter(s);
  em.emit(
    makeEvent('AccountCarriedOver', ctx.at, ctx.by, art(40, 5), {
      subject: c.subject,
      level: c.level,
      grantedAt: c.grantedAt,
    }),
  );
  // Citizens with a level-2 account before 1 July 2024 get an electronic identity card from that day (Art. 40(6)).
  if (c.subject.kind === 'citizen' && c.level === 2)
    em.emit(makeEvent('ElectronicIdentityCardIssued', ctx.at, ctx.by, art(40, 6), {}));
  reconcileGrounds(em, ctx.at, ctx.on);
  return E.right(em.events);
};

const decideIn = (c: AccountCommand, s: AccountState, ctx: Ctx): Result => {
  switch (c.type) {
    case 'RequestAccount':
      return requestAccount(c, s, ctx);
    case 'VerifyIdentity':
      return verifyIdentity(c, s, ctx);
    case 'GrantAccount':
      return grantAccount(s, ctx);
    case 'RefuseAccount':
      return refuseAccount(c, s, ctx);
    case 'ActivateAccount':
      return activateAccount(c, s, ctx);
    case 'UpdateIdentity':
      return updateIdentity(c, s, ctx);
    case 'ReviewLockGrounds':
      return reviewLockGrounds(s, ctx);
    case 'RequestLock':
      return ownRequest(true, s, ctx);
    case 'RequestUnlock':
      return ownRequest(false, s, ctx);
    case 'RecordAgreementViolation':
      return violation(true, s, ctx);
    case 'RecordViolationRemedied':
      return violation(false, s, ctx);
    case 'ReceiveAgencyRequest':
      return receiveAgencyRequest(c, s, ctx);
    case 'ForwardAgencyRequest':
      return forwardAgencyRequest(c, s, ctx);
    case 'DecideAgencyRequest':
      return decideAgencyRequest(c, s, ctx);
    case 'GiveGuardianConsent':
      return guardianConsent(true, s, ctx);
    case 'WithdrawGuardianConsent':
      return guardianConsent(false, s, ctx);
    case 'CarryOverAccount':
      return carryOverAccount(c, s, ctx);
  }
};

/**
 * Makes the account decider. `decide` refuses what the decree forbids, with the clause; it accepts what is merely
 * late and records the lateness (DESIGN idea 7). It is pure: time comes from the command's `at`.
 */
export const makeAccountDecider = (options: DeciderOptions = {}): AccountDecider => {
  const calendar = options.calendar ?? vietnamWorkingCalendar;
  const decide = (c: AccountCommand, s: AccountState): Result => {
    const atMs = parseInstant(c.at);
    if (E.isLeft(atMs)) return E.left(reject('InvalidInstant', art(40, 1), atMs.left.message));
    const inForce = checkInForce(atMs.right);
    if (E.isLeft(inForce)) return inForce;
    const on = vietnamDateOfMs(atMs.right);
    if (!calendar.covers(on))
      return E.left(reject('OutOfCalendar', art(13), `${c.at} is outside the legal calendar's years`));
    if (s.lastAt !== null && atMs.right < Date.parse(s.lastAt)) {
      return E.left(
        reject(
          'OutOfOrder',
          art(17, 1),
          `${c.at} is before the last recorded event (${s.lastAt}); history is appended in time order`,
        ),
      );
    }
    return decideIn(c, s, { at: c.at, atMs: atMs.right, on, by: c.by, calendar });
  };
  return { decide, evolve, initialState };
};

/** The account decider on the shipped legal calendar. */
export const accountDecider: AccountDecider = makeAccountDecider();
