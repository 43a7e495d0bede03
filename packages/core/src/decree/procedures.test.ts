import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Citizen, Foreigner } from '../account/subject.js';
import {
  aCitizen,
  aForeigner,
  actors,
  anOrganisation,
  level1OnApp,
  level2InPerson,
  organisationOnApp,
} from '../testing/fixtures.js';
import { citationExists } from './catalogue.js';
import { formatCitation } from './citation.js';
import {
  type AccountRequest,
  type Applicant,
  type Verification,
  actsThroughGuardian,
  checkProcedure,
  checkVerification,
} from './procedures.js';
import type { Rejection } from './rejection.js';
import { day, rejectedWith } from '../../test/helpers.js';

/** The clause a request follows, or the rejection's code and clause. */
const outcome = (r: E.Either<Rejection, unknown>) => {
  if (E.isLeft(r)) {
    expect(citationExists(r.left.citation), formatCitation(r.left.citation)).toBe(true);
    return { code: r.left.code, citation: formatCitation(r.left.citation) };
  }
  const c = r.right as Parameters<typeof formatCitation>[0];
  expect(citationExists(c), formatCitation(c)).toBe(true);
  return { follows: formatCitation(c) };
};
const follows = (citation: string) => ({ follows: `69/2024/ND-CP ${citation}` });

const on = day('2025-07-02');
const childCard = { type: 'identity-card', number: '001215000001', validUntil: null, status: 'valid' } as const;
/** A citizen aged 10 on 2 July 2025, with an identity card. */
const tenYearOld: Citizen = aCitizen({ dateOfBirth: day('2015-01-10'), identityCard: childCard });
/** A foreigner aged 10 on 2 July 2025. */
const foreignTen: Foreigner = aForeigner({ dateOfBirth: day('2015-01-10') });

const guardian = (overrides: Partial<Extract<Applicant, { role: 'guardian' | 'representative' }>> = {}): Applicant => ({
  role: 'guardian',
  personId: 'guardian-1',
  usesOwnPhone: true,
  hasLevel2Account: true,
  present: true,
  ...overrides,
});

describe('who acts through a guardian or representative (Arts. 10(1)(d), 10(2)(dd), 11(1)(d), 11(2)(e))', () => {
  it('a person under 14, a person under guardianship and a represented person', () => {
    expect(actsThroughGuardian(tenYearOld, on)).toBe(true);
    expect(actsThroughGuardian(aCitizen({ legalCapacity: 'under-guardianship' }), on)).toBe(true);
    expect(actsThroughGuardian(aForeigner({ legalCapacity: 'represented' }), on)).toBe(true);
    expect(actsThroughGuardian(aCitizen(), on)).toBe(false);
    expect(actsThroughGuardian(anOrganisation(), on)).toBe(false);
  });

  it('until the 14th birthday (born 29 February: 1 March in a common year)', () => {
    const leapling = aCitizen({ dateOfBirth: day('2012-02-29') });
    expect(actsThroughGuardian(leapling, day('2026-02-28'))).toBe(true);
    expect(actsThroughGuardian(leapling, day('2026-03-01'))).toBe(false);
  });
});

