import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { accountDecider } from '../account/decide.js';
import { initialState } from '../account/state.js';
import type { Citizen } from '../account/subject.js';
import { vietnamDateOfMs } from '../calendar/civilDate.js';
import { aCitizen, aForeigner, actors, anOrganisation, cmd, level1OnApp, level2InPerson } from '../testing/fixtures.js';
import { formatCitation } from './citation.js';
import {
  ageInFullYears,
  checkEligibleForLevel,
  eligibility,
  hasExpired,
  hasResidence,
  isCardValid,
} from './eligibility.js';
import { day, rejectedWith, rejection } from '../../test/helpers.js';

/** The rejection's code and printed citation, or the value if it was not rejected. */

const levelsOf = (r: ReturnType<typeof eligibility>) =>
  E.isRight(r) ? { levels: r.right.levels, citation: formatCitation(r.right.citation) } : rejection(r);

const child = (dateOfBirth: string, overrides: Partial<Citizen> = {}): Citizen =>
  aCitizen({
    dateOfBirth: day(dateOfBirth),
    identityCard: { type: 'identity-card', number: '001215000001', validUntil: null, status: 'valid' },
    ...overrides,
  });

describe('age in full years on the request day (Art. 7: "aged full 14 years", "full 6 years")', () => {
  it('is one less the day before a birthday and reaches it on the birthday', () => {
    expect(ageInFullYears(day('2011-03-02'), day('2025-03-01'))).toBe(13);
    expect(ageInFullYears(day('2011-03-02'), day('2025-03-02'))).toBe(14);
    expect(ageInFullYears(day('2011-03-02'), day('2025-03-03'))).toBe(14);
  });

  it('a person born on 29 February turns 14 on 1 March in a common year', () => {
    expect(ageInFullYears(day('2012-02-29'), day('2026-02-28'))).toBe(13);
    expect(ageInFullYears(day('2012-02-29'), day('2026-03-01'))).toBe(14);
  });

  it('a person born on 29 February has a birthday on 29 February in a leap year', () => {
    expect(ageInFullYears(day('2012-02-29'), day('2024-02-28'))).toBe(11);
    expect(ageInFullYears(day('2012-02-29'), day('2024-02-29'))).toBe(12);
  });

  it('is negative before birth', () => {
    expect(ageInFullYears(day('2025-06-01'), day('2025-05-31'))).toBe(-1);
  });

  it('reads an instant on the Vietnamese day: 23:30 UTC is already the next day in Vietnam (UTC+7)', () => {
    expect(vietnamDateOfMs(Date.parse('2025-03-01T23:30:00Z'))).toBe('2025-03-02');
    expect(ageInFullYears(day('2011-03-02'), vietnamDateOfMs(Date.parse('2025-03-01T23:30:00Z')))).toBe(14);
    expect(ageInFullYears(day('2011-03-02'), vietnamDateOfMs(Date.parse('2025-03-01T16:59:59Z')))).toBe(13);
  });
});

