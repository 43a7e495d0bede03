import {
  AUTHENTICATION_LEVEL_BASIS,
  type Actor,
  type AuthenticationLevel,
  type Citation,
  type Instant,
  type Means,
  type StoredEvent,
  art,
  formatCitation,
  formatVietnamInstant,
  parseInstant,
} from '@dinhdanh/core';
import * as E from 'fp-ts/lib/Either.js';
import type { KeyedModel, KeyedProjection, ProjectedEvent } from '../projection.js';
import { isLoginStream, shiftYearsMs, subjectOrLoginKey } from './common.js';

/** One login to an account (Art. 17(2)), with the authentication level its means reached (Art. 20(1)). */
export interface LoginRecord {
  readonly position: number;
  readonly at: Instant;
  readonly recordedAt: string;
  readonly by: Actor;
  readonly means: readonly Means[];
  readonly authenticationLevel: AuthenticationLevel;
  /** The point of Art. 20(1) defining the level. */
  readonly levelBasis: Citation;
}

/** A subject's logins, and who besides the holder may read them. */
export interface LoginHistoryPartition {
  readonly subjectId: string;
  /** Guardians, representatives and legal representatives who applied for the subject (Arts. 10-12, 14(2)). */
  readonly applicants: readonly string[];
  /** The guardian or representative whose consent to use the account stands (Art. 14(2)). */
  readonly consentingGuardian: string | null;
  readonly logins: readonly LoginRecord[];
}

/** The login history read model: partitions by subject id. */
export type LoginHistoryModel = KeyedModel<LoginHistoryPartition>;

const apply = (p: LoginHistoryPartition, stored: StoredEvent<ProjectedEvent>): LoginHistoryPartition => {
  const e = stored.data;
  if (isLoginStream(stored)) {
    if (e.type !== 'LoginRecorded') return p;
    const record: LoginRecord = {
      position: stored.position,
      at: e.at,
      recordedAt: stored.recordedAt,
      by: e.by,
      means: e.means,
      authenticationLevel: e.authenticationLevel,
      levelBasis: AUTHENTICATION_LEVEL_BASIS[e.authenticationLevel],
    };
    return { ...p, logins: [...p.logins, record] };
  }
  switch (e.type) {
    case 'AccountRequested': {
      const a = e.request.applicant;
      return a.role === 'self' || p.applicants.includes(a.personId)
        ? p
        : { ...p, applicants: [...p.applicants, a.personId] };
    }
    case 'GuardianConsentGiven':
      return { ...p, consentingGuardian: e.guardianId };
    case 'GuardianConsentWithdrawn':
      return { ...p, consentingGuardian: null };
    default:
      return p;
  }
};

/**
 * The login history read model (Art. 17(2)): each account's logins with the authentication level of Art. 20(1),
 * and the guardians and representatives who may read them for the holder. Folds `login-<id>` streams and, for the
 * applicants and consents, `subject-<id>` streams. Read it through {@link readLoginHistory}, which enforces who may.
 */
export const loginHistoryProjection: KeyedProjection<LoginHistoryPartition> = {
  kind: 'keyed',
  name: 'login-history',
  version: 1,
  keyOf: subjectOrLoginKey,
  init: (subjectId) => ({ subjectId, applicants: [], consentingGuardian: null, logins: [] }),
  apply,
};

/** A reader who is neither the account holder nor the management agency (Art. 17(2); Art. 19(4)). */
export interface LoginHistoryAccessDenied {
  readonly _tag: 'LoginHistoryAccessDenied';
  readonly reader: Actor;
  readonly subjectId: string;
  readonly legalBasis: readonly Citation[];
  readonly message: string;
}

/** Who reads whose login history. A subject reading as `{ role: 'subject', id }` is the holder when `id` is the subject id. */
export interface LoginHistoryRead {
  readonly reader: Actor;
  readonly subjectId: string;
}

const ACTING_FOR: readonly Actor['role'][] = ['guardian', 'representative', 'legal-representative'];

/**
 * A subject's logins, oldest first, for a reader the decree allows (Art. 17(2)): the account holder (a subject
 * reading their own account, or their guardian, representative or legal representative who applied for them or whose
 * consent stands) or the management agency, for state management. Anyone else gets `LoginHistoryAccessDenied`: other
 * cases "must comply with law", which this library cannot judge, and authentication results may not be passed to
 * others (Art. 19(4)).
 */
