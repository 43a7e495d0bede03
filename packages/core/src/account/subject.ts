import * as t from 'io-ts';
import { CivilDateCodec } from '../calendar/codecs.js';

// The identity of a subject as the decree describes it (Arts. 5, 6, 7) and as national databases supply it (Art. 8).
// Biometrics are never held here: only references (an id or a digest) to where the databases keep them.

const NonEmptyString = new t.Type<string, string, unknown>(
  'NonEmptyString',
  (u): u is string => typeof u === 'string' && u.trim().length > 0,
  (u, c) =>
    typeof u === 'string' && u.trim().length > 0 ? t.success(u) : t.failure(u, c, 'expected a non-empty string'),
  t.identity,
);

/**
 * Legal capacity as far as the decree distinguishes it: persons under guardianship and represented persons act
 * through their guardian or representative (Arts. 10(1)(d), 10(2)(dd), 11(1)(d), 11(2)(e), 14(2)).
 */
export const LegalCapacityCodec = t.keyof({ full: null, 'under-guardianship': null, represented: null });
export type LegalCapacity = t.TypeOf<typeof LegalCapacityCodec>;

/** A citizen identity card or identity card (Art. 7(1); Law on Identity 2023). `validUntil` null: no expiry. */
export const IdentityCardCodec = t.type({
  type: t.keyof({ 'citizen-identity-card': null, 'identity-card': null }),
  number: NonEmptyString,
  validUntil: t.union([CivilDateCodec, t.null]),
  /** Revoked or seized cards lock the electronic identity card (Law on Identity 2023 Art. 34(1)(c); Art. 29(1)). */
  status: t.keyof({ valid: null, revoked: null, seized: null }),
});
export type IdentityCard = t.TypeOf<typeof IdentityCardCodec>;

/** A Vietnamese citizen (Arts. 2, 7(1), 10). */
export const CitizenCodec = t.type({
  kind: t.literal('citizen'),
  /** The 12-digit personal identification number. */
  personalIdentificationNumber: t.string,
  fullName: NonEmptyString,
  dateOfBirth: CivilDateCodec,
  identityCard: t.union([IdentityCardCodec, t.null]),
  legalCapacity: LegalCapacityCodec,
  /** The day of death recorded in the civil status database, if any (Art. 8(1)). */
  diedOn: t.union([CivilDateCodec, t.null]),
});
export type Citizen = t.TypeOf<typeof CitizenCodec>;

/** A passport or international travel document (Art. 5(1)(e)). */
export const TravelDocumentCodec = t.type({
  type: t.keyof({ passport: null, 'international-travel-document': null }),
  number: NonEmptyString,
  issuedOn: CivilDateCodec,
  placeOfIssue: NonEmptyString,
  expiresOn: CivilDateCodec,
});
export type TravelDocument = t.TypeOf<typeof TravelDocumentCodec>;

/** A permanent or temporary residence card (Art. 7(2)); `expiresOn` null for a card without expiry. */
export const ResidenceCardCodec = t.type({
  type: t.keyof({ permanent: null, temporary: null }),
  number: NonEmptyString,
  expiresOn: t.union([CivilDateCodec, t.null]),
});
export type ResidenceCard = t.TypeOf<typeof ResidenceCardCodec>;

/** A foreigner residing in Vietnam, with the electronic identity of Art. 5(1). */
export const ForeignerCodec = t.type({
  kind: t.literal('foreigner'),
  /** The foreigner identification number set by the system (Art. 5(1)(a), 5(2)). */
  identificationNumber: t.string,
  fullName: NonEmptyString,
  dateOfBirth: CivilDateCodec,
  gender: t.keyof({ female: null, male: null, other: null }),
  /** ISO 3166-1 alpha-3 code. */
  nationality: NonEmptyString,
  travelDocument: TravelDocumentCodec,
  residenceCard: t.union([ResidenceCardCodec, t.null]),
  /** Whether face photo and fingerprints are already in the National Immigration Database (Art. 13(3)(b)-(c)). */
  biometricsOnFile: t.boolean,
  legalCapacity: LegalCapacityCodec,
  diedOn: t.union([CivilDateCodec, t.null]),
});
export type Foreigner = t.TypeOf<typeof ForeignerCodec>;

/**
 * An agency or organisation established or registered in Vietnam (Arts. 6, 7(3)). `status` follows Art. 15(2)(b):
 * dissolved, bankrupt, suspended or terminated organisations are locked.
 */
export const OrganisationCodec = t.intersection([
  t.type({
    kind: t.literal('organisation'),
    identificationNumber: t.string,
    name: NonEmptyString,
    establishedOn: CivilDateCodec,
    headOffice: NonEmptyString,
    legalRepresentative: t.type({ fullName: NonEmptyString, identificationNumber: NonEmptyString }),
    /** Whether its information is in national or specialised databases (Art. 12(2), 13(4)). */
    inNationalDatabases: t.boolean,
    status: t.keyof({ operating: null, dissolved: null, bankrupt: null, suspended: null, terminated: null }),
  }),
  t.partial({ abbreviatedName: t.string, foreignName: t.string, taxCode: t.string, enterpriseCode: t.string }),
]);
export type Organisation = t.TypeOf<typeof OrganisationCodec>;

/** Any identity subject of the decree. */
export const SubjectCodec = t.union([CitizenCodec, ForeignerCodec, OrganisationCodec]);
export type Subject = t.TypeOf<typeof SubjectCodec>;
export type SubjectKind = Subject['kind'];

/** A reference to biometric data held by a national database: an id or a digest, never the data itself. */
export const BiometricRefCodec = t.type({
  kind: t.keyof({ 'face-photo': null, fingerprints: null }),
  ref: NonEmptyString,
});
export type BiometricRef = t.TypeOf<typeof BiometricRefCodec>;

export { NonEmptyString };
