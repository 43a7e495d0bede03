import {
  type AccountEvent,
  type Actor,
  type Citation,
  type CivilDate,
  type Instant,
  type Subject,
  type TimeLimit,
  type Verification,
  type WorkingCalendar,
  addDays,
  art,
  startOfVietnamDayMs,
  vietnamDateOfMs,
} from '@dinhdanh/core';
import type { Finding, Severity } from './finding.js';
import { agencyLimits, endMs, grantLimitFor } from './limits.js';

// The audit's own reading of an identity subject's history: what it needs to remember per subject, folded from the
// events without calling the decider. Bounded per subject (a few sets and the subject's agency requests).

/** A competent agency's request as the audit follows it (Art. 15(2)(c)-(dd), 15(3)(b)-(d); Arts. 29-30). */
export interface AgencyRequestTrack {
  readonly action: 'lock' | 'unlock';
  readonly target: 'account' | 'electronic-identity-card';
  readonly receivedAt: Instant;
  /** The end of the 1 working day to forward, or `null` where the calendar cannot tell. */
  readonly forwardDueMs: number | null;
  forwardedAt: Instant | null;
  decideDueMs: number | null;
  decision: 'approved' | 'refused' | null;
}

/** A ground whose condition and record disagree: arisen but not recorded, or recorded but gone. */
export interface Mismatch {
  readonly kind: 'unrecorded' | 'stale';
  readonly sinceMs: number;
  readonly deadlineMs: number;
}

/** What the audit remembers of one identity subject. */
export interface SubjectTrack {
  readonly subjectId: string;
  readonly streamId: string;
  /** The identity as the stream last stated it (a dossier, an update from the national databases, a carry-over). */
  identity: Subject | null;
  /** The first day of death ever recorded: death is permanent, whatever a later record says. */
  deathOn: CivilDate | null;
  pending: {
    readonly level: 1 | 2 | null;
    readonly subject: Subject;
    readonly receivedAt: Instant;
    readonly limit: TimeLimit;
    readonly dueMs: number | null;
    verification: Verification | null;
  } | null;
  account: {
    level: 1 | 2 | null;
    grantedAt: Instant;
    grantedMs: number;
    activated: boolean;
    carriedOver: boolean;
  } | null;
  readonly grounds: Set<string>;
  card: { readonly grounds: Set<string> } | null;
  readonly agencyRequests: Map<string, AgencyRequestTrack>;
  /** Approved competent-agency requests not yet applied, by `target:action`. */
  readonly approvals: Set<string>;
  /** The guardian or representative whose consent to use the account stands (Art. 14(2)). */
  consent: string | null;
  lastAtMs: number | null;
  lastRevision: number | null;
  // Locking (see checks/locking.ts): grounds wanted at the last checkpoint, and open mismatches.
  wanted: Set<string>;
  lastCheckMs: number | null;
  readonly mismatches: Map<string, Mismatch>;
}

/** A new, empty track for a subject. */
export const newTrack = (subjectId: string, streamId: string): SubjectTrack => ({
  subjectId,
  streamId,
  identity: null,
  deathOn: null,
  pending: null,
  account: null,
  grounds: new Set(),
  card: null,
  agencyRequests: new Map(),
  approvals: new Set(),
  consent: null,
  lastAtMs: null,
  lastRevision: null,
  wanted: new Set(),
  lastCheckMs: null,
  mismatches: new Map(),
});

/** Where an event sits and when it happened. */
export interface EventCtx {
  readonly streamId: string;
  readonly subjectId: string;
  readonly revision: number;
  readonly line?: number;
  readonly at: Instant;
  readonly atMs: number;
  readonly day: CivilDate;
}

/** What every check receives: the calendar, the as-of instant and where to put findings. */
export interface AuditEnv {
  readonly calendar: WorkingCalendar;
  readonly asOf: Instant;
  readonly asOfMs: number;
  readonly emit: (f: Finding) => void;
}

/** Emits a finding about the event in `ctx`. */
export const report = (
  env: AuditEnv,
  ctx: EventCtx,
  check: string,
  severity: Severity,
  citation: Citation,
  required: string,
  found: string,
): void =>
  env.emit({
    check,
    severity,
    subjectId: ctx.subjectId,
    streamId: ctx.streamId,
    revision: ctx.revision,
    ...(ctx.line === undefined ? {} : { line: ctx.line }),
    at: ctx.at,
    citation,
    required,
    found,
  });

