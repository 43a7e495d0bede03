import * as E from 'fp-ts/lib/Either.js';
import type { AccountCommand } from '../account/commands.js';
import { accountDecider } from '../account/decide.js';
import type { AccountEvent } from '../account/events.js';
import { decideLogin } from '../account/login.js';
import { type LogEvent, LogEventCodec } from '../account/logEvent.js';
import { initialState } from '../account/state.js';
import { createCommandHandler } from '../handler/commandHandler.js';
import { isRejection } from '../handler/accountHandler.js';
import { deriveEventId } from '../handler/eventIds.js';
import { type InMemoryEventStore, createInMemoryEventStore } from '../store/inMemory.js';
import type { EventStore, NewEvent } from '../store/port.js';
import { loginStream, subjectStream } from '../store/streams.js';
import {
  type PopulationOptions,
  Scheduler,
  type SimulationSummary,
  type SimulatorRefusal,
  Tally,
  makePlan,
} from './simulatorPlan.js';
import { type InjectedViolation, type Outcome, settle } from './simulatorSteps.js';

/** Options of {@link simulate}. */
export interface SimulateOptions extends PopulationOptions {
  /**
   * Where to record the log. Default: a new in-memory store of {@link LogEventCodec} keeping the hash chain. The
   * simulator appends to `subject-<id>` and `login-<id>` streams, which should be empty.
   */
  readonly store?: EventStore<LogEvent>;
}

/** What {@link simulate} recorded. */
export interface SimulationResult<S extends EventStore<LogEvent> = EventStore<LogEvent>> {
  /** The store holding the log. */
  readonly store: S;
  readonly summary: SimulationSummary;
  /** Commands the decider refused: none in a correct simulation (the tests hold it to zero). */
  readonly refusals: readonly SimulatorRefusal[];
  /** The violations written into the log, each with the audit check that should report it. */
  readonly injected: readonly InjectedViolation[];
}

const REFUSED: Outcome = { refused: true, events: [], state: initialState };

const newEvents = (streamId: string, commandId: string, events: readonly LogEvent[]): NewEvent<LogEvent>[] =>
  events.map((data, k) => ({
    eventId: deriveEventId(streamId, commandId, k),
    type: data.type,
    data,
    metadata: { commandId },
    recordedAt: data.at,
  }));

/**
 * Simulates a population over a period and records its log: citizens of every age (guardians apply and consent for
 * children and persons under guardianship), foreigners whose passports and residence cards expire and are renewed
 * (locked automatically the morning after an expiry, unlocked on renewal), organisations that dissolve, deaths,
 * competent agencies' Form TK03 requests received, forwarded and decided, activations (mostly within the 7 days, some
 * through the hotline after), and logins at every authentication level. About six account events per subject, plus
 * `loginsPerAccount` logins per activated account.
 *
 * Every command goes through the real command handler and account decider, in the order of time across all subjects,
 * so the log is lawful: a refusal would be a bug of the simulator, and is listed in `refusals`. Logins are decided by
 * `decideLogin` and appended to the login streams. With `violations`, the chosen share of subjects each show one
 * violation, written past the decider where the decider would refuse it, and listed in `injected` with the audit
 * check that should report it.
 *
 * Deterministic: the same options give the same log, byte for byte (a seeded generator, instants derived from the
 * period, event ids derived from command ids; no clock, no `Math.random`).
 *
 * @example
 * ```ts
 * import { simulate } from '@dinhdanh/core/testing';
 *
 * const { store, summary, injected } = await simulate({
 *   seed: 42,
 *   subjects: 1_000,
 *   from: '2025-01-01T00:00:00+07:00',
 *   to: '2025-12-31T23:59:59+07:00',
 *   violations: { 'activation-after-window': 0.01, 'left-unlocked': 0.005 },
 * });
 * console.log(summary.eventsByType, injected.length); // 15 injected, each naming its audit check
 * ```
 */
export async function simulate(
  options: SimulateOptions & { readonly store?: undefined },
): Promise<SimulationResult<InMemoryEventStore<LogEvent>>>;
export async function simulate<S extends EventStore<LogEvent>>(
  options: SimulateOptions & { readonly store: S },
): Promise<SimulationResult<S>>;
export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
  const plan = makePlan(options);
  const store = options.store ?? createInMemoryEventStore<LogEvent>({ codec: LogEventCodec, hashChain: true });
  // The handler decides account commands only, and reads only subject streams, which hold account events.
  const handle = createCommandHandler(accountDecider, store as unknown as EventStore<AccountEvent>, {
    streamOf: (c: AccountCommand) => subjectStream(c.subjectId),
  });
  const tally = new Tally();
  const scheduler = new Scheduler(plan, tally);

  const append = async (streamId: string, commandId: string, events: readonly LogEvent[]): Promise<void> => {
    const r = await store.append(streamId, newEvents(streamId, commandId, events), 'any')();
    if (E.isLeft(r)) throw new Error(`the store refused an append to ${streamId}: ${JSON.stringify(r.left)}`);
    tally.recorded(events);
  };

  for (let e = scheduler.pop(); e !== undefined; e = scheduler.pop()) {
    const step = e.step;
    let outcome: Outcome;
    switch (step.kind) {
      case 'command': {
        tally.commands++;
        const r = await handle(step.command)();
        if (E.isRight(r)) {
          const events = r.right.events.map((s) => s.data);
          tally.recorded(events);
          outcome = { refused: false, events, state: r.right.state };
        } else if (isRejection(r.left)) {
          tally.refused(step.command, r.left);
          outcome = REFUSED;
        } else {
          throw new Error(`the store failed on ${step.command.commandId}: ${JSON.stringify(r.left)}`);
        }
        break;
      }
      case 'login': {
        tally.commands++;
        const decided = decideLogin(step.command, step.life.state);
        if (E.isLeft(decided)) {
          tally.refused(step.command, decided.left);
          outcome = REFUSED;
        } else {
          await append(loginStream(step.command.subjectId), step.command.commandId, [decided.right]);
          outcome = { refused: false, events: [], state: step.life.state };
        }
        break;
      }
      case 'forge':
        await append(step.streamId, step.commandId, step.events);
        outcome = { refused: false, events: [], state: initialState };
        break;
    }
    settle(step, outcome);
    scheduler.resume(e, outcome);
  }
  return { store, summary: tally.summary(plan), refusals: tally.refusals, injected: tally.injected };
}
