import type {
  AccountEvent,
  AccountLockGround,
  Actor,
  CardLockGround,
  Citation,
  Instant,
  StoredEvent,
  SubjectKind,
  accountStatus,
} from '@dinhdanh/core';
import type { KeyedModel, KeyedProjection, ProjectedEvent } from '../projection.js';
import { sortedValues, subjectKey } from './common.js';

/** An account's lifecycle status, as core's `accountStatus` derives it. */
export type AccountStatus = ReturnType<typeof accountStatus>;

/** A lock ground that stands, since when, on what legal basis, and who recorded it. */
export interface GroundSince<G extends string> {
  readonly ground: G;
  readonly since: Instant;
  readonly legalBasis: Citation;
  readonly by: Actor;
}

/** A citizen's electronic identity card (Arts. 28-30). */
export interface CardRow {
  readonly issuedAt: Instant;
  readonly locked: boolean;
  readonly lockGrounds: readonly GroundSince<CardLockGround>[];
}

/** A request received and not yet decided. */
export interface PendingRow {
  readonly requestedAt: Instant;
  readonly level: 1 | 2 | null;
  readonly dueBy: Instant;
  readonly verified: boolean;
  /** The guardian or representative who applied for the subject, if one did (Arts. 10-11). */
  readonly guardian: string | null;
}

/** One row per identity subject: the account as it stands. */
export interface AccountRow {
  readonly subjectId: string;
  readonly kind: SubjectKind | null;
  readonly status: AccountStatus;
  /** The granted level (`null` for an organisation's account, or when no account is granted). */
  readonly level: 1 | 2 | null;
  readonly hasAccount: boolean;
  readonly pending: PendingRow | null;
  readonly grantedAt: Instant | null;
  readonly activatedAt: Instant | null;
  readonly activationChannel: 'app' | 'hotline' | null;
  /** Granted under Decree 59/2022/ND-CP and carried over (Art. 40(5)). */
  readonly carriedOver: boolean;
  /** Locked exactly while this is not empty (Art. 15). */
  readonly lockGrounds: readonly GroundSince<AccountLockGround>[];
  readonly electronicIdentityCard: CardRow | null;
  /** The guardian or representative who applied for the account (Art. 14(2)). */
  readonly guardian: string | null;
  /** The guardian or representative whose consent to use the account stands (Art. 14(2)). */
  readonly guardianConsent: string | null;
  readonly lastRefusal: { readonly at: Instant; readonly reason: string } | null;
  readonly lastEventAt: Instant | null;
}

/** The accounts read model: rows by subject id. */
export type AccountsModel = KeyedModel<AccountRow>;

const emptyRow = (subjectId: string): AccountRow => ({
  subjectId,
  kind: null,
  status: 'none',
  level: null,
  hasAccount: false,
  pending: null,
  grantedAt: null,
  activatedAt: null,
  activationChannel: null,
  carriedOver: false,
  lockGrounds: [],
  electronicIdentityCard: null,
  guardian: null,
  guardianConsent: null,
  lastRefusal: null,
  lastEventAt: null,
});

const statusOf = (r: AccountRow): AccountStatus => {
  if (!r.hasAccount) return r.pending === null ? 'none' : r.pending.verified ? 'verified' : 'requested';
  if (r.lockGrounds.length > 0) return 'locked';
  return r.activatedAt === null ? 'granted' : 'activated';
};

const addGround = <G extends string>(
  grounds: readonly GroundSince<G>[],
  ground: G,
  e: AccountEvent,
): readonly GroundSince<G>[] =>
  grounds.some((g) => g.ground === ground)
    ? grounds
    : [...grounds, { ground, since: e.at, legalBasis: e.legalBasis, by: e.by }];

const removeGround = <G extends string>(grounds: readonly GroundSince<G>[], ground: G): readonly GroundSince<G>[] =>
  grounds.filter((g) => g.ground !== ground);

const card = (c: CardRow, grounds: readonly GroundSince<CardLockGround>[]): CardRow => ({
  ...c,
  lockGrounds: grounds,
  locked: grounds.length > 0,
});

