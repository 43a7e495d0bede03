import { randomUUID } from 'node:crypto';
import type * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { StoreError } from '../store/errors.js';
import {
  expectedRevisionOf,
  type CurrentRevision,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '../store/port.js';
import { deriveEventId } from './eventIds.js';

/**
 * A decider: the pure decision of what happens to a stream (DESIGN idea 1). No clock, no I/O, no randomness: time
 * arrives on the command.
 */
export interface Decider<C, S, Ev, R> {
  readonly decide: (command: C, state: S) => E.Either<R, ReadonlyArray<Ev>>;
  readonly evolve: (state: S, event: Ev) => S;
  readonly initialState: S;
}

/** Options of {@link createCommandHandler}. */
export interface CommandHandlerOptions<C> {
  /** The stream a command decides about, e.g. `subject-<id>`. */
  readonly streamOf: (command: C) => string;
  /** How many times a command is decided again after losing a race for its stream. Default 3. */
  readonly maxRetries?: number;
  /** The command's id, which makes handling it idempotent. Default: the command's `commandId` property. */
  readonly commandIdOf?: (command: C) => string | undefined;
  /** The correlation id recorded in each event's metadata. Default: the command's `correlationId` property. */
  readonly correlationIdOf?: (command: C) => string | undefined;
  /**
   * The instant recorded on the command's events. Default: the command's `at` property, the instant the decider
   * decided at; when there is none, the store stamps its own clock.
   */
  readonly recordedAt?: (command: C) => string | undefined;
}

/** What handling a command recorded: the stored events, the stream's state after them, and their last revision. */
export interface Handled<S, Ev> {
  readonly events: ReadonlyArray<StoredEvent<Ev>>;
  readonly state: S;
  readonly revision: CurrentRevision;
}

/** Why a command was not handled: the decider's rejection, or the store's error. */
export type HandlerError<R> = R | StoreError;

/** Handles one command: load, fold, decide, append. */
export type CommandHandler<C, S, Ev, R> = (command: C) => TE.TaskEither<HandlerError<R>, Handled<S, Ev>>;

const stringProperty = (value: unknown, key: string): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/**
 * Creates the handler of a decider over an event store.
 *
 * Handling a command reads its stream, folds it with `evolve`, asks `decide`, and appends the events expecting the
 * revision it read. When another writer appended in between, the store answers `WrongExpectedRevision` and the command
 * is decided again on the new state, at most `maxRetries` more times; the conflict is returned after that.
 *
 * A command with a `commandId` is idempotent: its events get ids derived from the stream, the command id and their
 * index, so a second handling finds them in the stream and returns what the first recorded (the same events, the
 * state right after them and their revision) without deciding or appending again. A command that was decided into no
 * event leaves no trace, so handling it again decides again.
 */
export const createCommandHandler = <C, S, Ev extends { readonly type: string }, R>(
  decider: Decider<C, S, Ev, R>,
  store: EventStore<Ev>,
  options: CommandHandlerOptions<C>,
): CommandHandler<C, S, Ev, R> => {
  const maxRetries = options.maxRetries ?? 3;
  if (!Number.isSafeInteger(maxRetries) || maxRetries < 0) {
    throw new RangeError(`maxRetries must be a whole number >= 0, not ${String(maxRetries)}`);
  }
  const commandIdOf = options.commandIdOf ?? ((c: C) => stringProperty(c, 'commandId'));
  const correlationIdOf = options.correlationIdOf ?? ((c: C) => stringProperty(c, 'correlationId'));
  const recordedAtOf = options.recordedAt ?? ((c: C) => stringProperty(c, 'at'));

  const fold = (state: S, events: ReadonlyArray<StoredEvent<Ev>>, end = events.length): S => {
    let s = state;
    for (let i = 0; i < end; i++) s = decider.evolve(s, (events[i] as StoredEvent<Ev>).data);
    return s;
  };

  /** What an earlier handling of the command recorded in the stream, if any. */
  const recorded = (
    streamId: string,
    commandId: string,
    events: ReadonlyArray<StoredEvent<Ev>>,
  ): Handled<S, Ev> | undefined => {
    const first = deriveEventId(streamId, commandId, 0);
    const start = events.findIndex((e) => e.eventId === first);
    if (start < 0) return undefined;
    let end = start + 1;
    while (end < events.length && events[end]?.eventId === deriveEventId(streamId, commandId, end - start)) end++;
    const mine = events.slice(start, end);
    return {
      events: mine,
      state: fold(decider.initialState, events, end),
      revision: (mine[mine.length - 1] as StoredEvent<Ev>).revision,
    };
  };

  return (command) => {
    const streamId = options.streamOf(command);
    const commandId = commandIdOf(command);
    const correlationId = correlationIdOf(command);
    const recordedAt = recordedAtOf(command);
    const metadata: EventMetadata = {
      ...(commandId === undefined ? {} : { commandId }),
      ...(correlationId === undefined ? {} : { correlationId }),
    };
    const toNew = (event: Ev, index: number): NewEvent<Ev> => ({
      eventId: commandId === undefined ? randomUUID() : deriveEventId(streamId, commandId, index),
      type: event.type,
      data: event,
      metadata,
      ...(recordedAt === undefined ? {} : { recordedAt }),
    });

    const attempt = (retriesLeft: number): TE.TaskEither<HandlerError<R>, Handled<S, Ev>> =>
      pipe(
        store.readStream(streamId),
        TE.chainW((history) => {
          const earlier = commandId === undefined ? undefined : recorded(streamId, commandId, history);
          if (earlier !== undefined) return TE.right(earlier);
          const state = fold(decider.initialState, history);
          const last = history[history.length - 1];
          const revision: CurrentRevision = last === undefined ? 'no-stream' : last.revision;
          return pipe(
            TE.fromEither(decider.decide(command, state)),
            TE.chainW((decided) =>
              decided.length === 0
                ? TE.right<HandlerError<R>, Handled<S, Ev>>({ events: [], state, revision })
                : pipe(
                    store.append(streamId, decided.map(toNew), expectedRevisionOf(revision)),
                    TE.chain((appended) =>
                      pipe(
                        // Read back what was recorded: positions, stamps and hashes are the store's to give.
                        store.readStream(streamId, {
                          fromRevision: revision === 'no-stream' ? 0 : revision + 1,
                          maxCount: decided.length,
                        }),
                        TE.map((events): Handled<S, Ev> => ({
                          events,
                          state: decided.reduce((s, e) => decider.evolve(s, e), state),
                          revision: appended.nextExpectedRevision,
                        })),
                      ),
                    ),
                    TE.orElseW((e) =>
                      e._tag === 'WrongExpectedRevision' && retriesLeft > 0 ? attempt(retriesLeft - 1) : TE.left(e),
                    ),
                  ),
            ),
          );
        }),
      );
    return attempt(maxRetries);
  };
};