describe('Art. 7(1): Vietnamese citizens', () => {
  const on = day('2025-07-02');

  it('aged 14 or over with a valid citizen identity card: level 1 or level 2', () => {
    expect(levelsOf(eligibility(aCitizen(), on))).toEqual({ levels: [1, 2], citation: '69/2024/ND-CP Art. 7(1)' });
  });

  it('aged between full 6 and under 14 with an identity card: level 1 or level 2 when needed', () => {
    expect(levelsOf(eligibility(child('2015-01-10'), on))).toEqual({
      levels: [1, 2],
      citation: '69/2024/ND-CP Art. 7(1)',
    });
    expect(levelsOf(eligibility(child('2019-07-02'), on))).toEqual({
      levels: [1, 2],
      citation: '69/2024/ND-CP Art. 7(1)',
    });
  });

  it('aged under 6 with an identity card: level 1 only', () => {
    const five = child('2019-07-03'); // turns 6 the day after
    expect(levelsOf(eligibility(five, on))).toEqual({ levels: [1], citation: '69/2024/ND-CP Art. 7(1)' });
    expect(E.isRight(checkEligibleForLevel(five, 1, on))).toBe(true);
    expect(rejection(checkEligibleForLevel(five, 2, on))).toEqual(rejectedWith('LevelNotAllowed', 'Art. 7(1)'));
    expect(E.isRight(checkEligibleForLevel(five, 2, day('2025-07-03')))).toBe(true);
  });

  it('an individual may not hold an account without a level (Art. 7(1); Art. 7(3) is for organisations)', () => {
    expect(rejection(checkEligibleForLevel(aCitizen(), null, on))).toEqual(
      rejectedWith('LevelNotAllowed', 'Art. 7(1)'),
    );
  });

  it('a card is valid through its last day of validity and not the day after ("which remain valid")', () => {
    const c = aCitizen({
      identityCard: {
        type: 'citizen-identity-card',
        number: '001090012345',
        validUntil: day('2025-07-02'),
        status: 'valid',
      },
    });
    expect(isCardValid(c.identityCard, on)).toBe(true);
    expect(E.isRight(eligibility(c, on))).toBe(true);
    expect(rejection(eligibility(c, day('2025-07-03')))).toEqual(rejectedWith('NoValidIdentityCard', 'Art. 7(1)'));
  });

  it('a card without an expiry date stays valid', () => {
    expect(isCardValid({ type: 'identity-card', number: '1', validUntil: null, status: 'valid' }, on)).toBe(true);
  });

  it.each(['revoked', 'seized'] as const)('a %s card is not valid: refused', (status) => {
    const c = aCitizen({ identityCard: { ...aCitizen().identityCard!, status } });
    expect(rejection(eligibility(c, on))).toEqual(rejectedWith('NoValidIdentityCard', 'Art. 7(1)'));
  });

  it('a citizen without any card is refused (the request goes with the card application, Art. 10(3))', () => {
    const r = eligibility(aCitizen({ identityCard: null }), on);
    expect(rejection(r)).toEqual(rejectedWith('NoValidIdentityCard', 'Art. 7(1)'));
    expect(E.isLeft(r) && r.left.message).toContain('Art. 10(3)');
  });

  it('a citizen who has died is refused from the day of death', () => {
    const c = aCitizen({ diedOn: day('2025-07-02') });
    expect(rejection(eligibility(c, on))).toEqual(rejectedWith('SubjectDeceased', 'Art. 7'));
    expect(E.isRight(eligibility(c, day('2025-07-01')))).toBe(true);
  });

  it('a person not yet born is refused', () => {
    expect(rejection(eligibility(child('2025-07-03'), on))).toEqual(rejectedWith('NotBorn', 'Art. 7(1)'));
  });
});

describe('Art. 7(2): foreigners residing in Vietnam', () => {
  const on = day('2025-07-02');

  it('aged 6 or over with a temporary residence card: level 1 or level 2 when needed', () => {
    expect(levelsOf(eligibility(aForeigner(), on))).toEqual({ levels: [1, 2], citation: '69/2024/ND-CP Art. 7(2)' });
  });

  it('a permanent residence card without expiry counts', () => {
    const f = aForeigner({ residenceCard: { type: 'permanent', number: 'TT-1', expiresOn: null } });
    expect(hasResidence(f, on)).toBe(true);
    expect(levelsOf(eligibility(f, on))).toEqual({ levels: [1, 2], citation: '69/2024/ND-CP Art. 7(2)' });
  });

  it('aged under 6: level 1 only, level 2 refused', () => {
    const f = aForeigner({ dateOfBirth: day('2019-07-03') });
    expect(levelsOf(eligibility(f, on))).toEqual({ levels: [1], citation: '69/2024/ND-CP Art. 7(2)' });
    expect(rejection(checkEligibleForLevel(f, 2, on))).toEqual(rejectedWith('LevelNotAllowed', 'Art. 7(2)'));
  });

  it('born on 29 February 2020: level 2 from 1 March 2026, the 6th birthday in a common year', () => {
    const f = aForeigner({ dateOfBirth: day('2020-02-29') });
    expect(rejection(checkEligibleForLevel(f, 2, day('2026-02-28')))).toEqual(
      rejectedWith('LevelNotAllowed', 'Art. 7(2)'),
    );
    expect(E.isRight(checkEligibleForLevel(f, 2, day('2026-03-01')))).toBe(true);
  });

  it('without a residence card: refused', () => {
    expect(rejection(eligibility(aForeigner({ residenceCard: null }), on))).toEqual(
      rejectedWith('NoResidenceCard', 'Art. 7(2)'),
    );
  });

  it('a residence card is valid on its expiry date and expired the day after', () => {
    const f = aForeigner({ residenceCard: { type: 'temporary', number: 'TT-1', expiresOn: day('2025-07-02') } });
    expect(hasExpired(day('2025-07-02'), on)).toBe(false);
    expect(E.isRight(eligibility(f, on))).toBe(true);
    expect(rejection(eligibility(f, day('2025-07-03')))).toEqual(rejectedWith('NoResidenceCard', 'Art. 7(2)'));
  });

  it('with an expired passport: refused, the account would be locked at once (Art. 15(2)(a))', () => {
    const f = aForeigner({ travelDocument: { ...aForeigner().travelDocument, expiresOn: day('2025-07-01') } });
    expect(rejection(eligibility(f, on))).toEqual(rejectedWith('TravelDocumentExpired', 'Art. 15(2)(a)'));
  });

  it('a foreigner who has died is refused', () => {
    expect(rejection(eligibility(aForeigner({ diedOn: day('2025-06-30') }), on))).toEqual(
      rejectedWith('SubjectDeceased', 'Art. 7'),
    );
  });
});

