import * as t from 'io-ts';
import { type Citation, art } from './citation.js';

/**
 * The means of authentication named in Art. 3(8), in the order the clause lists them.
 *
 * Art. 3(8) ends with "or other tools and methods used for the purpose of electronic authentication": those are not
 * modelled, because their factor category (and so the level they give) cannot be known from the text. An integrator
 * with another tool must map it to one of these means, in writing, before it can count towards a level.
 * "One-time-password device or software" and "cryptographic device or software" are each split in two so that a
 * login records which one was used.
 */
export const MEANS = [
  'password',
  'secretCode',
  'barcode',
  'terminalDevice',
  'otpDevice',
  'otpSoftware',
  'cryptographicDevice',
  'cryptographicSoftware',
  'identityCard',
  'citizenIdentityCard',
  'passport',
  'facePhoto',
  'fingerprint',
  'voice',
  'iris',
] as const;

/** A means of authentication of Art. 3(8) presented at a login, e.g. `password` or `facePhoto`. */
export type Means = (typeof MEANS)[number];

/**
 * The three kinds of authentication factor that Art. 20(1)(d) names: biometric, owned by the electronic identity
 * subject, and known to the subject.
 */
export type FactorCategory = 'known' | 'owned' | 'biometric';

/** One row of {@link MEANS_TABLE}: a means' factor category and where that category comes from. */
export interface MeansCategory {
  readonly category: FactorCategory;
  /** The clause that puts the means in its category (always Art. 20(1)(d), the only clause that names categories). */
  readonly basis: Citation;
  /** How the text was read: `listed` when Art. 20(1)(d) names the means itself, otherwise the reading, in a sentence. */
  readonly reading: string;
}

const LEVEL_4 = art(20, 1, 'd');
const listed = (category: FactorCategory): MeansCategory =>
  Object.freeze({ category, basis: LEVEL_4, reading: 'listed' });
const read = (category: FactorCategory, reading: string): MeansCategory =>
  Object.freeze({ category, basis: LEVEL_4, reading });

/**
 * The factor category of every means of Art. 3(8). Art. 20(1)(d) is the only clause that sorts means into categories;
 * where it does not name a means of Art. 3(8) the means is placed by analogy with one it does name. Readings:
 * - `barcode` is **known**: Art. 20(1)(d) lists "2D barcode" with password and secret code among the factors known to
 *   the subject. Art. 3(8) says only "barcode"; the decree never distinguishes other barcodes, so every barcode is
 *   read as the 2D barcode of Art. 20(1)(d) (a NIST-style reading would call a printed code "owned"; the text does not).
 * - `otpSoftware` and `cryptographicSoftware` are **owned**: Art. 20(1)(d) lists "software" among owned factors, even
 *   though the subject reads the one-time password off it; the devices go with the "digital device" of the same list.
 * - `terminalDevice` is **owned** as the "digital device" of Art. 20(1)(d).
 * - `citizenIdentityCard` and `passport` are **owned** by analogy with the "identity card" of Art. 20(1)(d): identity
 *   documents the subject holds.
 */
export const MEANS_TABLE: { readonly [M in Means]: MeansCategory } = Object.freeze({
  password: listed('known'),
  secretCode: listed('known'),
  barcode: read('known', 'Art. 3(8) "barcode" read as the "2D barcode" Art. 20(1)(d) lists as known'),
  terminalDevice: read(
    'owned',
    'Art. 3(8) "terminal device" read as the "digital device" Art. 20(1)(d) lists as owned',
  ),
  otpDevice: read('owned', 'a one-time-password device is a "digital device", listed as owned in Art. 20(1)(d)'),
  otpSoftware: read('owned', 'one-time-password software is "software", listed as owned in Art. 20(1)(d)'),
  cryptographicDevice: read('owned', 'a cryptographic device is a "digital device", listed as owned in Art. 20(1)(d)'),
  cryptographicSoftware: read('owned', 'cryptographic software is "software", listed as owned in Art. 20(1)(d)'),
  identityCard: listed('owned'),
  citizenIdentityCard: read('owned', 'an identity document held, like the "identity card" of Art. 20(1)(d)'),
  passport: read('owned', 'an identity document held, like the "identity card" of Art. 20(1)(d)'),
  facePhoto: listed('biometric'),
  fingerprint: listed('biometric'),
  voice: listed('biometric'),
  iris: listed('biometric'),
});

/** The factor category of a means, from {@link MEANS_TABLE}. */
export const categoryOf = (m: Means): FactorCategory => MEANS_TABLE[m].category;

/**
 * The different authentication factors among the means presented: the single place where Art. 20(1)(b)-(c)'s
 * "different authentication factors" is decided.
 *
 * Reading: two different means are two different factors, even in the same category (password + secret code is two
 * factors). Art. 3(7) defines an authentication factor as "a means of authentication used to confirm and affirm
 * electronic identity subjects", so a factor is a means in use, and Art. 20(1)(a)-(c) count factors "and the
 * corresponding means of authentication specified in Clause 8". The categories known / owned / biometric appear only
 * in Art. 20(1)(d), which names them when it wants them; reading them into (b)-(c) would add a condition the text
 * does not state. "Different" excludes the same means presented twice. To adopt the NIST SP 800-63 reading instead
 * (factors of different categories), change this function alone.
 */
