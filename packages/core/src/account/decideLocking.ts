// Identity updates, lock grounds, own requests, violations and competent agencies' requests (Arts. 8, 15, 29-30).
import * as E from 'fp-ts/lib/Either.js';
import { art } from '../decree/citation.js';
import { checkCompetence } from '../decree/competence.js';
import { ACCOUNT_LOCK_GROUNDS } from '../decree/locking.js';
import { reject } from '../decree/rejection.js';
import type { CommandOf } from './commands.js';
import { makeEvent } from './eventFactory.js';
import {
  Emitter,
  addAccountGround,
  addCardGround,
  ceaseAccountGround,
  ceaseCardGround,
  reconcileGrounds,
} from './grounds.js';
import { type AccountState } from './state.js';

import { type Ctx, type Result, APPLICANT_ROLES, competent, dueAfter, subjectKey } from './decision.js';

export const updateIdentity = (c: CommandOf<'UpdateIdentity'>, s: AccountState, ctx: Ctx): Result => {
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

export const reviewLockGrounds = (s: AccountState, ctx: Ctx): Result => {
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
export const declaredGround = (ground: Declared, arise: boolean, s: AccountState, ctx: Ctx): Result => {
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

export const ownRequest = (arise: boolean, s: AccountState, ctx: Ctx): Result =>
  APPLICANT_ROLES.includes(ctx.by.role)
    ? declaredGround('own-request', arise, s, ctx)
    : E.left(
        reject(
          'NotTheSubject',
          arise ? art(15, 2, 'a') : art(15, 3, 'a'),
          'only the subject (or who acts for them) asks to lock or unlock on their own request',
        ),
      );

export const violation = (arise: boolean, s: AccountState, ctx: Ctx): Result => {
  const ok = competent(arise ? 'lock' : 'unlock', ctx.by)();
  return E.isLeft(ok) ? ok : declaredGround('agreement-violation', arise, s, ctx);
};

export const AGENCY_CLAUSES = {
  account: {
    lock: { receive: art(15, 2, 'c'), forward: art(15, 2, 'd'), decide: art(15, 2, 'dd') },
    unlock: { receive: art(15, 3, 'b'), forward: art(15, 3, 'c'), decide: art(15, 3, 'd') },
  },
  'electronic-identity-card': {
    lock: { receive: art(29, 3), forward: art(29, 4), decide: art(29, 5) },
    unlock: { receive: art(30, 3), forward: art(30, 4), decide: art(30, 5) },
  },
} as const;

export const receiveAgencyRequest = (c: CommandOf<'ReceiveAgencyRequest'>, s: AccountState, ctx: Ctx): Result => {
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

export const forwardAgencyRequest = (c: CommandOf<'ForwardAgencyRequest'>, s: AccountState, ctx: Ctx): Result => {
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

export const decideAgencyRequest = (c: CommandOf<'DecideAgencyRequest'>, s: AccountState, ctx: Ctx): Result => {
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
