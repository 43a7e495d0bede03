import * as t from 'io-ts';
import { InstantCodec } from '../calendar/codecs.js';
import { CitationCodec } from '../decree/citation.js';
import { ActorCodec } from '../decree/competence.js';
import { AccountRequestCodec, VerificationCodec } from '../decree/procedures.js';
import { NonEmptyString, SubjectCodec } from './subject.js';

// Events are facts in the past tense. Each carries its schema version `v`, the instant it happened `at`, who acted
// `by`, and the clause that authorised it `legalBasis` (DESIGN ideas 2-3). A later schema version is added beside the
// old one and the old one upcast on read (see `upcast.ts` when one exists); stored events are never rewritten.

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({
    type: t.literal(type),
    v: t.literal(1),
    at: InstantCodec,
    by: ActorCodec,
    legalBasis: CitationCodec,
    ...props,
  });

const LevelCodec = t.union([t.literal(1), t.literal(2), t.null]);

export const AccountLockGroundCodec = t.keyof({
  'own-request': null,
  'agreement-violation': null,
  'travel-document-expired': null,
  'residence-expired': null,
  death: null,
  'ceased-operation': null,
  'competent-agency-request': null,
  'electronic-identity-card-locked': null,
  'identity-card-expired': null,
});

export const CardLockGroundCodec = t.keyof({
  'own-request': null,
  'agreement-violation': null,
  'card-revoked-or-seized': null,
  death: null,
  'competent-agency-request': null,
});

/** A complete and valid dossier was received (Arts. 10-12); the Art. 13 time limit runs from it. */
export const AccountRequested = event('AccountRequested', {
  request: AccountRequestCodec,
  /** The instant the account is due by (Art. 13), computed on the legal calendar when the dossier is received. */
  dueBy: InstantCodec,
  /** The Art. 13 clause and its identifier (`grant.foreigner.level2.biometricsOnFile`, ...). */
  timeLimit: CitationCodec,
  timeLimitId: t.string,
});

/** The subject's identity was checked and authenticated (Arts. 10(1)(c), 10(2)(c), 11(2)(c), 12(2)). */
export const IdentityVerified = event('IdentityVerified', { verification: VerificationCodec });

/** The identity could not be verified; the reason is recorded. */
export const IdentityVerificationFailed = event('IdentityVerificationFailed', { reason: NonEmptyString });

/** The management agency granted the account and notified the result (Art. 16; Arts. 10-12). */
export const AccountGranted = event('AccountGranted', {
  level: LevelCodec,
  dueBy: InstantCodec,
  timeLimit: CitationCodec,
  /** Granted after the Art. 13 limit: recorded, not refused (DESIGN idea 7). */
  late: t.boolean,
});

/** The request was refused, with the written reason (Art. 12(3)). */
export const AccountRefused = event('AccountRefused', { reason: NonEmptyString });

/** The subject activated the account, on the app within the window or through the hotline (Art. 14(1)). */
export const AccountActivated = event('AccountActivated', {
  channel: t.keyof({ app: null, hotline: null }),
  windowEndsAt: InstantCodec,
});

/** Identity information changed in a national database and was updated automatically (Art. 8). */
export const IdentityUpdated = event('IdentityUpdated', {
  subject: SubjectCodec,
  source: NonEmptyString,
});

/** The account was locked: its first ground arose (Art. 15). */
export const AccountLocked = event('AccountLocked', { ground: AccountLockGroundCodec });
/** A further ground arose on a locked account. */
export const LockGroundAdded = event('LockGroundAdded', { ground: AccountLockGroundCodec });
/** A ground ceased while another remains: the account stays locked (Art. 15(3)(a)). */
export const LockGroundCeased = event('LockGroundCeased', { ground: AccountLockGroundCodec });
/** The last ground ceased and the account was unlocked (Art. 15(3)(a), (d)). */
export const AccountUnlocked = event('AccountUnlocked', { ground: AccountLockGroundCodec });

