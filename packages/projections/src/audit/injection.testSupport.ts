import * as E from 'fp-ts/lib/Either.js';
import {
  type AccountEvent,
  type AccountState,
  type Digest,
  SYSTEM_ACTOR,
  type StoredEvent,
  type Subject,
  accountDecider,
  actsThroughGuardian,
  art,
  digest,
  formatVietnamInstant,
  initialState,
  parseStreamName,
  streamKind,
  subjectStream,
  vietnamDateOfMs,
  endOfVietnamDayMs,
} from '@dinhdanh/core';
import { type AuditedEvent, type LogEntry, seal, storeOf } from './history.testSupport.js';

// Injected violations (not part of the package's API): each mutation takes a lawful log (entries in global order, as
// recorded through the command handler) and breaks one rule, and names the check of AUDIT_CHECKS that must catch it,
// on which stream and revision. The audit's injection property runs every mutation over generated lawful histories.

const DAY = 86_400_000;

/** Where the check must report: the stream, and the revision unless the finding is an omission. */
export interface Target {
  readonly streamId: string;
  readonly revision?: number;
}

/** A lawful log with one violation injected: the log to audit, the digest to audit it against, what must be found. */
export interface Injected {
  readonly mutation: string;
  readonly check: string;
  readonly log: StoredEvent<unknown>[];
  readonly target: Target;
  readonly digest?: Digest;
}

/** A step of a mutation: the entries after it, and the index of the entry the finding must be about. */
interface Mutated {
  readonly entries: LogEntry[];
  readonly at: number;
  /** The finding is an omission about this stream, not about one event. */
  readonly omissionOf?: string;
  readonly check: string;
}

/** A lawful log and what a mutation may need to know of it. */
interface Lawful {
  readonly entries: readonly LogEntry[];
  /** The decider's state of the entry's subject right after each entry (login entries: the state they were judged on). */
  readonly states: readonly AccountState[];
}

/** A violation to inject: the check that must catch it, where it can be injected, and how. */
export interface Mutation {
  readonly name: string;
  /** The indices of the entries the mutation can be applied at. */
  readonly candidates: (log: Lawful) => number[];
  readonly apply: (log: Lawful, i: number) => Mutated;
}

const ev = (x: LogEntry): AccountEvent => x.data as AccountEvent;
const subjectOf = (x: LogEntry): string => parseStreamName(x.streamId).id;
const isSubjectEvent = (x: LogEntry): boolean => streamKind(x.streamId) === 'subject';
const indices = (log: Lawful, p: (x: LogEntry, i: number) => boolean): number[] =>
  log.entries.flatMap((x, i) => (p(x, i) ? [i] : []));

/** The entries of the same subject stream before `i`, back to (and including) the last `AccountRequested`. */
const sinceRequest = (log: Lawful, i: number): number[] => {
  const stream = log.entries[i]?.streamId;
  const out: number[] = [];
  for (let j = i - 1; j >= 0; j--) {
    const x = log.entries[j] as LogEntry;
    if (x.streamId !== stream) continue;
    out.push(j);
    if (ev(x).type === 'AccountRequested') return out;
  }
  return [];
};

/** Moves the entry at `i` and every later entry of its subject (both streams) `ms` later. */
const shiftFrom = (log: Lawful, i: number, ms: number): LogEntry[] => {
  const subject = subjectOf(log.entries[i] as LogEntry);
  return log.entries.map((x, j) =>
    j < i || subjectOf(x) !== subject
      ? x
      : { ...x, data: { ...ev(x), at: formatVietnamInstant(Date.parse(ev(x).at) + ms) } },
  );
};

const replaceAt = (log: Lawful, i: number, data: object): LogEntry[] =>
  log.entries.map((x, j) => (j === i ? { ...x, data } : x));

const insertAfter = (log: Lawful, i: number, data: AccountEvent): LogEntry[] => [
  ...log.entries.slice(0, i + 1),
  { streamId: (log.entries[i] as LogEntry).streamId, data },
  ...log.entries.slice(i + 1),
];

const withoutIndices = (log: Lawful, drop: ReadonlySet<number>): LogEntry[] =>
  log.entries.filter((_, j) => !drop.has(j));