/** The next row after one of the subject's events; mirrors core's `evolve`. */
const next = (r: AccountRow, e: AccountEvent): AccountRow => {
  switch (e.type) {
    case 'AccountRequested': {
      const a = e.request.applicant;
      return {
        ...r,
        kind: e.request.subject.kind,
        pending: {
          requestedAt: e.at,
          level: e.request.level,
          dueBy: e.dueBy,
          verified: false,
          guardian: a.role === 'guardian' || a.role === 'representative' ? a.personId : null,
        },
      };
    }
    case 'IdentityVerified':
    case 'IdentityVerificationFailed':
      return r.pending === null ? r : { ...r, pending: { ...r.pending, verified: e.type === 'IdentityVerified' } };
    case 'AccountGranted':
      return {
        ...r,
        pending: null,
        hasAccount: true,
        level: e.level,
        grantedAt: e.at,
        carriedOver: false,
        guardian: r.pending?.guardian ?? r.guardian,
      };
    case 'AccountRefused':
      return { ...r, pending: null, lastRefusal: { at: e.at, reason: e.reason } };
    case 'AccountActivated':
      return r.hasAccount ? { ...r, activatedAt: e.at, activationChannel: e.channel } : r;
    case 'IdentityUpdated':
      return { ...r, kind: e.subject.kind };
    case 'AccountLocked':
    case 'LockGroundAdded':
      return { ...r, lockGrounds: addGround(r.lockGrounds, e.ground, e) };
    case 'LockGroundCeased':
    case 'AccountUnlocked':
      return { ...r, lockGrounds: removeGround(r.lockGrounds, e.ground) };
    case 'ElectronicIdentityCardIssued':
      return { ...r, electronicIdentityCard: { issuedAt: e.at, locked: false, lockGrounds: [] } };
    case 'ElectronicIdentityCardLocked':
    case 'CardLockGroundAdded': {
      const c = r.electronicIdentityCard;
      return c === null ? r : { ...r, electronicIdentityCard: card(c, addGround(c.lockGrounds, e.ground, e)) };
    }
    case 'CardLockGroundCeased':
    case 'ElectronicIdentityCardUnlocked': {
      const c = r.electronicIdentityCard;
      return c === null ? r : { ...r, electronicIdentityCard: card(c, removeGround(c.lockGrounds, e.ground)) };
    }
    case 'GuardianConsentGiven':
      return { ...r, guardianConsent: e.guardianId };
    case 'GuardianConsentWithdrawn':
      return { ...r, guardianConsent: null };
    case 'AccountCarriedOver':
      return {
        ...r,
        kind: e.subject.kind,
        hasAccount: true,
        level: e.level,
        grantedAt: e.grantedAt,
        activatedAt: e.grantedAt,
        activationChannel: null,
        carriedOver: true,
        guardian: null,
      };
    case 'AgencyRequestReceived':
    case 'AgencyRequestForwarded':
    case 'AgencyRequestApproved':
    case 'AgencyRequestRefused':
      return r;
  }
};

/** Applies one event of the subject's stream to its row (login events leave it as it is). */
export const applyAccountEvent = (r: AccountRow, stored: StoredEvent<ProjectedEvent>): AccountRow => {
  const e = stored.data;
  if (e.type === 'LoginRecorded') return r;
  const n = next(r, e);
  if (n === r) return { ...r, status: statusOf(r), lastEventAt: e.at };
  // `next` made a new row for this event and nobody else holds it yet: finishing it in place saves a second copy
  // per event (the rebuild's main cost in profiles).
  const fresh = n as { -readonly [K in keyof AccountRow]: AccountRow[K] };
  fresh.status = statusOf(n);
  fresh.lastEventAt = e.at;
  return fresh;
};

/**
 * The accounts read model: one row per identity subject with its kind, level, status, lock grounds (since when, on
 * which clause, recorded by whom), grant and activation instants, electronic identity card and guardian. Folds the
 * `subject-<id>` streams.
 */
export const accountsProjection: KeyedProjection<AccountRow> = {
  kind: 'keyed',
  name: 'accounts',
  version: 1,
  keyOf: subjectKey,
  init: emptyRow,
  apply: applyAccountEvent,
};

/** The row of one subject. */
export const accountOf = (model: AccountsModel, subjectId: string): AccountRow | undefined => model.get(subjectId);

/** The rows with a status, by subject id. */
export const accountsByStatus = (model: AccountsModel, status: AccountStatus): AccountRow[] =>
  sortedValues(model, (r) => r.status === status);

/** The accounts locked on a ground (among others, maybe), by subject id. */
export const accountsByGround = (model: AccountsModel, ground: AccountLockGround): AccountRow[] =>
  sortedValues(model, (r) => r.lockGrounds.some((g) => g.ground === ground));
