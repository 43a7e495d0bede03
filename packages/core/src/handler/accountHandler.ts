import type { AccountCommand } from '../account/commands.js';
import { accountDecider } from '../account/decide.js';
import type { AccountEvent } from '../account/events.js';
import type { LogEvent } from '../account/logEvent.js';
import type { AccountState } from '../account/state.js';
import type { Rejection } from '../decree/rejection.js';
import { describeStoreError, type StoreError } from '../store/errors.js';
import type { EventStore } from '../store/port.js';
import { subjectStream } from '../store/streams.js';
import {
  type CommandHandler,
  type CommandHandlerOptions,
  type HandlerError,
  createCommandHandler,
} from './commandHandler.js';

/** The handler of account commands: the account decider over `subject-<id>` streams. */
export type AccountCommandHandler = CommandHandler<AccountCommand, AccountState, AccountEvent, Rejection>;

/**
 * The account command handler over a store that keeps the whole log (identity and login streams, {@link LogEvent}):
 * each command is decided on its subject's stream, `subject-<subjectId>`.
 */
export const createAccountCommandHandler = (
  store: EventStore<LogEvent>,
  options: Omit<CommandHandlerOptions<AccountCommand>, 'streamOf'> = {},
): AccountCommandHandler =>
  // The handler reads and writes subject streams only, and those hold account events only: logins go to their own
  // streams (Art. 17(2)). Were a login found there, `evolve` would pass over it (its default case).
  createCommandHandler(accountDecider, store as unknown as EventStore<AccountEvent>, {
    ...options,
    streamOf: (c) => subjectStream(c.subjectId),
  });

/** Whether a handler's error is the decree's rejection (and not the store's error). */
export const isRejection = (e: HandlerError<Rejection>): e is Rejection => 'code' in e && 'citation' in e;

/** A handler's error for people: the rejection with its clause, or what the store said. */
export const describeHandlerError = (e: HandlerError<Rejection>): string =>
  isRejection(e) ? `${e.message} [${e.code}]` : describeStoreError(e as StoreError);
