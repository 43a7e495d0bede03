import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { parseInstant, vietnamDateOfMs } from '../calendar/civilDate.js';
import { InstantCodec } from '../calendar/codecs.js';
import { type AuthenticationLevel, MeansListCodec, authenticationLevel } from '../decree/authenticationLevels.js';
import { CitationCodec, art } from '../decree/citation.js';
import { ActorCodec } from '../decree/competence.js';
import { actsThroughGuardian } from '../decree/procedures.js';
import { type Rejection, reject } from '../decree/rejection.js';
import { type AccountState, isLocked } from './state.js';
import { NonEmptyString } from './subject.js';

/** Log in to an account with the means presented (Arts. 14, 20). */
export const RecordLoginCodec = t.type({
  type: t.literal('RecordLogin'),
  commandId: NonEmptyString,
  subjectId: NonEmptyString,
  at: InstantCodec,
  by: ActorCodec,
  means: MeansListCodec,
  /** The authentication level the service asks for (Art. 21(1)). */
  requiredLevel: t.union([t.literal(1), t.literal(2), t.literal(3), t.literal(4)]),
});
export type RecordLogin = t.TypeOf<typeof RecordLoginCodec>;

/**
 * A login, kept in the subject's login stream for at least five years from the login (Art. 17(2)), apart from the
 * identity stream that is kept forever (Art. 17(1)).
 */
export const LoginRecordedCodec = t.type({
  type: t.literal('LoginRecorded'),
  v: t.literal(1),
  at: InstantCodec,
  by: ActorCodec,
  legalBasis: CitationCodec,
  means: MeansListCodec,
  authenticationLevel: t.union([t.literal(1), t.literal(2), t.literal(3), t.literal(4)]),
});
export type LoginRecorded = t.TypeOf<typeof LoginRecordedCodec>;

/**
 * Decides a login against the subject's account: the account must be granted, activated and not locked; the means
 * must reach the level asked for (Art. 20(1)); and the account of a person under 14, under guardianship or
 * represented is used by the holder or guardian only with the guardian's consent standing (Art. 14(2)).
 */
export const decideLogin = (c: RecordLogin, s: AccountState): E.Either<Rejection, LoginRecorded> => {
  const atMs = parseInstant(c.at);
  if (E.isLeft(atMs)) return E.left(reject('InvalidInstant', art(17, 2), atMs.left.message));
  const subject = s.subject;
  if (s.account === null || subject === null)
    return E.left(reject('NoAccount', art(14, 1), 'there is no granted account'));
  if (s.account.activatedAt === null)
    return E.left(reject('NotActivated', art(14, 1), 'the account has not been activated'));
  if (isLocked(s))
    return E.left(reject('AccountLocked', art(15), `the account is locked (${s.lockGrounds.join(', ')})`));
  if (actsThroughGuardian(subject, vietnamDateOfMs(atMs.right))) {
    if (s.guardianConsent === null) {
      return E.left(
        reject(
          'GuardianConsentMissing',
          art(14, 2),
          "the use of this account needs the guardian's or representative's consent",
        ),
      );
    }
    if (c.by.role !== 'subject' && !(c.by.role === 'guardian' || c.by.role === 'representative')) {
      return E.left(
        reject('NotTheHolder', art(14, 2), 'the account is used by its holder or their guardian or representative'),
      );
    }
  }
  const level = authenticationLevel(c.means);
  if (level.level < c.requiredLevel) {
    return E.left(
      reject('AuthenticationLevelTooLow', level.citation, `level ${c.requiredLevel} is required; ${level.reason}`),
    );
  }
  return E.right({
    type: 'LoginRecorded',
    v: 1,
    at: c.at,
    by: c.by,
    legalBasis: art(17, 2),
    means: c.means,
    authenticationLevel: level.level as AuthenticationLevel,
  });
};
