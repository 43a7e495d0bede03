// Requests, verification, grant, refusal, activation and carried-over accounts (Arts. 7, 10-14, 16, 28(2), 40).
import * as E from 'fp-ts/lib/Either.js';
import { parseInstant } from '../calendar/civilDate.js';
import { periodEnd } from '../calendar/periods.js';
import { checkActivation, activationWindowEnd } from '../decree/activation.js';
import { art } from '../decree/citation.js';
import { type Actor } from '../decree/competence.js';
import { checkInForce } from '../decree/effect.js';
import { checkEligibleForLevel, isCardValid } from '../decree/eligibility.js';
import { checkProcedure, checkVerification } from '../decree/procedures.js';
import { reject } from '../decree/rejection.js';
import { grantTimeLimit } from '../decree/timeLimits.js';
import type { CommandOf } from './commands.js';
import { makeEvent } from './eventFactory.js';
import { Emitter, reconcileGrounds } from './grounds.js';
import { type AccountState, isLocked } from './state.js';

import {
  type Ctx,
  type Result,
  APPLICANT_ROLES,
  all,
  competent,
  resultClause,
  subjectKey,
  withAppliedCard,
} from './decision.js';

export const requestAccount = (c: CommandOf<'RequestAccount'>, s: AccountState, ctx: Ctx): Result => {
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

export const verifyIdentity = (c: CommandOf<'VerifyIdentity'>, s: AccountState, ctx: Ctx): Result => {
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

export const grantAccount = (s: AccountState, ctx: Ctx): Result => {
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

export const refuseAccount = (c: CommandOf<'RefuseAccount'>, s: AccountState, ctx: Ctx): Result => {
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

export const activateAccount = (c: CommandOf<'ActivateAccount'>, s: AccountState, ctx: Ctx): Result => {
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

export const carryOverAccount = (c: CommandOf<'CarryOverAccount'>, s: AccountState, ctx: Ctx): Result => {
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