describe('Art. 10(1): a citizen’s level-1 account on the National Identification Application', () => {
  it('a citizen aged 14 or over requests it on the app, with a face image taken with the device (10(1)(b))', () => {
    expect(outcome(checkProcedure(level1OnApp(aCitizen()), actors.subject, on))).toEqual(follows('Art. 10(1)'));
  });

  it('without a face image the dossier is incomplete (10(1)(b))', () => {
    expect(outcome(checkProcedure(level1OnApp(aCitizen(), { faceImage: null }), actors.subject, on))).toEqual(
      rejectedWith('FaceImageMissing', 'Art. 10(1)(b)'),
    );
    const fingerprints = level1OnApp(aCitizen(), { faceImage: { kind: 'fingerprints', ref: 'sha256:fp' } });
    expect(outcome(checkProcedure(fingerprints, actors.subject, on))).toEqual(
      rejectedWith('FaceImageMissing', 'Art. 10(1)(b)'),
    );
  });

  it('level 1 is not requested in person (10(1)(b))', () => {
    expect(outcome(checkProcedure(level1OnApp(aCitizen(), { channel: 'in-person' }), actors.officer, on))).toEqual(
      rejectedWith('WrongChannel', 'Art. 10(1)(b)'),
    );
  });

  it('an adult with full capacity applies themselves, not through someone else (10(1)(b))', () => {
    expect(outcome(checkProcedure(level1OnApp(aCitizen(), { applicant: guardian() }), actors.guardian, on))).toEqual(
      rejectedWith('ApplicantMismatch', 'Art. 10(1)(b)'),
    );
    expect(outcome(checkProcedure(level1OnApp(aCitizen()), actors.officer, on))).toEqual(
      rejectedWith('ApplicantMismatch', 'Art. 10(1)(b)'),
    );
  });

  describe('Art. 10(1)(d): a 10-year-old is registered by the guardian', () => {
    it('with the guardian’s own phone number and own level-2 account, sent by the guardian', () => {
      const r = level1OnApp(tenYearOld, { applicant: guardian() });
      expect(outcome(checkProcedure(r, actors.guardian, on))).toEqual(follows('Art. 10(1)(d)'));
    });

    it('a representative may do the same for a represented adult', () => {
      const rep = { role: 'representative', id: 'rep-9' } as const;
      const r = level1OnApp(aCitizen({ legalCapacity: 'represented' }), {
        applicant: guardian({ role: 'representative', personId: 'rep-9' }),
      });
      expect(outcome(checkProcedure(r, rep, on))).toEqual(follows('Art. 10(1)(d)'));
    });

    it('the child may not apply alone', () => {
      expect(outcome(checkProcedure(level1OnApp(tenYearOld), actors.subject, on))).toEqual(
        rejectedWith('GuardianRequired', 'Art. 10(1)(d)'),
      );
    });

    it('the guardian without their own level-2 account, or without their own phone, is refused', () => {
      const noL2 = level1OnApp(tenYearOld, { applicant: guardian({ hasLevel2Account: false }) });
      expect(outcome(checkProcedure(noL2, actors.guardian, on))).toEqual(
        rejectedWith('GuardianMeansMissing', 'Art. 10(1)(d)'),
      );
      const noPhone = level1OnApp(tenYearOld, { applicant: guardian({ usesOwnPhone: false }) });
      expect(outcome(checkProcedure(noPhone, actors.guardian, on))).toEqual(
        rejectedWith('GuardianMeansMissing', 'Art. 10(1)(d)'),
      );
    });

    it('a request naming the guardian must be sent by the guardian', () => {
      const r = level1OnApp(tenYearOld, { applicant: guardian() });
      expect(outcome(checkProcedure(r, actors.subject, on))).toEqual(
        rejectedWith('ApplicantMismatch', 'Art. 10(1)(d)'),
      );
    });
  });
});

