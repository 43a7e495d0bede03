import {
  type AccountEvent,
  type AccountLockGround,
  type Actor,
  type CardLockGround,
  type Citation,
  type Instant,
  type StoredEvent,
  type SubjectKind,
  art,
} from '@dinhdanh/core';
import type { KeyedModel, KeyedProjection, ProjectedEvent } from '../projection.js';
import { isLoginStream, shiftYears, sortedValues, subjectOrLoginKey } from './common.js';

/** Who asked for a lock or unlock: the actor recorded, and for a competent agency's request its name and id. */
export interface AskedBy {
  readonly actor: Actor;
  /** The proceeding-conducting or other competent agency (Form TK03, Art. 15(2)(c), 15(3)(b)). */
  readonly agency: string | null;
  readonly requestId: string | null;
}

/** One lock or unlock step of an account or electronic identity card, as recorded. */
export interface LockHistoryEntry {
  readonly position: number;
  readonly at: Instant;
  readonly recordedAt: string;
  readonly target: 'account' | 'electronic-identity-card';
  readonly event: 'locked' | 'ground-added' | 'ground-ceased' | 'unlocked';
  readonly ground: AccountLockGround | CardLockGround;
  /** The clause the step was taken under. */
  readonly legalBasis: Citation;
  readonly askedBy: AskedBy;
}

/** A ground that stands, since when, under which clause and at whose request. */
export interface StandingGround<G extends string> {
  readonly ground: G;
  readonly since: Instant;
  readonly legalBasis: Citation;
  readonly askedBy: AskedBy;
}

/** What the system still holds about a subject (Art. 17). */
export interface StoredAbout {
  /** Events of the identity stream: kept forever (Art. 17(1)). */
  readonly identityEvents: number;
  readonly identityEventTypes: Readonly<Record<string, number>>;
  readonly firstRecordedAt: string | null;
  /** Logins: kept at least five years from each login (Art. 17(2)). */
  readonly logins: number;
  readonly firstLoginAt: Instant | null;
  readonly lastLoginAt: Instant | null;
}

/** A subject's entry in the lock register. */
export interface LockRegisterEntry {
  readonly subjectId: string;
  readonly kind: SubjectKind | null;
  readonly accountGrounds: readonly StandingGround<AccountLockGround>[];
  readonly cardGrounds: readonly StandingGround<CardLockGround>[];
  readonly history: readonly LockHistoryEntry[];
  readonly stored: StoredAbout;
  /** Competent agencies' requests received, by id (to name the agency on the lock that follows approval). */
  readonly agencyRequests: Readonly<Record<string, string>>;
  /** The request approved by the last decision, whose lock or unlock follows in the same decision. */
  readonly approved: { readonly requestId: string; readonly agency: string } | null;
}

/** The lock register: entries by subject id. */
export type LockRegisterModel = KeyedModel<LockRegisterEntry>;

const empty = (subjectId: string): LockRegisterEntry => ({
  subjectId,
  kind: null,
  accountGrounds: [],
  cardGrounds: [],
  history: [],
  stored: {
    identityEvents: 0,
    identityEventTypes: {},
    firstRecordedAt: null,
    logins: 0,
    firstLoginAt: null,
    lastLoginAt: null,
  },
  agencyRequests: {},
  approved: null,
});

type LockEvent = Extract<
  AccountEvent,
  {
    type:
      | 'AccountLocked'
      | 'LockGroundAdded'
      | 'LockGroundCeased'
      | 'AccountUnlocked'
      | 'ElectronicIdentityCardLocked'
      | 'CardLockGroundAdded'
      | 'CardLockGroundCeased'
      | 'ElectronicIdentityCardUnlocked';
  }
>;