const LOCKS: ReadonlySet<string> = new Set(['AccountLocked', 'LockGroundAdded']);
/** Account grounds that follow from facts and hold right after the system records them; death never ceases. */
const DERIVED_CEASABLE: ReadonlySet<string> = new Set([
  'travel-document-expired',
  'residence-expired',
  'identity-card-expired',
  'electronic-identity-card-locked',
  'ceased-operation',
]);
const DERIVED: ReadonlySet<string> = new Set([...DERIVED_CEASABLE, 'death']);
/** A ground the decree does not give a kind of subject's account (Art. 15). */
const FOREIGN_GROUND = {
  citizen: 'travel-document-expired',
  foreigner: 'ceased-operation',
  organisation: 'travel-document-expired',
} as const;
/** Events after which a derived ground may stop holding, or be recorded again. */
const CHANGES_GROUNDS: ReadonlySet<string> = new Set([
  'AccountRequested',
  'IdentityUpdated',
  'AccountCarriedOver',
  'AccountLocked',
  'LockGroundAdded',
  'ElectronicIdentityCardLocked',
  'CardLockGroundAdded',
  'CardLockGroundCeased',
  'ElectronicIdentityCardUnlocked',
]);

const ineligible = (s: Subject): Subject => {
  switch (s.kind) {
    case 'citizen':
      return { ...s, identityCard: null };
    case 'foreigner':
      return { ...s, residenceCard: null };
    case 'organisation':
      return { ...s, status: 'dissolved' };
  }
};