describe('Art. 10(2): a citizen’s level-2 account in person', () => {
  it('the citizen presents the card and fills in Form TK01; the receiving officer enters it (10(2)(a)-(c))', () => {
    expect(outcome(checkProcedure(level2InPerson(aCitizen()), actors.officer, on))).toEqual(follows('Art. 10(2)'));
  });

  it('level 2 is not requested on the app (10(2)(a))', () => {
    expect(outcome(checkProcedure(level2InPerson(aCitizen(), { channel: 'app' }), actors.subject, on))).toEqual(
      rejectedWith('WrongChannel', 'Art. 10(2)(a)'),
    );
  });

  it('the receiving officer, not the citizen, enters the request (10(2)(c))', () => {
    expect(outcome(checkProcedure(level2InPerson(aCitizen()), actors.subject, on))).toEqual(
      rejectedWith('ApplicantMismatch', 'Art. 10(2)(c)'),
    );
  });

  it('without Form TK01 the dossier is incomplete (10(2)(b))', () => {
    expect(outcome(checkProcedure(level2InPerson(aCitizen(), { form: null }), actors.officer, on))).toEqual(
      rejectedWith('FormMissing', 'Art. 10(2)(b)'),
    );
    expect(outcome(checkProcedure(level2InPerson(aCitizen(), { form: 'TK02' }), actors.officer, on))).toEqual(
      rejectedWith('FormMissing', 'Art. 10(2)(b)'),
    );
  });

  it('an adult with full capacity comes themselves (10(2)(a))', () => {
    const r = level2InPerson(aCitizen(), { applicant: guardian() });
    expect(outcome(checkProcedure(r, actors.officer, on))).toEqual(rejectedWith('ApplicantMismatch', 'Art. 10(2)(a)'));
  });

  describe('Art. 10(2)(dd): a minor comes together with the guardian', () => {
    it('the guardian present, declaring their own phone number', () => {
      const r = level2InPerson(tenYearOld, { applicant: guardian({ hasLevel2Account: false }) });
      expect(outcome(checkProcedure(r, actors.officer, on))).toEqual(follows('Art. 10(2)'));
    });

    it('without the guardian, or with the guardian absent, refused', () => {
      expect(outcome(checkProcedure(level2InPerson(tenYearOld), actors.officer, on))).toEqual(
        rejectedWith('GuardianRequired', 'Art. 10(2)(dd)'),
      );
      const absent = level2InPerson(tenYearOld, { applicant: guardian({ present: false }) });
      expect(outcome(checkProcedure(absent, actors.officer, on))).toEqual(
        rejectedWith('GuardianRequired', 'Art. 10(2)(dd)'),
      );
    });

    it('the guardian declares their own phone number', () => {
      const r = level2InPerson(tenYearOld, { applicant: guardian({ usesOwnPhone: false }) });
      expect(outcome(checkProcedure(r, actors.officer, on))).toEqual(
        rejectedWith('GuardianMeansMissing', 'Art. 10(2)(dd)'),
      );
    });
  });
});

describe('Art. 10(3): a citizen without a valid card', () => {
  const noCard = aCitizen({ identityCard: null });

  it('applies only together with the card application', () => {
    expect(outcome(checkProcedure(level2InPerson(noCard), actors.officer, on))).toEqual(
      rejectedWith('NoValidIdentityCard', 'Art. 10(3)'),
    );
    expect(outcome(checkProcedure(level2InPerson(noCard, { withCardApplication: true }), actors.officer, on))).toEqual(
      follows('Art. 10(2)'),
    );
  });

  it('the same for a card that has expired', () => {
    const lapsed = aCitizen({ identityCard: { ...aCitizen().identityCard!, validUntil: day('2025-07-01') } });
    expect(outcome(checkProcedure(level2InPerson(lapsed), actors.officer, on))).toEqual(
      rejectedWith('NoValidIdentityCard', 'Art. 10(3)'),
    );
  });
});

describe('an individual asks for a level (Art. 7)', () => {
  it('a request without a level is refused', () => {
    const r: AccountRequest = { ...level1OnApp(aCitizen()), level: null };
    expect(outcome(checkProcedure(r, actors.subject, on))).toEqual(rejectedWith('LevelRequired', 'Art. 7'));
  });
});

