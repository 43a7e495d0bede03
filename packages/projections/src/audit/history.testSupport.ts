import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  AccountEventCodec,
  type EventStore,
  type InMemoryEventStore,
  type Instant,
  type LoginRecorded,
  LoginRecordedCodec,
  type StoredEvent,
  type Subject,
  GENESIS_HASH,
  accountDecider,
  addDays,
  createCommandHandler,
  createInMemoryEventStore,
  decideLogin,
  eventHash,
  formatVietnamInstant,
  initialState,
  loginStream,
  startOfVietnamDayMs,
  subjectStream,
} from '@dinhdanh/core';
import type { Lifecycle } from '@dinhdanh/core/testing';

// Support for the audit's tests (not exported from the package): running decider histories, with or without the
// operator's daily review of lock grounds, directly or through the command handler into a hash-chained store, and
// laying hand-made or mutated histories out as hash-chained logs.

/** What the audit reads from a store: identity-subject events and logins. */
export type AuditedEvent = AccountEvent | LoginRecorded;

const AuditedEventCodec = t.union([AccountEventCodec, LoginRecordedCodec]);

/** One subject's recorded events. */
export interface History {
  readonly subjectId: string;
  readonly events: readonly AccountEvent[];
}

const SYSTEM = { role: 'system', id: 'electronic-identification-and-authentication-system' } as const;

/** The last valid days of the documents a recorded identity holds (cards, passports, residence cards). */
const documentDays = (s: Subject | null): string[] => {
  if (s === null) return [];
  switch (s.kind) {
    case 'citizen':
      return s.identityCard?.validUntil ? [s.identityCard.validUntil] : [];
    case 'foreigner':
      return [s.travelDocument.expiresOn, ...(s.residenceCard?.expiresOn ? [s.residenceCard.expiresOn] : [])];
    case 'organisation':
      return [];
  }
};

/** The instants of the operator's reviews at 00:00 of each day on which a recorded document has just expired. */
const expiryReviews = (subject: Subject | null, fromMs: number, toMs: number): number[] =>
  [...new Set(documentDays(subject).map((d) => startOfVietnamDayMs(addDays(d as never, 1))))]
    .filter((ms) => ms > fromMs && ms <= toMs)
    .sort((a, b) => a - b);

const reviewCommand = (subjectId: string, atMs: number, n: number): AccountCommand => ({
  type: 'ReviewLockGrounds',
  commandId: `review-${subjectId}-${n}`,
  subjectId,
  at: formatVietnamInstant(atMs),
  by: SYSTEM,
});

/** Options of the runs: the operator's daily review of lock grounds, and how far it goes. */
export interface RunOptions {
  /**
   * Run `ReviewLockGrounds` as the system (Art. 15; docs/interpretations.md) after every accepted command and at 00:00
   * of each day on which a recorded document has just expired, through `until` (ms).
   */
  readonly review: boolean;
  readonly until?: number;
}

/** The review instants due before a command at `toMs`, given the state before it. */
const reviewsBefore = (state: AccountState, toMs: number): number[] =>
  state.lastAt === null ? [] : expiryReviews(state.subject, Date.parse(state.lastAt), toMs);

/** Runs commands through the account decider directly; rejected commands record nothing. */
export const runHistory = (subjectId: string, commands: readonly AccountCommand[], options: RunOptions): History => {
  const events: AccountEvent[] = [];
  let state: AccountState = initialState;
  let n = 0;
  const apply = (c: AccountCommand): boolean => {
    const r = accountDecider.decide(c, state);
    if (E.isLeft(r)) return false;
    for (const e of r.right) {
      events.push(e);
      state = accountDecider.evolve(state, e);
    }
    return true;
  };
  for (const c of commands) {
    const atMs = Date.parse(c.at);
    if (options.review) for (const ms of reviewsBefore(state, atMs)) apply(reviewCommand(subjectId, ms, ++n));
    if (apply(c) && options.review) apply(reviewCommand(subjectId, atMs, ++n));
  }
  if (options.review && options.until !== undefined)
    for (const ms of reviewsBefore(state, options.until)) apply(reviewCommand(subjectId, ms, ++n));
  return { subjectId, events };
};

/** A fresh hash-chained in-memory store of identity-subject events and logins. */
export const newAuditedStore = (): InMemoryEventStore<AuditedEvent> =>
  createInMemoryEventStore<AuditedEvent>({
    codec: AuditedEventCodec,
    hashChain: true,
    clock: () => '2024-07-01T00:00:00+07:00',
  });

/**
 * Records lifecycles the way an integrator would: each command through the real command handler (`accountDecider`
 * over the store), the operator's reviews likewise (see {@link RunOptions}), and after every accepted command a login
 * of the subject decided by `decideLogin` and appended to its login stream when accepted. One subject after another.
 */
