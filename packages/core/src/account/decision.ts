// The shared context and helpers of the account decider's functions (decide*.ts).
import * as E from 'fp-ts/lib/Either.js';
import { type CivilDate, type Instant } from '../calendar/civilDate.js';
import { periodEnd, workingDays } from '../calendar/periods.js';
import { type WorkingCalendar } from '../calendar/workingCalendar.js';
import { type Citation, art } from '../decree/citation.js';
import { type Actor, type ReservedAct, checkCompetence } from '../decree/competence.js';
import { type AccountLevel } from '../decree/eligibility.js';
import { type Rejection, reject } from '../decree/rejection.js';
import type { AccountEvent } from './events.js';
import type { Subject } from './subject.js';

/** A decision: the events that happen, or the clause that forbids the command. */
export type Result = E.Either<Rejection, readonly AccountEvent[]>;

/** Those who act for a subject: the subject, their guardian or representative, an organisation's legal representative. */
export const APPLICANT_ROLES: readonly Actor['role'][] = [
  'subject',
  'guardian',
  'representative',
  'legal-representative',
];

/** The identifier that names a subject across updates (Arts. 5(2), 6(2); the personal identification number). */
export const subjectKey = (s: Subject): string =>
  `${s.kind} ${s.kind === 'citizen' ? s.personalIdentificationNumber : s.identificationNumber}`;

/** What every decision knows: the command's instant (parsed, and as a Vietnamese day), its actor, the calendar. */
export interface Ctx {
  readonly at: Instant;
  readonly atMs: number;
  readonly on: CivilDate;
  readonly by: Actor;
  readonly calendar: WorkingCalendar;
}

/** The first rejection among checks run in order, or success. */
export const all = (...checks: (() => E.Either<Rejection, unknown>)[]): E.Either<Rejection, void> => {
  for (const c of checks) {
    const r = c();
    if (E.isLeft(r)) return r;
  }
  return E.right(undefined);
};

/** A deferred competence check (Art. 16), for {@link all}. */
export const competent = (act: ReservedAct, by: Actor) => () => checkCompetence(act, by);

/** The instant `n` working days after the command's day ends (for competent agencies' requests, Art. 15). */
export const dueAfter = (ctx: Ctx, n: number, citation: Citation): E.Either<Rejection, Instant> => {
  const r = periodEnd(ctx.at, workingDays(n), ctx.calendar);
  return E.isLeft(r) ? E.left(reject('OutOfCalendar', citation, r.left.message)) : E.right(r.right.endsAt);
};

/** The clause under which the agency notifies the result of a request, by kind and level (Arts. 10-12). */
export const resultClause = (subject: Subject, level: AccountLevel): Citation => {
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
export const withAppliedCard = (s: Subject): Subject =>
  s.kind === 'citizen'
    ? { ...s, identityCard: { type: 'identity-card', number: '(applied for)', validUntil: null, status: 'valid' } }
    : s;