const RequestIdCodec = NonEmptyString;
const AgencyActionCodec = t.keyof({ lock: null, unlock: null });
const AgencyTargetCodec = t.keyof({ account: null, 'electronic-identity-card': null });

/** A competent agency's Form TK03 request was received by a Public Security agency (Art. 15(2)(c), 15(3)(b)). */
export const AgencyRequestReceived = event('AgencyRequestReceived', {
  requestId: RequestIdCodec,
  action: AgencyActionCodec,
  target: AgencyTargetCodec,
  agency: NonEmptyString,
  /** 1 working day to consider and forward (Art. 15(2)(d), 15(3)(c); Arts. 29(4), 30(4)). */
  forwardBy: InstantCodec,
});
/** The request was forwarded to the head of the Ministry's identity management agency. */
export const AgencyRequestForwarded = event('AgencyRequestForwarded', {
  requestId: RequestIdCodec,
  late: t.boolean,
  /** 2 working days to decide (Art. 15(2)(dd), 15(3)(d); Arts. 29(5), 30(5)). */
  decideBy: InstantCodec,
});
/** The request was approved; its lock or unlock follows in the same decision. */
export const AgencyRequestApproved = event('AgencyRequestApproved', { requestId: RequestIdCodec, late: t.boolean });
/** The request was refused with a written reason (Art. 15(2)(dd), 15(3)(d)). */
export const AgencyRequestRefused = event('AgencyRequestRefused', {
  requestId: RequestIdCodec,
  late: t.boolean,
  reason: NonEmptyString,
});

/** An electronic identity card was issued with a citizen's level-2 account (Art. 28(2); Art. 40(6)). */
export const ElectronicIdentityCardIssued = event('ElectronicIdentityCardIssued', {});
/** The card was locked: its first ground arose (Art. 29; Law on Identity 2023 Art. 34(1)). */
export const ElectronicIdentityCardLocked = event('ElectronicIdentityCardLocked', { ground: CardLockGroundCodec });
export const CardLockGroundAdded = event('CardLockGroundAdded', { ground: CardLockGroundCodec });
export const CardLockGroundCeased = event('CardLockGroundCeased', { ground: CardLockGroundCodec });
/** The last card ground ceased and the card was unlocked (Art. 30). */
export const ElectronicIdentityCardUnlocked = event('ElectronicIdentityCardUnlocked', { ground: CardLockGroundCodec });

/** The guardian or representative consented to the use of the account through the app (Art. 14(2)). */
export const GuardianConsentGiven = event('GuardianConsentGiven', { guardianId: NonEmptyString });
export const GuardianConsentWithdrawn = event('GuardianConsentWithdrawn', { guardianId: NonEmptyString });

/** An account granted under Decree 59/2022/ND-CP, valid through its expiry (Art. 40(5)). */
export const AccountCarriedOver = event('AccountCarriedOver', {
  subject: SubjectCodec,
  level: LevelCodec,
  grantedAt: InstantCodec,
});

/** Every event of an identity subject's stream. */
export const AccountEventCodec = t.union([
  AccountRequested,
  IdentityVerified,
  IdentityVerificationFailed,
  AccountGranted,
  AccountRefused,
  AccountActivated,
  IdentityUpdated,
  AccountLocked,
  LockGroundAdded,
  LockGroundCeased,
  AccountUnlocked,
  AgencyRequestReceived,
  AgencyRequestForwarded,
  AgencyRequestApproved,
  AgencyRequestRefused,
  ElectronicIdentityCardIssued,
  ElectronicIdentityCardLocked,
  CardLockGroundAdded,
  CardLockGroundCeased,
  ElectronicIdentityCardUnlocked,
  GuardianConsentGiven,
  GuardianConsentWithdrawn,
  AccountCarriedOver,
]);
export type AccountEvent = t.TypeOf<typeof AccountEventCodec>;
export type AccountEventType = AccountEvent['type'];
/** The event of a given type. */
export type EventOf<T extends AccountEventType> = Extract<AccountEvent, { type: T }>;