describe('Art. 7(3): agencies and organisations', () => {
  const on = day('2025-07-02');

  it('an operating organisation: an account regardless of level (level null only)', () => {
    expect(levelsOf(eligibility(anOrganisation(), on))).toEqual({
      levels: [null],
      citation: '69/2024/ND-CP Art. 7(3)',
    });
    expect(E.isRight(checkEligibleForLevel(anOrganisation(), null, on))).toBe(true);
    expect(rejection(checkEligibleForLevel(anOrganisation(), 1, on))).toEqual(
      rejectedWith('LevelNotAllowed', 'Art. 7(3)'),
    );
    expect(rejection(checkEligibleForLevel(anOrganisation(), 2, on))).toEqual(
      rejectedWith('LevelNotAllowed', 'Art. 7(3)'),
    );
  });

  it.each(['dissolved', 'bankrupt', 'suspended', 'terminated'] as const)(
    'a %s organisation is refused (it would be locked, Art. 15(2)(b))',
    (status) => {
      expect(rejection(eligibility(anOrganisation({ status }), on))).toEqual(
        rejectedWith('OrganisationNotOperating', 'Art. 15(2)(b)'),
      );
    },
  );
});

describe('Art. 7 through the decider: the request day is the day in Vietnam', () => {
  // A foreign child born 2 July 2019 turns 6 on 2 July 2025 (Vietnam time) and may then ask for level 2.
  const kid = aForeigner({ dateOfBirth: day('2019-07-02') });
  const request = level2InPerson(kid, {
    applicant: {
      role: 'guardian',
      personId: 'guardian-1',
      usesOwnPhone: true,
      hasLevel2Account: false,
      present: true,
    },
  });

  it('at 23:30 UTC on 1 July it is 06:30 on 2 July in Vietnam: the child is 6 and level 2 is allowed', () => {
    const r = accountDecider.decide(
      cmd({ type: 'RequestAccount', at: '2025-07-01T23:30:00Z', by: actors.officer, request }),
      initialState,
    );
    expect(E.isRight(r)).toBe(true);
  });

  it('at 16:30 UTC on 1 July it is still 1 July in Vietnam: level 2 is refused (Art. 7(2))', () => {
    const r = accountDecider.decide(
      cmd({ type: 'RequestAccount', at: '2025-07-01T16:30:00Z', by: actors.officer, request }),
      initialState,
    );
    expect(rejection(r)).toEqual(rejectedWith('LevelNotAllowed', 'Art. 7(2)'));
  });

  it('a citizen aged 13 on the request day may not apply alone on the app (Art. 10(1)(d)); on the birthday they may', () => {
    const teen = aCitizen({ dateOfBirth: day('2011-07-02') });
    const before = accountDecider.decide(
      cmd({ type: 'RequestAccount', at: '2025-07-01T16:59:59Z', by: actors.subject, request: level1OnApp(teen) }),
      initialState,
    );
    expect(rejection(before)).toEqual(rejectedWith('GuardianRequired', 'Art. 10(1)(d)'));
    const on = accountDecider.decide(
      cmd({ type: 'RequestAccount', at: '2025-07-01T17:00:00Z', by: actors.subject, request: level1OnApp(teen) }),
      initialState,
    );
    expect(E.isRight(on)).toBe(true);
  });

  it('an expired card is refused through the decider with Art. 7(1) unless the card application goes with it', () => {
    const lapsed = aCitizen({ identityCard: { ...aCitizen().identityCard!, validUntil: day('2025-01-01') } });
    const at = '2025-07-02T09:00:00+07:00';
    const alone = accountDecider.decide(
      cmd({ type: 'RequestAccount', at, by: actors.officer, request: level2InPerson(lapsed) }),
      initialState,
    );
    expect(rejection(alone)).toEqual(rejectedWith('NoValidIdentityCard', 'Art. 7(1)'));
    const withCard = accountDecider.decide(
      cmd({
        type: 'RequestAccount',
        at,
        by: actors.officer,
        request: level2InPerson(lapsed, { withCardApplication: true }),
      }),
      initialState,
    );
    expect(E.isRight(withCard)).toBe(true);
  });
});