export const differentFactors = (means: readonly Means[]): readonly Means[] => {
  const present = new Set(means);
  // In the order of MEANS, so that a result (and its reason) does not depend on the order of presentation.
  return MEANS.filter((m) => present.has(m));
};

/** A level of authentication of Art. 20(1), 1 (weakest) to 4 (strongest). */
export type AuthenticationLevel = 1 | 2 | 3 | 4;

/**
 * The clause that defines each level: level N is point a, b, c, d of Art. 20(1). Level 0 (no level) cites Art. 20(1)
 * itself, the list of levels it falls outside.
 */
export const AUTHENTICATION_LEVEL_BASIS: { readonly [L in 0 | AuthenticationLevel]: Citation } = Object.freeze({
  0: art(20, 1),
  1: art(20, 1, 'a'),
  2: art(20, 1, 'b'),
  3: art(20, 1, 'c'),
  4: LEVEL_4,
});

/** What {@link authenticationLevel} finds: the level, the clause that defines it, and why in words. */
export interface LevelClassification {
  /** 1-4 as in Art. 20(1); 0 when the means presented reach no level (nothing presented, or a biometric alone). */
  readonly level: 0 | AuthenticationLevel;
  readonly citation: Citation;
  readonly reason: string;
}

const result = (level: 0 | AuthenticationLevel, reason: string): LevelClassification =>
  Object.freeze({ level, citation: AUTHENTICATION_LEVEL_BASIS[level], reason });

const list = (ms: readonly Means[]): string => ms.join(', ');

/**
 * The level of authentication of Art. 20(1) that the means presented at a login reach. Order and repetition of the
 * means do not matter, and presenting another means never lowers the level.
 *
 * Readings beyond {@link differentFactors} and {@link MEANS_TABLE}:
 * - "two" (level 2) and "one biometric information item" (level 3) and "1 factor known" (level 4) are read as "at
 *   least": Art. 20(1)(c)-(d) say "two or more" and "at least 1" elsewhere in the same list, and a level must not fall
 *   because more was presented. So three non-biometric factors are level 2, and two biometrics with a password level 3.
 * - A biometric alone is level 0: Art. 20(1)(a)-(b) are "without biometric information" and (c)-(d) need two or more
 *   factors, so no level describes it; the decree only ever pairs a biometric with another factor. Level 0 cites
 *   Art. 20(1), not a point whose condition the login does not meet.
 * - Two biometrics (face photo + fingerprint) are two different factors including a biometric: level 3.
 */
export const authenticationLevel = (means: readonly Means[]): LevelClassification => {
  const factors = differentFactors(means);
  const of = (c: FactorCategory): readonly Means[] => factors.filter((m) => categoryOf(m) === c);
  const [biometric, owned, known] = [of('biometric'), of('owned'), of('known')];
  if (factors.length === 0) return result(0, 'no means of authentication presented');
  if (biometric.length > 0 && owned.length > 0 && known.length > 0)
    return result(
      4,
      `a biometric factor (${list(biometric)}), a factor owned (${list(owned)}) and a factor known (${list(known)})`,
    );
  const missing = [
    ...(owned.length === 0 ? ['a factor owned'] : []),
    ...(known.length === 0 ? ['a factor known'] : []),
  ];
  if (biometric.length > 0 && factors.length >= 2)
    return result(
      3,
      `${factors.length} different factors (${list(factors)}) including a biometric (${list(biometric)}); ` +
        `level 4 also needs ${missing.join(' and ')}`,
    );
  if (biometric.length > 0)
    return result(
      0,
      `a biometric alone (${list(biometric)}) reaches no level: levels 1-2 are without biometric information and ` +
        `levels 3-4 need two or more different factors`,
    );
  if (factors.length >= 2)
    return result(2, `${factors.length} different factors (${list(factors)}) without biometric information`);
  return result(1, `one factor (${list(factors)}) without biometric information`);
};

/**
 * Whether the means presented reach at least the required level of Art. 20(1) (Art. 21(1): authentication through
 * means appropriate to the level requested). A higher level satisfies every lower requirement.
 */
export const meetsAuthenticationLevel = (means: readonly Means[], required: AuthenticationLevel): boolean =>
  authenticationLevel(means).level >= required;

const show = (u: unknown): string => {
  try {
    return JSON.stringify(u) ?? String(u);
  } catch {
    return String(u);
  }
};

const isMeans = (u: unknown): u is Means => typeof u === 'string' && (MEANS as readonly string[]).includes(u);

/**
 * io-ts codec for a {@link Means} read from outside (a login record, a request). An unknown name, including another
 * tool of Art. 3(8)'s "or other tools and methods", is refused with a message listing the known means.
 */
export const MeansCodec: t.Type<Means, Means, unknown> = new t.Type<Means, Means, unknown>(
  'Means',
  isMeans,
  (u, c) =>
    isMeans(u)
      ? t.success(u)
      : t.failure(u, c, `unknown means of authentication ${show(u)} (Art. 3(8); known: ${MEANS.join(', ')})`),
  (m) => m,
);

/** io-ts codec for the means presented at one login, as a JSON array of {@link Means}. */
export const MeansListCodec = t.readonlyArray(MeansCodec, 'MeansList');