/** Every mutation, each named for what it breaks. */
export const MUTATIONS: readonly Mutation[] = [
  {
    // Arts. 10(1)(c), 10(2)(c), 11(2)(c), 12(2): the identity check before the grant is gone.
    name: 'drop the verification before a grant',
    candidates: (log) =>
      indices(
        log,
        (x, i) =>
          ev(x).type === 'AccountGranted' &&
          sinceRequest(log, i).some((j) => ev(log.entries[j] as LogEntry).type === 'IdentityVerified'),
      ),
    apply: (log, i) => {
      const drop = new Set(
        sinceRequest(log, i).filter((j) => ev(log.entries[j] as LogEntry).type === 'IdentityVerified'),
      );
      const grant = ev(log.entries[i] as LogEntry) as Extract<AccountEvent, { type: 'AccountGranted' }>;
      const kind = log.states[i]?.subject?.kind;
      return {
        entries: withoutIndices(log, drop),
        at: i - drop.size,
        check: grant.level === 2 && kind !== 'organisation' ? 'verification.biometrics' : 'verification.identity',
      };
    },
  },
  {
    // Art. 7: the dossier shows no residence card, no citizen identity card, or an organisation dissolved.
    name: 'make the subject ineligible on the day of a grant',
    candidates: (log) => indices(log, (x, i) => ev(x).type === 'AccountGranted' && sinceRequest(log, i).length > 0),
    apply: (log, i) => {
      const touch = new Set(sinceRequest(log, i));
      const entries = log.entries.map((x, j) => {
        const e = ev(x);
        if (!touch.has(j)) return x;
        if (e.type === 'AccountRequested')
          return { ...x, data: { ...e, request: { ...e.request, subject: ineligible(e.request.subject) } } };
        if (e.type === 'IdentityUpdated') return { ...x, data: { ...e, subject: ineligible(e.subject) } };
        return x;
      });
      return { entries, at: i, check: 'eligibility.grant' };
    },
  },
  {
    // Art. 13: the grant (and all that follows) 60 days later, past every limit.
    name: 'move a grant past its time limit',
    candidates: (log) => indices(log, (x, i) => ev(x).type === 'AccountGranted' && sinceRequest(log, i).length > 0),
    apply: (log, i) => ({ entries: shiftFrom(log, i, 60 * DAY), at: i, check: 'time-limit.grant' }),
  },
  {
    // Art. 14(1): activated on the app 30 days after the notice of grant.
    name: 'move an app activation past the window',
    candidates: (log) =>
      indices(
        log,
        (x) =>
          ev(x).type === 'AccountActivated' && 'channel' in ev(x) && (ev(x) as { channel: string }).channel === 'app',
      ),
    apply: (log, i) => ({ entries: shiftFrom(log, i, 30 * DAY), at: i, check: 'activation.window' }),
  },
  {
    // Art. 15: a lock on a ground the decree gives another kind of subject.
    name: 'lock on a ground foreign to the subject',
    candidates: (log) => indices(log, (x, i) => ev(x).type === 'AccountGranted' && log.states[i]?.subject != null),
    apply: (log, i) => {
      const state = log.states[i] as AccountState;
      const kind = (state.subject as Subject).kind;
      const lock = {
        type: state.lockGrounds.length === 0 ? 'AccountLocked' : 'LockGroundAdded',
        v: 1,
        at: ev(log.entries[i] as LogEntry).at,
        by: SYSTEM_ACTOR,
        legalBasis: art(15),
        ground: FOREIGN_GROUND[kind],
      } as AccountEvent;
      return { entries: insertAfter(log, i, lock), at: i + 1, check: 'locking.without-ground' };
    },
  },
  {
    // Art. 15(2)(dd): the competent agency's lock stays, the approval of its request is gone.
    name: "remove the approval behind a competent agency's lock",
    candidates: (log) =>
      indices(log, (x, i) => {
        const next = log.entries[i + 1];
        return (
          ev(x).type === 'AgencyRequestApproved' &&
          next !== undefined &&
          next.streamId === x.streamId &&
          LOCKS.has(ev(next).type) &&
          (ev(next) as { ground?: string }).ground === 'competent-agency-request'
        );
      }),
    apply: (log, i) => ({
      entries: withoutIndices(log, new Set([i])),
      at: i,
      check: 'locking.without-ground',
    }),
  },
  {
    // Art. 15(1)-(2): the system's lock on an expiry, a death, a ceased organisation is missing.
    name: 'drop the lock recorded when a ground arose',
    candidates: (log) =>
      indices(log, (x, i) => {
        const e = ev(x) as { type: string; ground?: string; at: string };
        if (!LOCKS.has(e.type) || !DERIVED.has(e.ground ?? '')) return false;
        const endOfDay = endOfVietnamDayMs(vietnamDateOfMs(Date.parse(e.at)));
        return !log.entries
          .slice(i + 1)
          .some(
            (y) => y.streamId === x.streamId && Date.parse(ev(y).at) <= endOfDay && CHANGES_GROUNDS.has(ev(y).type),
          );
      }),
    apply: (log, i) => ({
      entries: withoutIndices(log, new Set([i])),
      at: 0,
      omissionOf: (log.entries[i] as LogEntry).streamId,
      check: 'locking.left-unlocked',
    }),
  },
  {
    // Art. 15(3)(a): unlocked right after the lock, while its fact holds or another ground remains.
    name: 'unlock while a ground remains',
    candidates: (log) =>
      indices(log, (x, i) => {
        const g = (ev(x) as { ground?: string }).ground ?? '';
        if (!LOCKS.has(ev(x).type) || g === 'death' || g === 'competent-agency-request') return false;
        return DERIVED_CEASABLE.has(g) || (log.states[i]?.lockGrounds.length ?? 0) >= 2;
      }),
    apply: (log, i) => {
      const lock = ev(log.entries[i] as LogEntry) as Extract<AccountEvent, { type: 'AccountLocked' }>;
      const unlock = {
        type: 'AccountUnlocked',
        v: 1,
        at: lock.at,
        by: SYSTEM_ACTOR,
        legalBasis: art(15, 3, 'a'),
        ground: lock.ground,
      } as AccountEvent;
      return { entries: insertAfter(log, i, unlock), at: i + 1, check: 'locking.unlock-while-ground' };
    },
  },
  {
    // Art. 15(2)(d), 15(3)(c), 29(4), 30(4): forwarded 20 days after receipt.
    name: "forward a competent agency's request late",
    candidates: (log) => indices(log, (x) => ev(x).type === 'AgencyRequestForwarded'),
    apply: (log, i) => ({ entries: shiftFrom(log, i, 20 * DAY), at: i, check: 'agency.forward-late' }),
  },
  {
    // Art. 15(2)(dd), 15(3)(d), 29(5), 30(5): decided 20 days after the proposal.
    name: "decide a competent agency's request late",
    candidates: (log) =>
      indices(log, (x, i) => {
        const e = ev(x);
        if (e.type !== 'AgencyRequestApproved' && e.type !== 'AgencyRequestRefused') return false;
        return log.entries
          .slice(0, i)
          .some(
            (y) =>
              y.streamId === x.streamId &&
              ev(y).type === 'AgencyRequestForwarded' &&
              (ev(y) as { requestId: string }).requestId === e.requestId,
          );
      }),
    apply: (log, i) => ({ entries: shiftFrom(log, i, 20 * DAY), at: i, check: 'agency.decide-late' }),
  },
  {
    // Art. 15(2)(dd): a refusal without its written reason.
    name: "refuse a competent agency's request without a reason",
    candidates: (log) => indices(log, (x) => ev(x).type === 'AgencyRequestRefused'),
    apply: (log, i) => ({
      entries: replaceAt(log, i, { ...ev(log.entries[i] as LogEntry), reason: '' }),
      at: i,
      check: 'agency.refusal-without-reason',
    }),
  },
  {
    // Arts. 10-12: a refused request without its reason.
    name: 'refuse an account without a reason',
    candidates: (log) => indices(log, (x) => ev(x).type === 'AccountRefused'),
    apply: (log, i) => ({
      entries: replaceAt(log, i, { ...ev(log.entries[i] as LogEntry), reason: ' ' }),
      at: i,
      check: 'grant.refusal-without-reason',
    }),
  },
  {
    // Art. 14(2): a login of a minor (or a person under guardianship) with every consent removed before it.
    name: "remove the guardian's consent before a login",
    candidates: (log) =>
      indices(log, (x, i) => {
        const s = log.states[i]?.subject;
        return (
          streamKind(x.streamId) === 'login' &&
          s != null &&
          actsThroughGuardian(s, vietnamDateOfMs(Date.parse((x.data as { at: string }).at)))
        );
      }),
    apply: (log, i) => {
      const stream = subjectStream(subjectOf(log.entries[i] as LogEntry));
      const drop = new Set(
        indices(
          log,
          (x, j) =>
            j < i &&
            x.streamId === stream &&
            (ev(x).type === 'GuardianConsentGiven' || ev(x).type === 'GuardianConsentWithdrawn'),
        ),
      );
      return { entries: withoutIndices(log, drop), at: i - drop.size, check: 'consent.missing' };
    },
  },
];