const STEP: Readonly<Record<LockEvent['type'], [LockHistoryEntry['target'], LockHistoryEntry['event']]>> = {
  AccountLocked: ['account', 'locked'],
  LockGroundAdded: ['account', 'ground-added'],
  LockGroundCeased: ['account', 'ground-ceased'],
  AccountUnlocked: ['account', 'unlocked'],
  ElectronicIdentityCardLocked: ['electronic-identity-card', 'locked'],
  CardLockGroundAdded: ['electronic-identity-card', 'ground-added'],
  CardLockGroundCeased: ['electronic-identity-card', 'ground-ceased'],
  ElectronicIdentityCardUnlocked: ['electronic-identity-card', 'unlocked'],
};

const isLockEvent = (e: AccountEvent): e is LockEvent => e.type in STEP;

const lockStep = (r: LockRegisterEntry, e: LockEvent, stored: StoredEvent<ProjectedEvent>): LockRegisterEntry => {
  const [target, step] = STEP[e.type];
  const fromAgency = e.ground === 'competent-agency-request' && r.approved !== null ? r.approved : null;
  const askedBy: AskedBy = {
    actor: e.by,
    agency: fromAgency?.agency ?? null,
    requestId: fromAgency?.requestId ?? null,
  };
  const entry: LockHistoryEntry = {
    position: stored.position,
    at: e.at,
    recordedAt: stored.recordedAt,
    target,
    event: step,
    ground: e.ground,
    legalBasis: e.legalBasis,
    askedBy,
  };
  const arises = step === 'locked' || step === 'ground-added';
  const standing = { ground: e.ground, since: e.at, legalBasis: e.legalBasis, askedBy };
  const next = { ...r, history: [...r.history, entry], approved: fromAgency === null ? r.approved : null };
  if (target === 'account') {
    const g = e.ground as AccountLockGround;
    const rest = r.accountGrounds.filter((x) => x.ground !== g);
    const kept = r.accountGrounds.some((x) => x.ground === g);
    return {
      ...next,
      accountGrounds: arises ? (kept ? r.accountGrounds : [...rest, { ...standing, ground: g }]) : rest,
    };
  }
  const g = e.ground as CardLockGround;
  const rest = r.cardGrounds.filter((x) => x.ground !== g);
  const kept = r.cardGrounds.some((x) => x.ground === g);
  return { ...next, cardGrounds: arises ? (kept ? r.cardGrounds : [...rest, { ...standing, ground: g }]) : rest };
};

const apply = (r0: LockRegisterEntry, stored: StoredEvent<ProjectedEvent>): LockRegisterEntry => {
  const e = stored.data;
  if (isLoginStream(stored)) {
    if (e.type !== 'LoginRecorded') return r0;
    const s = r0.stored;
    return {
      ...r0,
      stored: { ...s, logins: s.logins + 1, firstLoginAt: s.firstLoginAt ?? e.at, lastLoginAt: e.at },
    };
  }
  const s = r0.stored;
  const r: LockRegisterEntry = {
    ...r0,
    stored: {
      ...s,
      identityEvents: s.identityEvents + 1,
      identityEventTypes: { ...s.identityEventTypes, [e.type]: (s.identityEventTypes[e.type] ?? 0) + 1 },
      firstRecordedAt: s.firstRecordedAt ?? stored.recordedAt,
    },
  };
  if (e.type === 'LoginRecorded') return r;
  if (isLockEvent(e)) return lockStep(r, e, stored);
  switch (e.type) {
    case 'AccountRequested':
      return { ...r, kind: e.request.subject.kind };
    case 'IdentityUpdated':
    case 'AccountCarriedOver':
      return { ...r, kind: e.subject.kind };
    case 'AgencyRequestReceived':
      return { ...r, agencyRequests: { ...r.agencyRequests, [e.requestId]: e.agency } };
    case 'AgencyRequestApproved':
      return { ...r, approved: { requestId: e.requestId, agency: r.agencyRequests[e.requestId] ?? 'unknown agency' } };
    default:
      return r;
  }
};

/**
 * The lock register: for every subject, the account's and the electronic identity card's standing lock grounds
 * (since when, under which clause, at whose request: the subject, the system acting on the national databases, the
 * management agency, or a named competent agency), the history of every lock and unlock, and what is still stored
 * about the subject. Folds both `subject-<id>` and `login-<id>` streams.
 */