describe('Art. 11: foreigners', () => {
  it('level 1 on the app with a face photo (11(1)(b))', () => {
    expect(outcome(checkProcedure(level1OnApp(aForeigner()), actors.subject, on))).toEqual(follows('Art. 11(1)'));
    expect(outcome(checkProcedure(level1OnApp(aForeigner(), { faceImage: null }), actors.subject, on))).toEqual(
      rejectedWith('FaceImageMissing', 'Art. 11(1)(b)'),
    );
  });

  it('level 1 for a foreign child by the guardian with own phone and own level-2 account (11(1)(d))', () => {
    const r = level1OnApp(foreignTen, { applicant: guardian() });
    expect(outcome(checkProcedure(r, actors.guardian, on))).toEqual(follows('Art. 11(1)(d)'));
    expect(outcome(checkProcedure(level1OnApp(foreignTen), actors.subject, on))).toEqual(
      rejectedWith('GuardianRequired', 'Art. 11(1)(d)'),
    );
  });

  it('level 2 in person with Form TK01, the officer confirming the foreigner’s consent (Decision 5349, step 3)', () => {
    expect(outcome(checkProcedure(level2InPerson(aForeigner()), actors.officer, on))).toEqual(follows('Art. 11(2)'));
  });

  it('level 2 without the officer’s confirmation of consent is refused, cited as Art. 11(2)(c)', () => {
    const r = level2InPerson(aForeigner(), { consentConfirmedByOfficer: false });
    expect(outcome(checkProcedure(r, actors.officer, on))).toEqual(
      rejectedWith('ConsentNotConfirmed', 'Art. 11(2)(c)'),
    );
  });

  it('level 2 on the app, or without Form TK01, is refused (11(2)(a)-(b))', () => {
    expect(outcome(checkProcedure(level2InPerson(aForeigner(), { channel: 'app' }), actors.subject, on))).toEqual(
      rejectedWith('WrongChannel', 'Art. 11(2)(a)'),
    );
    expect(outcome(checkProcedure(level2InPerson(aForeigner(), { form: null }), actors.officer, on))).toEqual(
      rejectedWith('FormMissing', 'Art. 11(2)(b)'),
    );
  });

  it('a foreign child comes together with the guardian (11(2)(e))', () => {
    expect(outcome(checkProcedure(level2InPerson(foreignTen), actors.officer, on))).toEqual(
      rejectedWith('GuardianRequired', 'Art. 11(2)(e)'),
    );
    const r = level2InPerson(foreignTen, { applicant: guardian({ hasLevel2Account: false }) });
    expect(outcome(checkProcedure(r, actors.officer, on))).toEqual(follows('Art. 11(2)'));
    const noPhone = level2InPerson(foreignTen, { applicant: guardian({ usesOwnPhone: false }) });
    expect(outcome(checkProcedure(noPhone, actors.officer, on))).toEqual(
      rejectedWith('GuardianMeansMissing', 'Art. 11(2)(e)'),
    );
  });
});

describe('Art. 12(1): agencies and organisations', () => {
  const org = anOrganisation();
  const rep = organisationOnApp(org);
  const repApplicant = rep.applicant as Extract<Applicant, { role: 'legal-representative' }>;

  it('on the app, by the legal representative’s own level-2 account, after the other representatives consent', () => {
    expect(outcome(checkProcedure(rep, actors.legalRepresentative, on))).toEqual(follows('Art. 12(1)'));
  });

  it('the legal representative without a level-2 account is refused', () => {
    const r: AccountRequest = { ...rep, applicant: { ...repApplicant, hasLevel2Account: false } };
    expect(outcome(checkProcedure(r, actors.legalRepresentative, on))).toEqual(
      rejectedWith('Level2AccountRequired', 'Art. 12(1)'),
    );
  });

  it('without the consent of all other legal representatives, refused', () => {
    const r: AccountRequest = { ...rep, applicant: { ...repApplicant, otherRepresentativesConsented: false } };
    expect(outcome(checkProcedure(r, actors.legalRepresentative, on))).toEqual(
      rejectedWith('RepresentativesConsentMissing', 'Art. 12(1)'),
    );
  });

  it('sent on the app by anyone but the legal representative: refused', () => {
    expect(outcome(checkProcedure(rep, actors.subject, on))).toEqual(rejectedWith('ApplicantMismatch', 'Art. 12(1)'));
  });

  it('an applicant other than a legal representative: refused', () => {
    const r: AccountRequest = { ...rep, applicant: { role: 'self' } };
    expect(outcome(checkProcedure(r, actors.legalRepresentative, on))).toEqual(
      rejectedWith('ApplicantMismatch', 'Art. 12(1)'),
    );
  });

  it('by a hand-delivered dossier on Form TK02 (no level-2 account needed)', () => {
    const r: AccountRequest = {
      ...rep,
      channel: 'dossier',
      form: 'TK02',
      applicant: { ...repApplicant, hasLevel2Account: false },
    };
    expect(outcome(checkProcedure(r, actors.officer, on))).toEqual(follows('Art. 12(1)'));
    expect(outcome(checkProcedure({ ...r, form: 'TK01' }, actors.officer, on))).toEqual(
      rejectedWith('FormMissing', 'Art. 12(1)'),
    );
  });

  it('not in person at a counter without a dossier', () => {
    const r: AccountRequest = { ...rep, channel: 'in-person' };
    expect(outcome(checkProcedure(r, actors.officer, on))).toEqual(rejectedWith('WrongChannel', 'Art. 12(1)'));
  });

  it('an organisation asks for no level (Art. 7(3))', () => {
    const r: AccountRequest = { ...rep, level: 2 };
    expect(outcome(checkProcedure(r, actors.legalRepresentative, on))).toEqual(
      rejectedWith('LevelNotApplicable', 'Art. 7(3)'),
    );
  });
});

