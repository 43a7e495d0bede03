import * as E from 'fp-ts/lib/Either.js';
import type { Citizen, Foreigner, Organisation, Subject } from '../account/subject.js';
import { type CivilDate, partsOf } from '../calendar/civilDate.js';
import { type Citation, art } from './citation.js';
import { type Rejection, reject } from './rejection.js';

/** An account level of Art. 7: 1 or 2 for individuals; organisations' accounts have no level (Art. 7(3)). */
export type AccountLevel = 1 | 2 | null;

/**
 * Age in full years on a day. A person is full N years old from their N-th birthday; a person born on 29 February
 * reaches it on 1 March in common years, when N whole years have passed (see docs/interpretations.md).
 */
export const ageInFullYears = (dateOfBirth: CivilDate, on: CivilDate): number => {
  const b = partsOf(dateOfBirth);
  const d = partsOf(on);
  const birthdayPassed = d.month > b.month || (d.month === b.month && d.day >= b.day);
  return d.year - b.year - (birthdayPassed ? 0 : 1);
};

/** Whether a citizen identity card or identity card is valid on a day: issued, not revoked or seized, not expired. */
export const isCardValid = (card: Citizen['identityCard'], on: CivilDate): boolean =>
  card !== null && card.status === 'valid' && (card.validUntil === null || card.validUntil >= on);

/** A document valid through its expiry date expires the day after it (see docs/interpretations.md). */
export const hasExpired = (expiresOn: CivilDate | null, on: CivilDate): boolean => expiresOn !== null && on > expiresOn;

/** Whether a foreigner holds an unexpired permanent or temporary residence card on a day (Art. 7(2)). */
export const hasResidence = (f: Foreigner, on: CivilDate): boolean =>
  f.residenceCard !== null && !hasExpired(f.residenceCard.expiresOn, on);

/** The levels a subject may hold on a day, with the clause that says so, or why none. */
export interface Eligibility {
  readonly levels: readonly AccountLevel[];
  readonly citation: Citation;
}

const citizenEligibility = (c: Citizen, on: CivilDate): E.Either<Rejection, Eligibility> => {
  const age = ageInFullYears(c.dateOfBirth, on);
  if (age < 0) return E.left(reject('NotBorn', art(7, 1), `${c.fullName} is not born on ${on}`));
  if (!isCardValid(c.identityCard, on)) {
    return E.left(
      reject(
        'NoValidIdentityCard',
        art(7, 1),
        `a citizen needs a citizen identity card or identity card that remains valid on ${on}; without one, the request is made with the card application (Art. 10(3)) and granted once the card is issued`,
      ),
    );
  }
  // Art. 7(1): 14 and over -> level 1 or 2; 6 to under 14 -> level 1 or 2 when needed; under 6 -> level 1.
  return E.right({ levels: age >= 6 ? [1, 2] : [1], citation: art(7, 1) });
};

const foreignerEligibility = (f: Foreigner, on: CivilDate): E.Either<Rejection, Eligibility> => {
  const age = ageInFullYears(f.dateOfBirth, on);
  if (age < 0) return E.left(reject('NotBorn', art(7, 2), `${f.fullName} is not born on ${on}`));
  if (!hasResidence(f, on)) {
    return E.left(
      reject('NoResidenceCard', art(7, 2), `a foreigner needs a permanent or temporary residence card valid on ${on}`),
    );
  }
  if (hasExpired(f.travelDocument.expiresOn, on)) {
    return E.left(
      // The account would be locked at once (Art. 15(2)(a)); level 2 also needs a valid passport shown (Art. 11(2)(a)).
      reject(
        'TravelDocumentExpired',
        art(15, 2, 'a'),
        `the passport or travel document expired on ${f.travelDocument.expiresOn}`,
      ),
    );
  }
  // Art. 7(2): 6 and over -> level 1 or 2 when needed; under 6 -> level 1 only.
  return E.right({ levels: age >= 6 ? [1, 2] : [1], citation: art(7, 2) });
};

const organisationEligibility = (o: Organisation): E.Either<Rejection, Eligibility> =>
  o.status === 'operating'
    ? E.right({ levels: [null], citation: art(7, 3) })
    : E.left(reject('OrganisationNotOperating', art(15, 2, 'b'), `${o.name} is ${o.status}`));

/**
 * The account levels a subject may be granted on a day (Art. 7): citizens by age in full years and a valid card,
 * foreigners by age and a residence card, organisations established or registered in Vietnam regardless of level.
 * Nobody who has died is eligible.
 */
export const eligibility = (subject: Subject, on: CivilDate): E.Either<Rejection, Eligibility> => {
  if (subject.kind !== 'organisation' && subject.diedOn !== null && subject.diedOn <= on) {
    return E.left(reject('SubjectDeceased', art(7), `the subject died on ${subject.diedOn}`));
  }
  switch (subject.kind) {
    case 'citizen':
      return citizenEligibility(subject, on);
    case 'foreigner':
      return foreignerEligibility(subject, on);
    case 'organisation':
      return organisationEligibility(subject);
  }
};

/** Whether a subject may hold an account of `level` on a day (Art. 7), as an `Either` naming the clause. */
export const checkEligibleForLevel = (
  subject: Subject,
  level: AccountLevel,
  on: CivilDate,
): E.Either<Rejection, Citation> => {
  const e = eligibility(subject, on);
  if (E.isLeft(e)) return e;
  if (e.right.levels.includes(level)) return E.right(e.right.citation);
  const what = level === null ? 'an account without a level' : `a level-${level} account`;
  const allowed = e.right.levels.map((l) => (l === null ? 'an account without a level' : `level ${l}`)).join(' or ');
  return E.left(
    reject('LevelNotAllowed', e.right.citation, `this subject may not hold ${what} on ${on}; allowed: ${allowed}`),
  );
};
