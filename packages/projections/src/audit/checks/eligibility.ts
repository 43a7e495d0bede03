import { type AccountEvent, type Citation, type Subject, art } from '@dinhdanh/core';
import { type AuditEnv, type EventCtx, type SubjectTrack, fullYears, report } from '../model.js';
import type { CheckFamily } from './family.js';

// Art. 7: who may be granted which level, judged on the identity recorded when the account is granted.

const clauseOf = (s: Subject): Citation =>
  s.kind === 'citizen' ? art(7, 1) : s.kind === 'foreigner' ? art(7, 2) : art(7, 3);

const levelText = (level: 1 | 2 | null): string =>
  level === null ? 'an account without a level' : `a level-${level} account`;

/** Why a subject may not hold `level` on `day`, or `null` when Art. 7 allows it. */
export const ineligibility = (s: Subject, level: 1 | 2 | null, day: string): string | null => {
  if (s.kind === 'organisation') {
    if (level !== null)
      return `an organisation was granted ${levelText(level)}; organisations hold accounts regardless of level`;
    return s.status === 'operating' ? null : `the organisation is ${s.status}`;
  }
  if (s.diedOn !== null && s.diedOn <= day) return `the subject died on ${s.diedOn}`;
  if (level === null) return 'an individual was granted an account without a level';
  const age = fullYears(s.dateOfBirth, day as typeof s.dateOfBirth);
  if (age < 0) return `the subject is not born (born ${s.dateOfBirth})`;
  if (s.kind === 'citizen') {
    const card = s.identityCard;
    if (card === null) return 'the citizen holds no citizen identity card or identity card';
    if (card.status !== 'valid') return `the citizen's card is ${card.status}`;
    if (card.validUntil !== null && card.validUntil < day) return `the citizen's card expired on ${card.validUntil}`;
  } else {
    const rc = s.residenceCard;
    if (rc === null) return 'the foreigner holds no permanent or temporary residence card';
    if (rc.expiresOn !== null && rc.expiresOn < day) return `the foreigner's residence card expired on ${rc.expiresOn}`;
  }
  if (level === 2 && age < 6)
    return `the subject is ${age} full years old (born ${s.dateOfBirth}); level 2 needs full 6 years`;
  return null;
};

const REQUIRED = {
  citizen:
    'Citizens with a valid citizen identity card or identity card are granted level 1 or 2; level 2 from full 6 years of age',
  foreigner:
    'Foreigners with a permanent or temporary residence card are granted level 1 or 2; level 2 from full 6 years of age',
  organisation: 'Agencies and organisations established or registered to operate in Vietnam, regardless of level',
} as const;

const onGrant = (
  e: Extract<AccountEvent, { type: 'AccountGranted' }>,
  s: SubjectTrack,
  ctx: EventCtx,
  env: AuditEnv,
) => {
  const id = s.identity;
  if (id === null) {
    report(
      env,
      ctx,
      'eligibility.grant',
      'violation',
      art(7),
      'A grant to an identified subject (Art. 7)',
      'the account was granted with no identity on record',
    );
    return;
  }
  const why = ineligibility(id, e.level, ctx.day);
  if (why !== null)
    report(
      env,
      ctx,
      'eligibility.grant',
      'violation',
      clauseOf(id),
      REQUIRED[id.kind],
      `${levelText(e.level)} was granted on ${ctx.day}: ${why}`,
    );
};

const resultClause = (s: Subject | undefined, level: 1 | 2 | null): Citation => {
  if (s === undefined || s.kind === 'organisation') return art(12, 3);
  if (s.kind === 'citizen') return level === 2 ? art(10, 2, 'd') : art(10, 1, 'c');
  return level === 2 ? art(11, 2, 'dd') : art(11, 1, 'c');
};

/** Art. 7 eligibility of every grant, and the reason of every refusal (a reading of Arts. 10-12). */
export const eligibilityChecks: CheckFamily = {
  name: 'eligibility',
  onEvent: (e, s, ctx, env) => {
    if (e.type === 'AccountGranted') onGrant(e, s, ctx, env);
    else if (e.type === 'AccountRefused' && e.reason.trim() === '')
      report(
        env,
        ctx,
        'grant.refusal-without-reason',
        'violation',
        resultClause(s.pending?.subject ?? s.identity ?? undefined, s.pending?.level ?? null),
        'The result notified to a refused applicant says why (a reading of Arts. 10-12, see docs/interpretations.md)',
        'the request was refused without a reason',
      );
  },
};