/** Mutations of the sealed log itself (Art. 17): an event altered or removed after it was recorded. */
export const SEALED_MUTATIONS = ['alter a recorded event', 'remove a recorded event', 'cut the tail'] as const;

/** Folds the decider's state of each entry's subject, for the mutations to look at. */
export const lawfulOf = (events: readonly StoredEvent<AuditedEvent>[]): Lawful => {
  const states = new Map<string, AccountState>();
  const out: AccountState[] = [];
  const entries = events.map((e) => ({ streamId: e.streamId, data: e.data as unknown }));
  for (const x of entries) {
    const id = subjectOf(x);
    let s = states.get(id) ?? initialState;
    if (isSubjectEvent(x)) {
      s = accountDecider.evolve(s, ev(x));
      states.set(id, s);
    }
    out.push(s);
  }
  return { entries, states: out };
};

/** Applies mutation `m` at its `pick`-th candidate (modulo their number); `null` when the log has none. */
export const inject = (log: Lawful, m: Mutation, pick: number): Injected | null => {
  const cs = m.candidates(log);
  if (cs.length === 0) return null;
  const r = m.apply(log, cs[pick % cs.length] as number);
  const sealed = seal(r.entries);
  const at = sealed[r.at];
  if (at === undefined) throw new Error(`${m.name}: no entry ${r.at}`);
  return {
    mutation: m.name,
    check: r.check,
    log: sealed,
    target: r.omissionOf !== undefined ? { streamId: r.omissionOf } : { streamId: at.streamId, revision: at.revision },
  };
};

/** Applies a mutation of the sealed log at its `pick`-th candidate; `null` when the log has none. */
export const injectSealed = async (
  log: Lawful,
  name: (typeof SEALED_MUTATIONS)[number],
  pick: number,
): Promise<Injected | null> => {
  const sealed = seal(log.entries);
  const subjectEvents = sealed.flatMap((e, i) => (streamKind(e.streamId) === 'subject' ? [i] : []));
  if (subjectEvents.length === 0) return null;
  switch (name) {
    case 'alter a recorded event': {
      const i = subjectEvents[pick % subjectEvents.length] as number;
      const e = sealed[i] as StoredEvent<unknown>;
      const altered = { ...e, data: { ...(e.data as object), by: { role: 'system', id: 'someone-else' } } };
      return {
        mutation: name,
        check: 'integrity.hash-chain',
        log: sealed.map((x, j) => (j === i ? altered : x)),
        target: { streamId: e.streamId, revision: e.revision },
      };
    }
    case 'remove a recorded event': {
      const inner = subjectEvents.filter((i) =>
        sealed.slice(i + 1).some((y) => y.streamId === (sealed[i] as StoredEvent<unknown>).streamId),
      );
      if (inner.length === 0) return null;
      const i = inner[pick % inner.length] as number;
      const e = sealed[i] as StoredEvent<unknown>;
      return {
        mutation: name,
        check: 'integrity.revision-gap',
        log: sealed.filter((_, j) => j !== i),
        target: { streamId: e.streamId, revision: e.revision + 1 },
      };
    }
    case 'cut the tail': {
      const d = await digest(storeOf(log.entries), { clock: () => '2024-07-01T00:00:00+07:00' })();
      if (E.isLeft(d)) throw new Error(`no digest: ${JSON.stringify(d.left)}`);
      // Everything from one of the last three subject events on is gone.
      const from = subjectEvents[Math.max(0, subjectEvents.length - 1 - (pick % 3))] as number;
      return {
        mutation: name,
        check: 'integrity.digest',
        log: sealed.slice(0, from),
        target: { streamId: '' },
        digest: d.right,
      };
    }
  }
};