describe('checkVerification: what the grant needs verified', () => {
  const both = (against: Verification['against']): Verification => ({
    against,
    faceMatched: true,
    fingerprintsMatched: true,
  });

  it('a citizen’s level 2: face photo and fingerprints against the Identity Database (10(2)(c))', () => {
    expect(outcome(checkVerification(aCitizen(), 2, both('identity-database')))).toEqual(follows('Art. 10(2)(c)'));
    expect(outcome(checkVerification(aCitizen(), 2, both('national-immigration-database')))).toEqual(
      rejectedWith('BiometricsNotVerified', 'Art. 10(2)(c)'),
    );
    expect(
      outcome(checkVerification(aCitizen(), 2, { ...both('identity-database'), fingerprintsMatched: false })),
    ).toEqual(rejectedWith('BiometricsNotVerified', 'Art. 10(2)(c)'));
    expect(outcome(checkVerification(aCitizen(), 2, { ...both('identity-database'), faceMatched: false }))).toEqual(
      rejectedWith('BiometricsNotVerified', 'Art. 10(2)(c)'),
    );
  });

  it('a foreigner’s level 2: face photo and fingerprints against the National Immigration Database (11(2)(c))', () => {
    expect(outcome(checkVerification(aForeigner(), 2, both('national-immigration-database')))).toEqual(
      follows('Art. 11(2)(c)'),
    );
    expect(outcome(checkVerification(aForeigner(), 2, both('identity-database')))).toEqual(
      rejectedWith('BiometricsNotVerified', 'Art. 11(2)(c)'),
    );
  });

  it('level 1: the face image is checked (10(1)(c); 11(1)(c))', () => {
    const face: Verification = { against: 'identity-database', faceMatched: true, fingerprintsMatched: false };
    expect(outcome(checkVerification(aCitizen(), 1, face))).toEqual(follows('Art. 10(1)(c)'));
    expect(outcome(checkVerification(aCitizen(), 1, { ...face, faceMatched: false }))).toEqual(
      rejectedWith('FaceNotVerified', 'Art. 10(1)(c)'),
    );
    expect(outcome(checkVerification(aForeigner(), 1, { ...face, against: 'national-immigration-database' }))).toEqual(
      follows('Art. 11(1)(c)'),
    );
  });

  it('an organisation: checked in the national databases when they hold it, otherwise verified by the agency (12(2))', () => {
    const none: Verification = { against: 'national-databases', faceMatched: false, fingerprintsMatched: false };
    const notInDatabases = anOrganisation({ inNationalDatabases: false });
    expect(outcome(checkVerification(anOrganisation(), null, none))).toEqual(follows('Art. 12(2)'));
    expect(outcome(checkVerification(notInDatabases, null, { ...none, against: 'manual-verification' }))).toEqual(
      follows('Art. 12(2)'),
    );
    expect(outcome(checkVerification(anOrganisation(), null, { ...none, against: 'manual-verification' }))).toEqual(
      rejectedWith('WrongVerification', 'Art. 12(2)'),
    );
    expect(outcome(checkVerification(notInDatabases, null, none))).toEqual(
      rejectedWith('WrongVerification', 'Art. 12(2)'),
    );
    expect(outcome(checkVerification(anOrganisation(), null, { ...none, against: 'identity-database' }))).toEqual(
      rejectedWith('WrongVerification', 'Art. 12(2)'),
    );
  });
});
