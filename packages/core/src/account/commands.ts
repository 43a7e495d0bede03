import * as t from 'io-ts';
import { InstantCodec } from '../calendar/codecs.js';
import { ActorCodec } from '../decree/competence.js';
import { AccountRequestCodec, VerificationCodec } from '../decree/procedures.js';
import { NonEmptyString, SubjectCodec } from './subject.js';

// Commands are requests in the imperative. Time arrives on the command (`at`), so deciding stays pure and replays
// are deterministic (DESIGN idea 1). `commandId` makes a retried command idempotent in the handler.

const command = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({
    type: t.literal(type),
    commandId: NonEmptyString,
    subjectId: NonEmptyString,
    at: InstantCodec,
    by: ActorCodec,
    ...props,
  });

/** Lodge a complete and valid request for an account (Arts. 10-12). */
export const RequestAccount = command('RequestAccount', { request: AccountRequestCodec });
/** Record the result of checking the identity: verified, or failed with a reason. */
export const VerifyIdentity = command('VerifyIdentity', {
  outcome: t.union([
    t.type({ result: t.literal('verified'), verification: VerificationCodec }),
    t.type({ result: t.literal('failed'), reason: NonEmptyString }),
  ]),
});
/** Grant the requested account (Art. 16). */
export const GrantAccount = command('GrantAccount', {});
/** Refuse the request, with a written reason (Art. 12(3)). */
export const RefuseAccount = command('RefuseAccount', { reason: t.string });
/** Activate the granted account (Art. 14(1)). */
export const ActivateAccount = command('ActivateAccount', { channel: t.keyof({ app: null, hotline: null }) });
/** Apply an automatic update from a national database (Art. 8): the subject's identity as it now stands. */
export const UpdateIdentity = command('UpdateIdentity', { subject: SubjectCodec, source: NonEmptyString });
/** Re-check the grounds that time alone can bring (documents expiring), as the system does automatically (Art. 15). */
export const ReviewLockGrounds = command('ReviewLockGrounds', {});
/** The subject asks to lock: a foreigner's or organisation's account (Art. 15(2)(a)-(b)), a citizen's card (Art. 29(2)). */
export const RequestLock = command('RequestLock', {});
/** The subject withdraws their own request to lock (Art. 15(3)(a); Art. 30(2)). */
export const RequestUnlock = command('RequestUnlock', {});
/** A violation of the app's usage agreement was recorded (Art. 15(2)(a)-(b); Law on Identity Art. 34(1)(b)). */
export const RecordAgreementViolation = command('RecordAgreementViolation', {});
/** The violation was remedied (Law on Identity Art. 34(2)(b)). */
export const RecordViolationRemedied = command('RecordViolationRemedied', {});
/** A Public Security agency received a competent agency's Form TK03 request (Art. 15(2)(c), 15(3)(b)). */
export const ReceiveAgencyRequest = command('ReceiveAgencyRequest', {
  requestId: NonEmptyString,
  action: t.keyof({ lock: null, unlock: null }),
  target: t.keyof({ account: null, 'electronic-identity-card': null }),
  agency: NonEmptyString,
});
/** Forward the request to the head of the Ministry's identity management agency (Art. 15(2)(d), 15(3)(c)). */
export const ForwardAgencyRequest = command('ForwardAgencyRequest', { requestId: NonEmptyString });
/** Decide the request: approve, or refuse with a written reason (Art. 15(2)(dd), 15(3)(d)). */
export const DecideAgencyRequest = command('DecideAgencyRequest', {
  requestId: NonEmptyString,
  decision: t.union([t.type({ approve: t.literal(true) }), t.type({ approve: t.literal(false), reason: t.string })]),
});
/** The guardian or representative consents to the use of the account (Art. 14(2)). */
export const GiveGuardianConsent = command('GiveGuardianConsent', {});
/** The guardian or representative withdraws consent. */
export const WithdrawGuardianConsent = command('WithdrawGuardianConsent', {});
/** Bring in an account granted under Decree 59/2022/ND-CP (Art. 40(5)). */
export const CarryOverAccount = command('CarryOverAccount', {
  subject: SubjectCodec,
  level: t.union([t.literal(1), t.literal(2), t.null]),
  grantedAt: InstantCodec,
});

/** Every command on an identity subject's account. */
export const AccountCommandCodec = t.union([
  RequestAccount,
  VerifyIdentity,
  GrantAccount,
  RefuseAccount,
  ActivateAccount,
  UpdateIdentity,
  ReviewLockGrounds,
  RequestLock,
  RequestUnlock,
  RecordAgreementViolation,
  RecordViolationRemedied,
  ReceiveAgencyRequest,
  ForwardAgencyRequest,
  DecideAgencyRequest,
  GiveGuardianConsent,
  WithdrawGuardianConsent,
  CarryOverAccount,
]);
export type AccountCommand = t.TypeOf<typeof AccountCommandCodec>;
export type AccountCommandType = AccountCommand['type'];
export type CommandOf<T extends AccountCommandType> = Extract<AccountCommand, { type: T }>;