export const readLoginHistory = (
  model: LoginHistoryModel,
  { reader, subjectId }: LoginHistoryRead,
): E.Either<LoginHistoryAccessDenied, readonly LoginRecord[]> => {
  const p = model.get(subjectId);
  const allowed =
    reader.role === 'management-agency' ||
    (reader.role === 'subject' && reader.id === subjectId) ||
    (ACTING_FOR.includes(reader.role) &&
      p !== undefined &&
      (p.applicants.includes(reader.id) || p.consentingGuardian === reader.id));
  if (allowed) return E.right(p?.logins ?? []);
  const basis = [art(17, 2), art(19, 4)];
  return E.left({
    _tag: 'LoginHistoryAccessDenied',
    reader,
    subjectId,
    legalBasis: basis,
    message:
      `${reader.role} ${reader.id} may not read the login history of ${subjectId}: it is open to the account holder ` +
      `(or their guardian or representative) and to the management agency only (${formatCitation(basis[0] ?? art(17, 2))}), ` +
      `and authentication results may not be shared with others (${formatCitation(basis[1] ?? art(19, 4))})`,
  });
};

/** How long logins are kept at least: five years from the time of login (Art. 17(2)). */
export const LOGIN_RETENTION_YEARS = 5;

/** The as-of instant or cut-off is not an ISO-8601 instant. */
export interface InvalidRetentionQuery {
  readonly _tag: 'InvalidRetentionQuery';
  readonly message: string;
}

/** A purge would remove logins younger than five years (Art. 17(2)). */
export interface RetentionViolation {
  readonly _tag: 'RetentionViolation';
  readonly requestedCutoff: Instant;
  readonly latestLawfulCutoff: Instant;
  readonly legalBasis: Citation;
  readonly message: string;
}

/**
 * The latest cut-off for purging logins as of an instant: five calendar years before it, on Vietnam's wall clock
 * (Art. 17(2)). Logins at or before it may be purged; nothing later. 29 February goes back to 28 February.
 */
export const purgeableBefore = (asOf: Instant): E.Either<InvalidRetentionQuery, Instant> => {
  const at = parseInstant(asOf);
  return E.isLeft(at)
    ? E.left({ _tag: 'InvalidRetentionQuery', message: at.left.message })
    : E.right(formatVietnamInstant(shiftYearsMs(at.right, -LOGIN_RETENTION_YEARS)));
};

/**
 * Checks a requested purge cut-off against Art. 17(2): refused when it would remove a login younger than five years
 * as of `asOf`. The event store itself has no delete operation; a login store with a retention policy asks this first.
 */
export const checkLoginPurge = (
  cutoff: Instant,
  asOf: Instant,
): E.Either<InvalidRetentionQuery | RetentionViolation, Instant> => {
  const limit = purgeableBefore(asOf);
  if (E.isLeft(limit)) return limit;
  const c = parseInstant(cutoff);
  if (E.isLeft(c)) return E.left({ _tag: 'InvalidRetentionQuery', message: c.left.message });
  if (c.right <= Date.parse(limit.right)) return E.right(cutoff);
  return E.left({
    _tag: 'RetentionViolation',
    requestedCutoff: cutoff,
    latestLawfulCutoff: limit.right,
    legalBasis: art(17, 2),
    message:
      `purging logins up to ${cutoff} would remove logins younger than five years as of ${asOf}; the latest lawful ` +
      `cut-off is ${limit.right} (${formatCitation(art(17, 2))})`,
  });
};

/** A subject's logins that may be purged as of an instant: those at least five years old (Art. 17(2)). */
export const purgeableLogins = (
  model: LoginHistoryModel,
  subjectId: string,
  asOf: Instant,
): E.Either<InvalidRetentionQuery, readonly LoginRecord[]> =>
  E.map((limit: Instant) => {
    const ms = Date.parse(limit);
    return (model.get(subjectId)?.logins ?? []).filter((l) => Date.parse(l.at) <= ms);
  })(purgeableBefore(asOf));