/** Emits a finding about a subject as a whole (an omission), at an instant. */
export const reportOmission = (
  env: AuditEnv,
  s: SubjectTrack,
  check: string,
  severity: Severity,
  at: Instant,
  citation: Citation,
  required: string,
  found: string,
): void => env.emit({ check, severity, subjectId: s.subjectId, streamId: s.streamId, at, citation, required, found });

// ---------------------------------------------------------------------------------------------------------------
// The audit's reading of the subject-related facts of Arts. 7, 14(2) and 15.

/** The day in `year` of a birthday: 29 February falls on 1 March in a common year (only then are N years full). */
const birthdayIn = (dob: CivilDate, year: number): string => {
  const monthDay = dob.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !leap ? '03-01' : monthDay}`;
};

/** Age in full years on a day: the birthdays reached on or before it (Art. 7 "aged full N years"). */
export const fullYears = (dob: CivilDate, on: CivilDate): number => {
  const year = Number(on.slice(0, 4));
  const age = year - Number(dob.slice(0, 4));
  return on >= birthdayIn(dob, year) ? age : age - 1;
};

/** Whether a person acts through a guardian or representative on a day: under 14, under guardianship, represented. */
export const needsGuardian = (s: Subject, on: CivilDate): boolean =>
  s.kind !== 'organisation' && (fullYears(s.dateOfBirth, on) < 14 || s.legalCapacity !== 'full');

/** The first instant a document valid through `lastDay` is expired: 00:00 in Vietnam the day after. */
export const expiredFromMs = (lastDay: CivilDate): number => {
  // Asked twice per event of every subject with a document (each checkpoint), for a handful of distinct days.
  const known = expiredCache.get(lastDay);
  if (known !== undefined) return known;
  const ms = startOfVietnamDayMs(addDays(lastDay, 1));
  if (expiredCache.size >= EXPIRED_CACHE_SIZE) expiredCache.clear();
  expiredCache.set(lastDay, ms);
  return ms;
};

const EXPIRED_CACHE_SIZE = 4096;
const expiredCache = new Map<CivilDate, number>();

/** The Vietnamese day of an instant in milliseconds. */
export const dayOfMs = (ms: number): CivilDate => vietnamDateOfMs(ms);

/** The roles that act for a subject: the subject, their guardian or representative, an organisation's representative. */
export const APPLICANT_ROLES: ReadonlySet<Actor['role']> = new Set([
  'subject',
  'guardian',
  'representative',
  'legal-representative',
]);

/** The roles that may grant, refuse, lock and unlock: the management agency, and the system acting for it (Art. 16). */
export const MANAGING_ROLES: ReadonlySet<Actor['role']> = new Set(['management-agency', 'system']);

/**
 * The account lock grounds the decree gives each kind of subject (Art. 15), with the clause: a citizen's account
 * follows the electronic identity card and the identity card's expiry (15(1)); a foreigner's the grounds of 15(2)(a);
 * an organisation's those of 15(2)(b); competent agencies' requests 15(2)(c)-(dd).
 */
export const ACCOUNT_GROUNDS: Readonly<Record<Subject['kind'], Readonly<Record<string, Citation>>>> = {
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

/** The grounds to lock a citizen's electronic identity card (Art. 29(1)-(5); Law on Identity 2023 Art. 34(1)). */
export const CARD_GROUNDS: Readonly<Record<string, Citation>> = {
  'own-request': art(29, 2),
  'agreement-violation': art(29, 1),
  'card-revoked-or-seized': art(29, 1),
  death: art(29, 1),
  'competent-agency-request': art(29, 5),
};

/**
 * Grounds that follow from recorded facts and the date alone (expiry, death, revocation, ceasing operation, a locked
 * card): the system records them itself. The others are declared by someone (a request, a violation, an agency).
 */
export const DERIVED_GROUNDS: ReadonlySet<string> = new Set([
  'account:electronic-identity-card-locked',
  'account:identity-card-expired',
  'account:travel-document-expired',
  'account:residence-expired',
  'account:death',
  'account:ceased-operation',
  'card:card-revoked-or-seized',
  'card:death',
]);

/**
 * The instant from which a derived ground's condition holds on the facts recorded now, or `null` if it does not
 * (`-Infinity`: it holds as soon as the fact is recorded). `key` is `account:<ground>` or `card:<ground>`.
 */
export const conditionFromMs = (s: SubjectTrack, key: string): number | null => {
  const [scope, ground] = key.split(':') as [string, string];
  return conditionFrom(s, key, scope, ground);
};

/** {@link conditionFromMs} with the key already split into its scope and ground. */
const conditionFrom = (s: SubjectTrack, key: string, scope: string, ground: string): number | null => {
  const id = s.identity;
  if (id === null) return null;
  const death = s.deathOn ?? (id.kind === 'organisation' ? null : id.diedOn);
  if (scope === 'account' ? s.account === null : s.card === null) return null;
  if (ground === 'death') return death === null ? null : startOfVietnamDayMs(death);
  switch (id.kind) {
    case 'citizen':
      if (key === 'account:electronic-identity-card-locked')
        return s.card !== null && s.card.grounds.size > 0 ? -Infinity : null;
      if (key === 'account:identity-card-expired')
        return id.identityCard?.validUntil ? expiredFromMs(id.identityCard.validUntil) : null;
      if (key === 'card:card-revoked-or-seized')
        return id.identityCard !== null && id.identityCard.status !== 'valid' ? -Infinity : null;
      return null;
    case 'foreigner':
      if (key === 'account:travel-document-expired') return expiredFromMs(id.travelDocument.expiresOn);
      if (key === 'account:residence-expired') {
        if (id.residenceCard === null) return -Infinity;
        return id.residenceCard.expiresOn === null ? null : expiredFromMs(id.residenceCard.expiresOn);
      }
      return null;
    case 'organisation':
      return key === 'account:ceased-operation' && id.status !== 'operating' ? -Infinity : null;
  }
};

/** Whether a derived ground's condition holds at an instant. */
export const conditionHolds = (s: SubjectTrack, key: string, atMs: number): boolean => {
  const from = conditionFromMs(s, key);
  return from !== null && atMs >= from;
};

/** The derived grounds whose condition holds at an instant, as `account:<ground>` / `card:<ground>` keys. */
export const wantedGrounds = (s: SubjectTrack, atMs: number): Set<string> => {
  const out = new Set<string>();
  const kind = s.identity?.kind;
  if (kind === undefined) return out;
  for (const { key, scope, ground } of DERIVED_KEYS) {
    const allowed =
      scope === 'account' ? ACCOUNT_GROUNDS[kind][ground] : kind === 'citizen' ? CARD_GROUNDS[ground] : undefined;
    if (allowed === undefined) continue;
    const from = conditionFrom(s, key, scope, ground);
    if (from !== null && atMs >= from) out.add(key);
  }
  return out;
};

// The derived grounds split once: the checkpoints run before and after every event of a subject.
const DERIVED_KEYS: ReadonlyArray<{ readonly key: string; readonly scope: string; readonly ground: string }> = [
  ...DERIVED_GROUNDS,
].map((key) => {
  const [scope, ground] = key.split(':') as [string, string];
  return { key, scope, ground };
});

/** The derived grounds recorded now, as keys. */
export const recordedDerivedGrounds = (s: SubjectTrack): Set<string> => {
  const out = new Set<string>();
  if (s.grounds.size === 0 && (s.card === null || s.card.grounds.size === 0)) return out;
  for (const g of s.grounds) if (DERIVED_GROUNDS.has(`account:${g}`)) out.add(`account:${g}`);
  if (s.card !== null) for (const g of s.card.grounds) if (DERIVED_GROUNDS.has(`card:${g}`)) out.add(`card:${g}`);
  return out;
};

/** The clause a ground of an account or card rests on, for a kind of subject. */
export const groundCitation = (kind: Subject['kind'] | undefined, key: string): Citation => {
  const [scope, ground] = key.split(':') as [string, string];
  if (scope === 'card') return CARD_GROUNDS[ground] ?? art(29);
  return (kind === undefined ? undefined : ACCOUNT_GROUNDS[kind][ground]) ?? art(15);
};

// ---------------------------------------------------------------------------------------------------------------
// Folding the facts in.

const noteDeath = (s: SubjectTrack, subject: Subject): void => {
  if (subject.kind !== 'organisation' && subject.diedOn !== null && s.deathOn === null) s.deathOn = subject.diedOn;
};

/** The identity a request or an update states becomes the subject's identity; a recorded death stays. */
export const setIdentity = (s: SubjectTrack, subject: Subject): void => {
  s.identity = subject;
  noteDeath(s, subject);
};

/**
 * Applies an event to the track: the audit's own fold (not the decider's `evolve`). Time limits are computed here,
 * from the event's instant, on the audit's calendar; the ones the event records are not trusted.
 */
export const applyEvent = (s: SubjectTrack, e: AccountEvent, ctx: EventCtx, env: AuditEnv): void => {
  switch (e.type) {
    case 'AccountRequested': {
      setIdentity(s, e.request.subject);
      const limit = grantLimitFor(e.request.subject, e.request.level, ctx.day);
      s.pending = {
        level: e.request.level,
        subject: e.request.subject,
        receivedAt: e.at,
        limit,
        dueMs: endMs(e.at, limit, env.calendar),
        verification: null,
      };
      return;
    }
    case 'IdentityVerified':
      if (s.pending !== null) s.pending.verification = e.verification;
      return;
    case 'IdentityVerificationFailed':
      if (s.pending !== null) s.pending.verification = null;
      return;
    case 'AccountGranted':
      s.account = {
        level: e.level,
        grantedAt: e.at,
        grantedMs: ctx.atMs,
        activated: s.account?.activated ?? false,
        carriedOver: false,
      };
      s.pending = null;
      return;
    case 'AccountRefused':
      s.pending = null;
      return;
    case 'AccountActivated':
      if (s.account !== null) s.account.activated = true;
      return;
    case 'IdentityUpdated':
      setIdentity(s, e.subject);
      return;
    case 'AccountLocked':
    case 'LockGroundAdded':
      s.grounds.add(e.ground);
      if (e.ground === 'competent-agency-request') s.approvals.delete('account:lock');
      return;
    case 'LockGroundCeased':
    case 'AccountUnlocked':
      s.grounds.delete(e.ground);
      if (e.ground === 'competent-agency-request') s.approvals.delete('account:unlock');
      return;
    case 'AgencyRequestReceived': {
      if (s.agencyRequests.has(e.requestId)) return;
      const l = agencyLimits(e.target, e.action);
      s.agencyRequests.set(e.requestId, {
        action: e.action,
        target: e.target,
        receivedAt: e.at,
        forwardDueMs: endMs(e.at, l.forward, env.calendar),
        forwardedAt: null,
        decideDueMs: null,
        decision: null,
      });
      return;
    }
    case 'AgencyRequestForwarded': {
      const r = s.agencyRequests.get(e.requestId);
      if (r === undefined || r.forwardedAt !== null) return;
      r.forwardedAt = e.at;
      r.decideDueMs = endMs(e.at, agencyLimits(r.target, r.action).decide, env.calendar);
      return;
    }
    case 'AgencyRequestApproved':
    case 'AgencyRequestRefused': {
      const r = s.agencyRequests.get(e.requestId);
      if (r === undefined) return;
      r.decision = e.type === 'AgencyRequestApproved' ? 'approved' : 'refused';
      if (r.decision === 'approved') s.approvals.add(`${r.target === 'account' ? 'account' : 'card'}:${r.action}`);
      return;
    }
    case 'ElectronicIdentityCardIssued':
      if (s.card === null) s.card = { grounds: new Set() };
      return;
    case 'ElectronicIdentityCardLocked':
    case 'CardLockGroundAdded':
      s.card?.grounds.add(e.ground);
      if (e.ground === 'competent-agency-request') s.approvals.delete('card:lock');
      return;
    case 'CardLockGroundCeased':
    case 'ElectronicIdentityCardUnlocked':
      s.card?.grounds.delete(e.ground);
      if (e.ground === 'competent-agency-request') s.approvals.delete('card:unlock');
      return;
    case 'GuardianConsentGiven':
      if (e.by.role === 'guardian' || e.by.role === 'representative') s.consent = e.guardianId;
      return;
    case 'GuardianConsentWithdrawn':
      if (s.consent === e.guardianId) s.consent = null;
      return;
    case 'AccountCarriedOver': {
      setIdentity(s, e.subject);
      const grantedMs = Date.parse(e.grantedAt);
      s.account = { level: e.level, grantedAt: e.grantedAt, grantedMs, activated: true, carriedOver: true };
      return;
    }
  }
};
