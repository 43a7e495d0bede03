import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { BiometricRefCodec, type Subject, SubjectCodec } from '../account/subject.js';
import type { CivilDate } from '../calendar/civilDate.js';
import { type Citation, art } from './citation.js';
import type { Actor } from './competence.js';
import { type AccountLevel, ageInFullYears, isCardValid } from './eligibility.js';
import { type Rejection, reject } from './rejection.js';

/** Where a request is made: on the app (level 1, organisations), in person (level 2), or by a Form TK02 dossier. */
export const ChannelCodec = t.keyof({ app: null, 'in-person': null, dossier: null });
export type Channel = t.TypeOf<typeof ChannelCodec>;

/**
 * Who applies. Minors under 14, persons under guardianship and represented persons apply through their guardian or
 * representative, who uses their own phone and, on the app, their own level-2 account (Arts. 10(1)(d), 10(2)(dd),
 * 11(1)(d), 11(2)(e)); an organisation through a legal representative (Art. 12(1)).
 */
export const ApplicantCodec = t.union([
  t.type({ role: t.literal('self') }),
  t.type({
    role: t.keyof({ guardian: null, representative: null }),
    personId: t.string,
    usesOwnPhone: t.boolean,
    hasLevel2Account: t.boolean,
    /** In person, the guardian accompanies the subject (Arts. 10(2)(dd), 11(2)(e)). */
    present: t.boolean,
  }),
  t.type({
    role: t.literal('legal-representative'),
    personId: t.string,
    hasLevel2Account: t.boolean,
    /** The consent of all other legal representatives, if any (Art. 12(1)). */
    otherRepresentativesConsented: t.boolean,
  }),
]);
export type Applicant = t.TypeOf<typeof ApplicantCodec>;

/** What a request for an account contains, as far as the procedure rules look at it. */
export const AccountRequestCodec = t.type({
  subject: SubjectCodec,
  level: t.union([t.literal(1), t.literal(2), t.null]),
  channel: ChannelCodec,
  applicant: ApplicantCodec,
  /** The face image taken on the app for level 1 (Arts. 10(1)(b), 11(1)(b)), by reference. */
  faceImage: t.union([BiometricRefCodec, t.null]),
  /** Form TK01 (individuals in person, Arts. 10(2)(b), 11(2)(b)) or TK02 (organisations' dossiers, Art. 12(1)). */
  form: t.union([t.literal('TK01'), t.literal('TK02'), t.null]),
  /** The receiving officer confirmed the foreigner's consent (Decision 5349/QD-BCA-C06, step 3). */
  consentConfirmedByOfficer: t.boolean,
  /** A citizen without a valid card applies together with the card application (Art. 10(3)). */
  withCardApplication: t.boolean,
});
export type AccountRequest = t.TypeOf<typeof AccountRequestCodec>;

/** Whether a person acts through a guardian or representative (under 14, under guardianship, represented). */
export const actsThroughGuardian = (subject: Subject, on: CivilDate): boolean =>
  subject.kind !== 'organisation' && (ageInFullYears(subject.dateOfBirth, on) < 14 || subject.legalCapacity !== 'full');

type Check = E.Either<Rejection, Citation>;
const ok = (c: Citation): Check => E.right(c);

const individualProcedure = (r: AccountRequest, actor: Actor, on: CivilDate): Check => {
  const s = r.subject;
  if (s.kind === 'organisation') return ok(art(12, 1));
  const foreigner = s.kind === 'foreigner';
  const article = foreigner ? 11 : 10;
  const guardianNeeded = actsThroughGuardian(s, on);
  const a = r.applicant;

  if (s.kind === 'citizen' && !isCardValid(s.identityCard, on) && !r.withCardApplication) {
    return E.left(
      reject(
        'NoValidIdentityCard',
        art(10, 3),
        'a citizen without a valid card applies together with the card application',
      ),
    );
  }
  if (r.level === null)
    return E.left(reject('LevelRequired', art(7), 'an individual asks for a level-1 or level-2 account'));

  if (r.level === 1) {
    const basis = art(article, 1);
    if (r.channel !== 'app') {
      return E.left(
        reject(
          'WrongChannel',
          art(article, 1, 'b'),
          'a level-1 account is requested on the National Identification Application',
        ),
      );
    }
    if (r.faceImage === null || r.faceImage.kind !== 'face-photo') {
      return E.left(
        reject('FaceImageMissing', art(article, 1, 'b'), 'a level-1 request sends a face image taken with the device'),
      );
    }
    if (guardianNeeded) {
      if (a.role !== 'guardian' && a.role !== 'representative') {
        return E.left(
          reject(
            'GuardianRequired',
            art(article, 1, 'd'),
            'this person is registered by their guardian or representative',
          ),
        );
      }
      if (!a.usesOwnPhone || !a.hasLevel2Account) {
        return E.left(
          reject(
            'GuardianMeansMissing',
            art(article, 1, 'd'),
            'the guardian or representative uses their own phone number and their own level-2 account',
          ),
        );
      }
      if (actor.role !== a.role) {
        return E.left(
          reject(
            'ApplicantMismatch',
            art(article, 1, 'd'),
            `the request is sent by the ${a.role}, not by a ${actor.role}`,
          ),
        );
      }
      return ok(art(article, 1, 'd'));
    }
    if (a.role !== 'self' || actor.role !== 'subject') {
      return E.left(
        reject(
          'ApplicantMismatch',
          art(article, 1, 'b'),
          'a person with full capacity aged 14 or over requests their own account',
        ),
      );
    }
    return ok(basis);
  }

  // Level 2: in person, Form TK01, face photo and fingerprints taken by the receiving officer.
  if (r.channel !== 'in-person') {
    return E.left(reject('WrongChannel', art(article, 2, 'a'), 'a level-2 account is requested in person'));
  }
  if (actor.role !== 'receiving-officer') {
    return E.left(
      reject('ApplicantMismatch', art(article, 2, 'c'), 'the receiving officer enters an in-person request'),
    );
  }
  if (r.form !== 'TK01')
    return E.left(reject('FormMissing', art(article, 2, 'b'), 'a level-2 request is made on Form TK01'));
  if (guardianNeeded) {
    const point = foreigner ? 'e' : 'dd';
    if ((a.role !== 'guardian' && a.role !== 'representative') || !a.present) {
      return E.left(
        reject(
          'GuardianRequired',
          art(article, 2, point),
          'this person comes together with their guardian or representative',
        ),
      );
    }
    if (!a.usesOwnPhone) {
      return E.left(
        reject(
          'GuardianMeansMissing',
          art(article, 2, point),
          'the guardian or representative declares their own phone number',
        ),
      );
    }
  } else if (a.role !== 'self') {
    return E.left(
      reject(
        'ApplicantMismatch',
        art(article, 2, 'a'),
        'a person with full capacity aged 14 or over applies in person themselves',
      ),
    );
  }
  if (foreigner && !r.consentConfirmedByOfficer) {
    return E.left(
      reject(
        'ConsentNotConfirmed',
        art(11, 2, 'c'),
        "the receiving officer confirms the foreigner's consent to register (Decision 5349/QD-BCA-C06, step 3)",
      ),
    );
  }
  return ok(art(article, 2));
};

