import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { type Citation, art } from './citation.js';
import { type Rejection, reject } from './rejection.js';

/**
 * Who acts. The decree gives each step to a role: the subject or their guardian, representative or legal
 * representative applies (Arts. 10-12); a receiving officer takes in-person dossiers (Arts. 10(2)(c), 11(2)(c));
 * the management agency grants, locks and unlocks (Art. 16), the system acting for it in the automatic cases
 * (Art. 15(1), 15(2)(a)-(b), 15(3)(a)); the Public Security agency that receives a competent agency's request
 * forwards it (Art. 15(2)(d), 15(3)(c)); a proceeding-conducting or other competent agency requests (Art. 15(2)(c)).
 */
export const RoleCodec = t.keyof({
  subject: null,
  guardian: null,
  representative: null,
  'legal-representative': null,
  'receiving-officer': null,
  'management-agency': null,
  system: null,
  'public-security': null,
  'competent-agency': null,
});
export type Role = t.TypeOf<typeof RoleCodec>;

/** The person, officer, agency or system that issues a command. */
export const ActorCodec = t.type({ role: RoleCodec, id: t.string });
export type Actor = t.TypeOf<typeof ActorCodec>;

/** The acts that the decree reserves to a role. */
export type ReservedAct = 'grant' | 'refuse' | 'lock' | 'unlock' | 'verify' | 'forward' | 'decide-agency-request';

const COMPETENT: Readonly<Record<ReservedAct, readonly Role[]>> = {
  grant: ['management-agency', 'system'],
  refuse: ['management-agency', 'system'],
  lock: ['management-agency', 'system'],
  unlock: ['management-agency', 'system'],
  verify: ['management-agency', 'system', 'receiving-officer'],
  forward: ['public-security'],
  'decide-agency-request': ['management-agency'],
};

/**
 * Only the electronic identification and authentication management agency grants, locks and unlocks accounts
 * (Art. 16); the system acts for it in automatic cases (Art. 15). Forwarding a competent agency's request belongs to
 * the receiving Public Security agency (Art. 15(2)(d), 15(3)(c)) and deciding it to the head of the Ministry's
 * identity management agency (Art. 15(2)(dd), 15(3)(d)), part of the management agency (Art. 3(4)). `clause` names
 * the step's own clause where it depends on the case (a card's request cites Arts. 29-30, an account's Art. 15).
 */
export const checkCompetence = (act: ReservedAct, actor: Actor, clause?: Citation): E.Either<Rejection, void> => {
  if (COMPETENT[act].includes(actor.role)) return E.right(undefined);
  const citation =
    clause ??
    (act === 'forward'
      ? art(15, 2, 'd')
      : act === 'decide-agency-request'
        ? art(15, 2, 'dd')
        : act === 'verify'
          ? art(10, 1, 'c') // "the management agency checks and authenticates information"
          : art(16));
  return E.left(
    reject('NotCompetent', citation, `a ${actor.role} may not ${act}; only ${COMPETENT[act].join(' or ')} may`),
  );
};
