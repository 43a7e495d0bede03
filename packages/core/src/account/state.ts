import type { Instant } from '../calendar/civilDate.js';
import type { Citation } from '../decree/citation.js';
import type { AccountLevel } from '../decree/eligibility.js';
import type { AccountLockGround, CardLockGround } from '../decree/locking.js';
import type { AccountRequest, Verification } from '../decree/procedures.js';
import type { Subject } from './subject.js';

/** A request received and not yet granted or refused. */
export interface PendingRequest {
  readonly request: AccountRequest;
  readonly receivedAt: Instant;
  readonly dueBy: Instant;
  readonly timeLimit: Citation;
  readonly verification: Verification | null;
}

/** The granted account. */
export interface GrantedAccount {
  readonly level: AccountLevel;
  readonly grantedAt: Instant;
  readonly activatedAt: Instant | null;
  /** Granted under Decree 59/2022/ND-CP and carried over (Art. 40(5)). */
  readonly carriedOver: boolean;
  /** The guardian or representative who applied for the subject, whose consent Art. 14(2) asks for. */
  readonly guardian: string | null;
}

/** A competent agency's request and how far it has gone (Art. 15(2)(c)-(dd), 15(3)(b)-(d); Arts. 29-30). */
export interface AgencyRequestState {
  readonly requestId: string;
  readonly action: 'lock' | 'unlock';
  readonly target: 'account' | 'electronic-identity-card';
  readonly agency: string;
  readonly receivedAt: Instant;
  readonly forwardBy: Instant;
  readonly forwardedAt: Instant | null;
  readonly decideBy: Instant | null;
  readonly decision: 'approved' | 'refused' | null;
}

/** A citizen's electronic identity card (Arts. 28-30). Locked while it has a ground. */
export interface ElectronicIdentityCard {
  readonly issuedAt: Instant;
  readonly lockGrounds: readonly CardLockGround[];
}

/**
 * The state of one identity subject's account, folded from its stream. Locked exactly while `lockGrounds` is not
 * empty (Art. 15): the lock status is derived, never stored apart from its grounds.
 */
export interface AccountState {
  readonly subject: Subject | null;
  readonly pending: PendingRequest | null;
  readonly account: GrantedAccount | null;
  readonly lockGrounds: readonly AccountLockGround[];
  readonly card: ElectronicIdentityCard | null;
  readonly agencyRequests: Readonly<Record<string, AgencyRequestState>>;
  /** The guardian or representative whose consent to use the account stands (Art. 14(2)). */
  readonly guardianConsent: string | null;
  /** The instant of the last event. */
  readonly lastAt: Instant | null;
}

/** The state of a subject with no events. */
export const initialState: AccountState = {
  subject: null,
  pending: null,
  account: null,
  lockGrounds: [],
  card: null,
  agencyRequests: {},
  guardianConsent: null,
  lastAt: null,
};

/** Whether the account is locked: at least one ground remains (Art. 15). */
export const isLocked = (s: AccountState): boolean => s.lockGrounds.length > 0;

/** Whether the electronic identity card is locked. */
export const isCardLocked = (s: AccountState): boolean => s.card !== null && s.card.lockGrounds.length > 0;

/** The account's lifecycle status, for people: derived from the state. */
export const accountStatus = (
  s: AccountState,
): 'none' | 'requested' | 'verified' | 'granted' | 'activated' | 'locked' => {
  if (s.account === null)
    return s.pending === null ? 'none' : s.pending.verification === null ? 'requested' : 'verified';
  if (isLocked(s)) return 'locked';
  return s.account.activatedAt === null ? 'granted' : 'activated';
};