export const lockRegisterProjection: KeyedProjection<LockRegisterEntry> = {
  kind: 'keyed',
  name: 'lock-register',
  version: 1,
  keyOf: subjectOrLoginKey,
  init: empty,
  apply,
};

/** The entries of the accounts that are locked, by subject id. */
export const lockedAccounts = (model: LockRegisterModel): LockRegisterEntry[] =>
  sortedValues(model, (r) => r.accountGrounds.length > 0);

/** The entries of the accounts locked on a ground, by subject id. */
export const lockedOnGround = (model: LockRegisterModel, ground: AccountLockGround): LockRegisterEntry[] =>
  sortedValues(model, (r) => r.accountGrounds.some((g) => g.ground === ground));

/** A subject's lock and unlock history, oldest first. */
export const lockHistory = (model: LockRegisterModel, subjectId: string): readonly LockHistoryEntry[] =>
  model.get(subjectId)?.history ?? [];

/** The answer to "what happened to this subject's account, and what is still stored about them?" (seed 000). */
export interface LockStory {
  readonly subjectId: string;
  readonly kind: SubjectKind | null;
  readonly locked: boolean;
  /** Whether the subject (or who acts for them) ever asked to lock their account (Art. 15(2)(a)-(b)). */
  readonly askedToBeLocked: boolean;
  readonly standingGrounds: readonly StandingGround<AccountLockGround>[];
  readonly history: readonly LockHistoryEntry[];
  readonly stillStored: {
    readonly identity: {
      readonly events: number;
      readonly eventTypes: Readonly<Record<string, number>>;
      readonly since: string | null;
      readonly retention: 'eternal';
      readonly legalBasis: Citation;
    };
    readonly logins: {
      readonly events: number;
      readonly lastLoginAt: Instant | null;
      /** The earliest instant the last login may be purged: five years after it (Art. 17(2)). */
      readonly keptAtLeastUntil: Instant | null;
      readonly legalBasis: Citation;
    };
  };
  /** The decree's answer to the opt-out question, in words, with its clauses. */
  readonly optOut: { readonly exists: false; readonly explanation: string; readonly legalBasis: readonly Citation[] };
}

const OPT_OUT =
  'Decree 69/2024/ND-CP provides no opt-out and no erasure. A foreigner who asks is locked: the system records the ' +
  'request and locks the account (Art. 15(2)(a)); it is unlocked when no ground remains (Art. 15(3)(a)). Locking ' +
  'deletes nothing: identity information is stored eternally (Art. 17(1)) and login history for at least five ' +
  'years from each login (Art. 17(2)).';

/**
 * What happened to a subject who asked to be locked, and what is still stored about them (seed 000: a foreigner
 * cannot opt out; the nearest thing is a lock on their own request). `undefined` for a subject with no events.
 */
export const whatHappened = (model: LockRegisterModel, subjectId: string): LockStory | undefined => {
  const r = model.get(subjectId);
  if (r === undefined) return undefined;
  return {
    subjectId,
    kind: r.kind,
    locked: r.accountGrounds.length > 0,
    askedToBeLocked: r.history.some(
      (h) => h.ground === 'own-request' && (h.event === 'locked' || h.event === 'ground-added'),
    ),
    standingGrounds: r.accountGrounds,
    history: r.history,
    stillStored: {
      identity: {
        events: r.stored.identityEvents,
        eventTypes: r.stored.identityEventTypes,
        since: r.stored.firstRecordedAt,
        retention: 'eternal',
        legalBasis: art(17, 1),
      },
      logins: {
        events: r.stored.logins,
        lastLoginAt: r.stored.lastLoginAt,
        keptAtLeastUntil: r.stored.lastLoginAt === null ? null : shiftYears(r.stored.lastLoginAt, 5),
        legalBasis: art(17, 2),
      },
    },
    optOut: {
      exists: false,
      explanation: OPT_OUT,
      legalBasis: [art(15, 2, 'a'), art(15, 3, 'a'), art(17, 1), art(17, 2)],
    },
  };
};
