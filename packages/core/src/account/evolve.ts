import type { AccountEvent } from './events.js';
import type { AccountState } from './state.js';

const without = <T>(xs: readonly T[], x: T): readonly T[] => xs.filter((y) => y !== x);

/** The guardian or representative who applied on the pending request, if one did. */
const guardianOf = (s: AccountState): string | null => {
  const a = s.pending?.request.applicant;
  return a !== undefined && (a.role === 'guardian' || a.role === 'representative') ? a.personId : null;
};

/**
 * Applies one event to the state (DESIGN idea 1). Total and pure: every event of a stream, however old, folds; the
 * decider is what keeps unlawful events out.
 */
export const evolve = (s: AccountState, e: AccountEvent): AccountState => {
  // One copy of the state per event, with lastAt set in the same literal: a fold is on every command and replay.
  const lastAt = e.at;
  switch (e.type) {
    case 'AccountRequested':
      return {
        ...s,
        lastAt,
        subject: e.request.subject,
        pending: { request: e.request, receivedAt: e.at, dueBy: e.dueBy, timeLimit: e.timeLimit, verification: null },
      };
    case 'IdentityVerified':
      return s.pending === null
        ? { ...s, lastAt }
        : { ...s, lastAt, pending: { ...s.pending, verification: e.verification } };
    case 'IdentityVerificationFailed':
      return s.pending === null ? { ...s, lastAt } : { ...s, lastAt, pending: { ...s.pending, verification: null } };
    case 'AccountGranted':
      return {
        ...s,
        lastAt,
        pending: null,
        account: {
          level: e.level,
          grantedAt: e.at,
          activatedAt: s.account?.activatedAt ?? null,
          carriedOver: false,
          guardian: guardianOf(s) ?? s.account?.guardian ?? null,
        },
      };
    case 'AccountRefused':
      return { ...s, lastAt, pending: null };
    case 'AccountActivated':
      return s.account === null ? { ...s, lastAt } : { ...s, lastAt, account: { ...s.account, activatedAt: e.at } };
    case 'IdentityUpdated':
      return { ...s, lastAt, subject: e.subject };
    case 'AccountLocked':
    case 'LockGroundAdded':
      return s.lockGrounds.includes(e.ground)
        ? { ...s, lastAt }
        : { ...s, lastAt, lockGrounds: [...s.lockGrounds, e.ground] };
    case 'LockGroundCeased':
    case 'AccountUnlocked':
      return { ...s, lastAt, lockGrounds: without(s.lockGrounds, e.ground) };
    case 'AgencyRequestReceived':
      return {
        ...s,
        lastAt,
        agencyRequests: {
          ...s.agencyRequests,
          [e.requestId]: {
            requestId: e.requestId,
            action: e.action,
            target: e.target,
            agency: e.agency,
            receivedAt: e.at,
            forwardBy: e.forwardBy,
            forwardedAt: null,
            decideBy: null,
            decision: null,
          },
        },
      };
    case 'AgencyRequestForwarded':
    case 'AgencyRequestApproved':
    case 'AgencyRequestRefused': {
      const r = s.agencyRequests[e.requestId];
      if (r === undefined) return { ...s, lastAt };
      const updated =
        e.type === 'AgencyRequestForwarded'
          ? { ...r, forwardedAt: e.at, decideBy: e.decideBy }
          : { ...r, decision: e.type === 'AgencyRequestApproved' ? ('approved' as const) : ('refused' as const) };
      return { ...s, lastAt, agencyRequests: { ...s.agencyRequests, [e.requestId]: updated } };
    }
    case 'ElectronicIdentityCardIssued':
      return { ...s, lastAt, card: { issuedAt: e.at, lockGrounds: [] } };
    case 'ElectronicIdentityCardLocked':
    case 'CardLockGroundAdded':
      return s.card === null || s.card.lockGrounds.includes(e.ground)
        ? { ...s, lastAt }
        : { ...s, lastAt, card: { ...s.card, lockGrounds: [...s.card.lockGrounds, e.ground] } };
    case 'CardLockGroundCeased':
    case 'ElectronicIdentityCardUnlocked':
      return s.card === null
        ? { ...s, lastAt }
        : { ...s, lastAt, card: { ...s.card, lockGrounds: without(s.card.lockGrounds, e.ground) } };
    case 'GuardianConsentGiven':
      return { ...s, lastAt, guardianConsent: e.guardianId };
    case 'GuardianConsentWithdrawn':
      return { ...s, lastAt, guardianConsent: null };
    case 'AccountCarriedOver':
      return {
        ...s,
        lastAt,
        subject: e.subject,
        account: {
          level: e.level,
          grantedAt: e.grantedAt,
          activatedAt: e.grantedAt,
          carriedOver: true,
          guardian: null,
        },
      };
    default:
      return { ...s, lastAt };
  }
};

/** Folds a stream's events from the initial state. */
export const fold = (initial: AccountState, events: Iterable<AccountEvent>): AccountState => {
  let s = initial;
  for (const e of events) s = evolve(s, e);
  return s;
};
