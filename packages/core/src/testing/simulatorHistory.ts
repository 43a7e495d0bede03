import * as E from 'fp-ts/lib/Either.js';
import { accountDecider } from '../account/decide.js';
import { fold } from '../account/evolve.js';
import { decideLogin } from '../account/login.js';
import type { LogEvent } from '../account/logEvent.js';
import { initialState } from '../account/state.js';
import type { Subject } from '../account/subject.js';
import { loginStream, subjectStream } from '../store/streams.js';
import {
  type PopulationOptions,
  Scheduler,
  type SimulationSummary,
  type SimulatorRefusal,
  Tally,
  makePlan,
  populationOf,
} from './simulatorPlan.js';
import { type InjectedViolation, type Outcome, settle } from './simulatorSteps.js';

/** One event of a simulated log and the stream it belongs to, in the log's global order. */
export interface HistoryEntry {
  readonly streamId: string;
  /** The command (or login, or forged write) the event came from: events of one command were decided together. */
  readonly commandId: string;
  readonly data: LogEvent;
}

/** A simulated log held in memory: what {@link simulateHistory} returns. */
export interface SimulatedHistory {
  readonly entries: readonly HistoryEntry[];
  readonly summary: SimulationSummary;
  readonly refusals: readonly SimulatorRefusal[];
  readonly injected: readonly InjectedViolation[];
}

const REFUSED: Outcome = { refused: true, events: [], state: initialState };

/**
 * The log {@link simulate} records, computed in memory with the account decider alone: the same events, in the same
 * order, as the command handler would store for the same options (the handler folds the stream, asks the same decider
 * and appends what it decides). Synchronous, for fast-check arbitraries and for tests that want the events without a
 * store; append the entries to a store to get what `simulate` gives.
 */
export const simulateHistory = (options: PopulationOptions): SimulatedHistory => {
  const plan = makePlan(options);
  const tally = new Tally();
  const scheduler = new Scheduler(plan, tally);
  const entries: HistoryEntry[] = [];
  const record = (streamId: string, commandId: string, events: readonly LogEvent[]): void => {
    for (const data of events) entries.push({ streamId, commandId, data });
    tally.recorded(events);
  };
  for (let e = scheduler.pop(); e !== undefined; e = scheduler.pop()) {
    const step = e.step;
    let outcome: Outcome;
    if (step.kind === 'forge') {
      record(step.streamId, step.commandId, step.events);
      outcome = { refused: false, events: [], state: initialState };
    } else if (step.kind === 'login') {
      tally.commands++;
      const decided = decideLogin(step.command, step.life.state);
      if (E.isLeft(decided)) {
        tally.refused(step.command, decided.left);
        outcome = REFUSED;
      } else {
        record(loginStream(step.command.subjectId), step.command.commandId, [decided.right]);
        outcome = { refused: false, events: [], state: step.life.state };
      }
    } else {
      tally.commands++;
      const decided = accountDecider.decide(step.command, step.life.state);
      if (E.isLeft(decided)) {
        tally.refused(step.command, decided.left);
        outcome = REFUSED;
      } else {
        record(subjectStream(step.command.subjectId), step.command.commandId, decided.right);
        outcome = { refused: false, events: decided.right, state: fold(step.life.state, decided.right) };
      }
    }
    settle(step, outcome);
    scheduler.resume(e, outcome);
  }
  return { entries, summary: tally.summary(plan), refusals: tally.refusals, injected: tally.injected };
};

/** The identity subjects of a simulated population as first known, without their lives. */
export const simulatePopulation = (options: PopulationOptions): readonly Subject[] => populationOf(makePlan(options));
