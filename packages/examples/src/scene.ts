/**
 * What every example shares: a fresh hash-chained in-memory store for the whole log (identity and login streams),
 * the real account decider behind `createCommandHandler`, logins decided by `decideLogin`, and a printer that tells
 * each step with the clause that authorised it, or the clause that forbade it.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  type EventStore,
  type InMemoryEventStore,
  type LogEvent,
  type LoginRecorded,
  type RecordLogin,
  type Rejection,
  type StoredEvent,
  LogEventCodec,
  accountStatus,
  createAccountCommandHandler,
  isRejection,
  createInMemoryEventStore,
  decideLogin,
  formatCitation,
  initialState,
  loginStream,
  vietnamDateOfMs,
} from '@dinhdanh/core';

/** Where an example writes its lines: `console.log` when run, a collector in tests. */
export type Print = (line: string) => void;

/** The Vietnamese day that a deadline instant (24:00, written as 00:00 of the next day) closes. */
export const endDay = (instant: string): string => vietnamDateOfMs(Date.parse(instant) - 1);

/** An instant as `2025-07-02 09:00`, as read on a wall clock in Vietnam (the examples write all instants at +07:00). */
export const wallClock = (instant: string): string => instant.slice(0, 16).replace('T', ' ');

/** What an event adds to its type and clause when printed. */
export const eventDetail = (e: LogEvent): string => {
  switch (e.type) {
    case 'AccountRequested':
      return `${e.timeLimitId}: due by the end of ${endDay(e.dueBy)} (${formatCitation(e.timeLimit)})`;
    case 'IdentityVerified':
      return `against the ${e.verification.against.replace(/-/g, ' ')}`;
    case 'AccountGranted':
      return `${e.level === null ? 'no level (organisation)' : `level ${e.level}`}, ${e.late ? 'LATE' : 'within the limit'} ending with ${endDay(e.dueBy)}`;
    case 'AccountRefused':
      return `reason: ${e.reason}`;
    case 'AccountActivated':
      return `on the ${e.channel}, window ending with ${endDay(e.windowEndsAt)}`;
    case 'IdentityUpdated':
      return `from the ${e.source}`;
    case 'AccountLocked':
    case 'AccountUnlocked':
    case 'LockGroundAdded':
    case 'LockGroundCeased':
    case 'ElectronicIdentityCardLocked':
    case 'ElectronicIdentityCardUnlocked':
    case 'CardLockGroundAdded':
    case 'CardLockGroundCeased':
      return `ground: ${e.ground}`;
    case 'AgencyRequestReceived':
      return `${e.requestId} (${e.action} ${e.target}) from ${e.agency}; forward by the end of ${endDay(e.forwardBy)}`;
    case 'AgencyRequestForwarded':
      return `${e.requestId}${e.late ? ', LATE' : ', on time'}; decide by the end of ${endDay(e.decideBy)}`;
    case 'AgencyRequestApproved':
      return `${e.requestId}${e.late ? ', LATE' : ', on time'}`;
    case 'AgencyRequestRefused':
      return `${e.requestId}: ${e.reason}`;
    case 'GuardianConsentGiven':
    case 'GuardianConsentWithdrawn':
      return `by ${e.guardianId}`;
    case 'LoginRecorded':
      return `authentication level ${e.authenticationLevel} with ${e.means.join(' + ')}`;
    default:
      return '';
  }
};

/** One stored event as a line: `#revision Type  clause  detail`. */
export const eventLine = (stored: StoredEvent<LogEvent>): string =>
  `    #${stored.revision} ${stored.data.type.padEnd(24)} ${formatCitation(stored.data.legalBasis).padEnd(30)} ${eventDetail(stored.data)}`;

/** A refusal as a line: its code and its message, which ends with the clause. */
export const refusalLine = (r: Rejection): string => `    refused ${r.code}: ${r.message}`;

/** A scene: one store, the handler over it, and what happened so far, printed as it happens. */
export interface Scene {
  readonly store: InMemoryEventStore<LogEvent>;
  /** Prints a line. */
  readonly print: Print;
  /** Decides a command, stores its events and prints them; a refusal is printed and returned. */
  readonly act: (say: string, command: AccountCommand) => Promise<E.Either<Rejection, readonly AccountEvent[]>>;
  /** Decides a login against the subject's account and stores it in the login stream (Art. 17(2)). */
  readonly login: (say: string, command: RecordLogin) => Promise<E.Either<Rejection, LoginRecorded>>;
  /** The account state of a subject, as the decider last left it. */
  readonly state: (subjectId: string) => AccountState;
}

/** A scene on a fresh store: `createInMemoryEventStore({ codec: LogEventCodec, hashChain: true })`. */
export const createScene = (print: Print, clock = (): string => '2025-07-01T00:00:00+07:00'): Scene => {
  const store = createInMemoryEventStore({ codec: LogEventCodec, hashChain: true, clock });
  const handle = createAccountCommandHandler(store);
  const states = new Map<string, AccountState>();
  const stateOf = (id: string): AccountState => states.get(id) ?? initialState;
  return {
    store,
    print,
    state: stateOf,
    act: async (say, command) => {
      print(`${wallClock(command.at)}  ${say}`);
      const r = await handle(command)();
      if (E.isLeft(r)) {
        if (!isRejection(r.left)) throw new Error(`the store failed: ${JSON.stringify(r.left)}`);
        print(refusalLine(r.left));
        return E.left(r.left);
      }
      for (const stored of r.right.events) print(eventLine(stored));
      print(`    status: ${accountStatus(r.right.state)}`);
      states.set(command.subjectId, r.right.state);
      return E.right(r.right.events.map((s) => s.data));
    },
    login: async (say, command) => {
      print(`${wallClock(command.at)}  ${say}`);
      const decided = decideLogin(command, stateOf(command.subjectId));
      if (E.isLeft(decided)) {
        print(refusalLine(decided.left));
        return decided;
      }
      const appended = await store.append(
        loginStream(command.subjectId),
        [{ eventId: command.commandId, type: decided.right.type, data: decided.right, recordedAt: command.at }],
        'any',
      )();
      if (E.isLeft(appended)) throw new Error(`the store failed: ${JSON.stringify(appended.left)}`);
      const stored = await store.readStream(loginStream(command.subjectId), { direction: 'backward', maxCount: 1 })();
      if (E.isLeft(stored) || stored.right[0] === undefined) throw new Error('the login just stored cannot be read');
      print(eventLine(stored.right[0]));
      return decided;
    },
  };
};

/** The whole log, in global order. */
export const allEvents = async (store: EventStore<LogEvent>): Promise<ReadonlyArray<StoredEvent<LogEvent>>> => {
  const r = await store.readAll()();
  if (E.isLeft(r)) throw new Error(`the store failed: ${JSON.stringify(r.left)}`);
  return r.right;
};

/** The actors of the examples. */
export const actors = {
  hanoiImmigration: { role: 'receiving-officer', id: 'hanoi-immigration-officer-7' },
  communePolice: { role: 'receiving-officer', id: 'ba-dinh-commune-police-officer-3' },
  c06: { role: 'management-agency', id: 'C06' },
  system: { role: 'system', id: 'eid-system' },
  hanoiPolice: { role: 'public-security', id: 'hanoi-police-identity-management' },
} as const;