export const recordLives = async (
  lives: readonly Lifecycle[],
  options: RunOptions,
): Promise<InMemoryEventStore<AuditedEvent>> => {
  const store = newAuditedStore();
  const handle = createCommandHandler(accountDecider, store as unknown as EventStore<AccountEvent>, {
    streamOf: (c: AccountCommand) => subjectStream(c.subjectId),
  });
  for (const life of lives) {
    let state: AccountState = initialState;
    let n = 0;
    const apply = async (c: AccountCommand): Promise<boolean> => {
      const r = await handle(c)();
      if (E.isLeft(r)) return false;
      state = r.right.state;
      return true;
    };
    const login = async (at: Instant): Promise<void> => {
      const l = decideLogin(
        {
          type: 'RecordLogin',
          commandId: `login-${life.subjectId}-${++n}`,
          subjectId: life.subjectId,
          at,
          by: { role: 'subject', id: life.subjectId },
          means: ['password', 'otpSoftware'],
          requiredLevel: 1,
        },
        state,
      );
      if (E.isLeft(l)) return;
      const r = await store.append(
        loginStream(life.subjectId),
        [{ eventId: `login-${life.subjectId}-${n}`, type: 'LoginRecorded', data: l.right, recordedAt: at }],
        'any',
      )();
      if (E.isLeft(r)) throw new Error(`login append failed: ${JSON.stringify(r.left)}`);
    };
    for (const c of life.commands) {
      const atMs = Date.parse(c.at);
      if (options.review)
        for (const ms of reviewsBefore(state, atMs)) await apply(reviewCommand(life.subjectId, ms, ++n));
      if (!(await apply(c))) continue;
      if (options.review) await apply(reviewCommand(life.subjectId, atMs, ++n));
      await login(c.at);
    }
    if (options.review && options.until !== undefined)
      for (const ms of reviewsBefore(state, options.until)) await apply(reviewCommand(life.subjectId, ms, ++n));
  }
  return store;
};

/** Every event of an in-memory store, in global order. */
export const storedEvents = (store: InMemoryEventStore<AuditedEvent>): StoredEvent<AuditedEvent>[] => {
  const all = store.readAllSync();
  if (E.isLeft(all)) throw new Error(`read failed: ${JSON.stringify(all.left)}`);
  return [...all.right];
};

/** An event to lay out in a log: its stream and its data (any JSON, to allow tampering). */
export interface LogEntry {
  readonly streamId: string;
  readonly data: unknown;
}

/** The events of several histories, merged into one global order by instant (stable). */
export const mergeHistories = (histories: readonly History[]): LogEntry[] =>
  histories
    .flatMap((h, i) =>
      h.events.map((e, j) => ({ i, j, ms: Date.parse(e.at), streamId: subjectStream(h.subjectId), data: e })),
    )
    .sort((a, b) => a.ms - b.ms || a.i - b.i || a.j - b.j)
    .map(({ streamId, data }) => ({ streamId, data }));

const atOf = (data: unknown): Instant => {
  const at = (data as { at?: unknown }).at;
  return typeof at === 'string' ? at : '2024-07-01T00:00:00+07:00';
};

/**
 * Lays entries out as a hash-chained log, as a store would hold it: revisions per stream from 0, positions from 0,
 * `recordedAt` the event's own instant, each hash over the event and the one before it.
 */
export const seal = (entries: readonly LogEntry[]): StoredEvent<unknown>[] => {
  const last = new Map<string, { revision: number; hash: string }>();
  return entries.map((x, position) => {
    const before = last.get(x.streamId);
    const revision = before === undefined ? 0 : before.revision + 1;
    const previousHash = before?.hash ?? GENESIS_HASH;
    const type = String((x.data as { type?: unknown }).type);
    const base = {
      streamId: x.streamId,
      revision,
      eventId: `${x.streamId}-${revision}`,
      type,
      data: x.data,
      metadata: {},
      recordedAt: atOf(x.data),
    };
    const hash = eventHash(base, previousHash);
    if (E.isLeft(hash)) throw new Error(`not canonical JSON: ${hash.left.reason}`);
    last.set(x.streamId, { revision, hash: hash.right });
    return { ...base, position, hash: hash.right, previousHash };
  });
};

/** The same entries appended to a hash-chained in-memory store, in order: the same events, ids and hashes as {@link seal}. */
export const storeOf = (entries: readonly LogEntry[]): InMemoryEventStore<AuditedEvent> => {
  const store = newAuditedStore();
  const revisions = new Map<string, number>();
  for (const x of entries) {
    const data = x.data as AccountEvent;
    const revision = (revisions.get(x.streamId) ?? -1) + 1;
    revisions.set(x.streamId, revision);
    const r = store.appendSync(
      x.streamId,
      [{ eventId: `${x.streamId}-${revision}`, type: data.type, data, recordedAt: data.at }],
      'any',
    );
    if (E.isLeft(r)) throw new Error(`append failed: ${JSON.stringify(r.left)}`);
  }
  return store;
};

/** A log as NDJSON text, one stored event a line. */
export const ndjsonOf = (events: readonly StoredEvent<unknown>[]): string =>
  events.map((e) => JSON.stringify(e)).join('\n') + '\n';
