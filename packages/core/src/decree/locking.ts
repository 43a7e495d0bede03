import type { Citizen, Subject, SubjectKind } from '../account/subject.js';
import type { CivilDate } from '../calendar/civilDate.js';
import { type Citation, art, cite } from './citation.js';
import { hasExpired, hasResidence } from './eligibility.js';

/**
 * A ground for locking an electronic identification account (Art. 15). An account is locked while at least one
 * ground remains and unlocked automatically when none does (Art. 15(3)(a)).
 */
export type AccountLockGround =
  /** The foreigner or organisation asks (Art. 15(2)(a)-(b)). */
  | 'own-request'
  /** The agreement on use of the National Identification Application is violated (Art. 15(2)(a)-(b)). */
  | 'agreement-violation'
  /** The foreigner's passport or international travel document has expired (Art. 15(2)(a)). */
  | 'travel-document-expired'
  /** The foreigner's period of residence in Vietnam has expired (Art. 15(2)(a)). */
  | 'residence-expired'
  /** The subject has died (Art. 15(2)(a); for citizens see docs/interpretations.md). Never ceases. */
  | 'death'
  /** The organisation is dissolved, bankrupt, or has suspended or terminated operation (Art. 15(2)(b)). */
  | 'ceased-operation'
  /** A proceeding-conducting or other competent agency's request was approved (Art. 15(2)(c)-(dd)). */
  | 'competent-agency-request'
  /** The citizen's electronic identity card is locked (Art. 15(1)). */
  | 'electronic-identity-card-locked'
  /** The citizen's citizen identity card or identity card has expired (Art. 15(1)). */
  | 'identity-card-expired';

/** A ground for locking a citizen's electronic identity card (Law on Identity 2023 Art. 34(1); Art. 29). */
export type CardLockGround =
  'own-request' | 'agreement-violation' | 'card-revoked-or-seized' | 'death' | 'competent-agency-request';

/** The account lock grounds the decree gives each kind of subject, with the clause that gives them. */
export const ACCOUNT_LOCK_GROUNDS: Readonly<
  Record<SubjectKind, Readonly<Partial<Record<AccountLockGround, Citation>>>>
> = {
  citizen: {
    'electronic-identity-card-locked': art(15, 1),
    'identity-card-expired': art(15, 1),
    death: art(15, 1),
  },
  foreigner: {
    'own-request': art(15, 2, 'a'),
    'agreement-violation': art(15, 2, 'a'),
    'travel-document-expired': art(15, 2, 'a'),
    'residence-expired': art(15, 2, 'a'),
    death: art(15, 2, 'a'),
    'competent-agency-request': art(15, 2, 'dd'),
  },
  organisation: {
    'own-request': art(15, 2, 'b'),
    'agreement-violation': art(15, 2, 'b'),
    'ceased-operation': art(15, 2, 'b'),
    'competent-agency-request': art(15, 2, 'dd'),
  },
};

/** The grounds for locking an electronic identity card, from the Law on Identity 2023 Art. 34(1) via Art. 29. */
export const CARD_LOCK_GROUNDS: Readonly<Record<CardLockGround, Citation>> = {
  'own-request': cite('26/2023/QH15', 34, 1, 'a'),
  'agreement-violation': cite('26/2023/QH15', 34, 1, 'b'),
  'card-revoked-or-seized': cite('26/2023/QH15', 34, 1, 'c'),
  death: cite('26/2023/QH15', 34, 1, 'd'),
  'competent-agency-request': cite('26/2023/QH15', 34, 1, 'dd'),
};

/** Where the decree allows a ground for a kind of subject, the clause; otherwise `undefined`. */
export const accountGroundCitation = (kind: SubjectKind, ground: AccountLockGround): Citation | undefined =>
  ACCOUNT_LOCK_GROUNDS[kind][ground];

/**
 * Grounds that arise from the identity data and the date alone, recorded automatically from the national databases
 * (Art. 8; Art. 15(1), 15(2)(a)-(b)): expired documents, death, an organisation that ceased operating, and for a
 * citizen a locked electronic identity card. Grounds that someone declares (own request, violation, a competent
 * agency's request) are not derived.
 */
export const derivedAccountGrounds = (
  subject: Subject,
  cardLocked: boolean,
  on: CivilDate,
): ReadonlySet<AccountLockGround> => {
  const grounds = new Set<AccountLockGround>();
  switch (subject.kind) {
    case 'citizen':
      if (cardLocked) grounds.add('electronic-identity-card-locked');
      if (subject.identityCard !== null && hasExpired(subject.identityCard.validUntil, on)) {
        grounds.add('identity-card-expired');
      }
      if (subject.diedOn !== null && subject.diedOn <= on) grounds.add('death');
      break;
    case 'foreigner':
      if (hasExpired(subject.travelDocument.expiresOn, on)) grounds.add('travel-document-expired');
      if (!hasResidence(subject, on)) grounds.add('residence-expired');
      if (subject.diedOn !== null && subject.diedOn <= on) grounds.add('death');
      break;
    case 'organisation':
      if (subject.status !== 'operating') grounds.add('ceased-operation');
      break;
  }
  return grounds;
};

/** The account grounds that {@link derivedAccountGrounds} decides; the others are declared. */
export const DERIVED_ACCOUNT_GROUNDS: ReadonlySet<AccountLockGround> = new Set([
  'electronic-identity-card-locked',
  'identity-card-expired',
  'travel-document-expired',
  'residence-expired',
  'death',
  'ceased-operation',
]);

/**
 * Card grounds that arise from identity data: a revoked or seized card and death, locked automatically (Art. 29(1),
 * citing Law on Identity Art. 34(1)(c)-(d)). The holder's own request and a competent agency's request are declared.
 */
export const derivedCardGrounds = (citizen: Citizen, on: CivilDate): ReadonlySet<CardLockGround> => {
  const grounds = new Set<CardLockGround>();
  if (citizen.identityCard !== null && citizen.identityCard.status !== 'valid') grounds.add('card-revoked-or-seized');
  if (citizen.diedOn !== null && citizen.diedOn <= on) grounds.add('death');
  return grounds;
};

/** The card grounds that {@link derivedCardGrounds} decides. */
export const DERIVED_CARD_GROUNDS: ReadonlySet<CardLockGround> = new Set(['card-revoked-or-seized', 'death']);

/** Grounds that never cease once they arise: nobody comes back from death (Art. 15(3)(a) never applies to it). */
export const isPermanentGround = (ground: AccountLockGround | CardLockGround): boolean => ground === 'death';