const organisationProcedure = (r: AccountRequest, actor: Actor): Check => {
  if (r.level !== null)
    return E.left(reject('LevelNotApplicable', art(7, 3), 'organisations are granted accounts regardless of level'));
  const a = r.applicant;
  if (a.role !== 'legal-representative') {
    return E.left(
      reject(
        'ApplicantMismatch',
        art(12, 1),
        "an organisation's request is made by its legal representative, head, or a person they authorise",
      ),
    );
  }
  if (r.channel === 'app') {
    if (!a.hasLevel2Account)
      return E.left(
        reject('Level2AccountRequired', art(12, 1), 'the legal representative uses their own level-2 account'),
      );
    if (!a.otherRepresentativesConsented) {
      return E.left(
        reject('RepresentativesConsentMissing', art(12, 1), 'all other legal representatives consent first'),
      );
    }
    if (actor.role !== 'legal-representative')
      return E.left(reject('ApplicantMismatch', art(12, 1), 'the legal representative sends the request'));
    return ok(art(12, 1));
  }
  if (r.channel === 'dossier') {
    if (r.form !== 'TK02') return E.left(reject('FormMissing', art(12, 1), 'a hand-delivered dossier uses Form TK02'));
    if (actor.role !== 'receiving-officer' && actor.role !== 'legal-representative') {
      return E.left(
        reject(
          'ApplicantMismatch',
          art(12, 1),
          'a dossier is submitted by the legal representative and entered by the receiving agency',
        ),
      );
    }
    return ok(art(12, 1));
  }
  return E.left(reject('WrongChannel', art(12, 1), 'an organisation applies on the app or by a Form TK02 dossier'));
};

/**
 * Checks a request against the procedure of its subject and level (Arts. 10-12) and returns the clause it follows.
 * The request is the receipt of a complete and valid dossier (Art. 13, opening words); an incomplete one is rejected
 * here with the step it misses.
 */
export const checkProcedure = (r: AccountRequest, actor: Actor, on: CivilDate): Check =>
  r.subject.kind === 'organisation' ? organisationProcedure(r, actor) : individualProcedure(r, actor, on);

/** What an identity verification established (Arts. 10(1)(c), 10(2)(c), 11(2)(c), 12(2)). */
export const VerificationCodec = t.type({
  against: t.keyof({
    'identity-database': null,
    'national-immigration-database': null,
    'national-databases': null,
    'manual-verification': null,
  }),
  faceMatched: t.boolean,
  fingerprintsMatched: t.boolean,
});
export type Verification = t.TypeOf<typeof VerificationCodec>;

/**
 * Whether a verification suffices for the grant: a level-2 account needs the face photo and fingerprints matched
 * against the Identity Database (citizens, Art. 10(2)(c)) or the National Immigration Database (foreigners,
 * Art. 11(2)(c)); level 1 needs the face image checked (Arts. 10(1)(c), 11(1)(c)); an organisation is checked in
 * the national databases or, failing them, verified by the agency (Art. 12(2)).
 */
export const checkVerification = (subject: Subject, level: AccountLevel, v: Verification): Check => {
  if (subject.kind === 'organisation') {
    // Checked in the databases when they hold the organisation, otherwise verified by the agency (Art. 12(2)).
    const expected = subject.inNationalDatabases ? 'national-databases' : 'manual-verification';
    return v.against === expected
      ? ok(art(12, 2))
      : E.left(
          reject('WrongVerification', art(12, 2), `this organisation is verified by ${expected.replace('-', ' ')}`),
        );
  }
  const article = subject.kind === 'foreigner' ? 11 : 10;
  if (level === 2) {
    const db = subject.kind === 'foreigner' ? 'national-immigration-database' : 'identity-database';
    if (v.against !== db || !v.faceMatched || !v.fingerprintsMatched) {
      return E.left(
        reject(
          'BiometricsNotVerified',
          art(article, 2, 'c'),
          `a level-2 account needs the face photo and fingerprints matched against the ${db.replace(/-/g, ' ')}`,
        ),
      );
    }
    return ok(art(article, 2, 'c'));
  }
  return v.faceMatched
    ? ok(art(article, 1, 'c'))
    : E.left(reject('FaceNotVerified', art(article, 1, 'c'), 'a level-1 account needs the face image checked'));
};
