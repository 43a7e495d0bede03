/**
 * What every contender implements: the in-memory scenarios of the benchmark, each over the same workload array, and
 * each stopped at its deadline with a note rather than left to run for hours.
 */
import type { Workload, WorkloadEvent } from './workload.js';

/** The result of one scenario run: how many events it processed in how long, and why it stopped early if it did. */
export interface Outcome {
  readonly events: number;
  readonly seconds: number;
  readonly note?: string;
}

/** The events one command decided, consecutive in the log and in one stream. */
export interface WorkloadCommand {
  readonly streamId: string;
  readonly commandId: string;
  readonly at: string;
  /** The revision the stream was at before the command (`-1`: no stream yet). */
  readonly revisionBefore: number;
  readonly events: ReadonlyArray<WorkloadEvent>;
}

/** The workload as the scenarios read it, prepared once for every contender. */
export interface Prepared {
  readonly workload: Workload;
  readonly commands: ReadonlyArray<WorkloadCommand>;
  /** The names of the identity subjects' streams, in the order of their first event. */
  readonly subjectStreams: ReadonlyArray<string>;
  /** How many events the subject streams hold together. */
  readonly subjectStreamEvents: number;
}

/** A wall-clock deadline in `performance.now()` milliseconds. */
export interface Deadline {
  readonly at: number;
  readonly budgetSeconds: number;
}

/** A contender: a store and its fold, run through the scenarios in order on one store it keeps in between. */
export interface Contender {
  readonly name: string;
  /** Each command through the library's command handling (load, fold, decide, append) on a fresh store. */
  readonly appendPerCommand: (p: Prepared, deadline: Deadline) => Promise<Outcome>;
  /** The whole log imported in log order, an event at a time, into the store the next scenarios read. */
  readonly importLog: (p: Prepared, deadline: Deadline) => Promise<Outcome>;
  /** Every identity subject's stream read and folded into its state, one subject at a time. */
  readonly aggregate: (p: Prepared, deadline: Deadline) => Promise<Outcome>;
  /** The accounts read model rebuilt from the store. */
  readonly rebuild: (p: Prepared, deadline: Deadline) => Promise<Outcome>;
  /** Drops the store, so its memory can be reclaimed before the next contender. */
  readonly release: () => void;
}

/** Groups the log into commands: consecutive events of one stream with one command id. */
export const prepare = (workload: Workload): Prepared => {
  const commands: WorkloadCommand[] = [];
  const subjectStreams: string[] = [];
  const seen = new Set<string>();
  let subjectStreamEvents = 0;
  let current:
    { streamId: string; commandId: string; at: string; revisionBefore: number; events: WorkloadEvent[] } | undefined;
  for (const e of workload.events) {
    if (e.data.type !== 'LoginRecorded') {
      subjectStreamEvents++;
      if (!seen.has(e.streamId)) {
        seen.add(e.streamId);
        subjectStreams.push(e.streamId);
      }
    }
    if (current !== undefined && current.commandId === e.commandId && current.streamId === e.streamId) {
      current.events.push(e);
      continue;
    }
    current = {
      streamId: e.streamId,
      commandId: e.commandId,
      at: e.recordedAt,
      revisionBefore: e.revision - 1,
      events: [e],
    };
    commands.push(current);
  }
  return { workload, commands, subjectStreams, subjectStreamEvents };
};

/** A deadline `budgetSeconds` from now. */
export const deadlineIn = (budgetSeconds: number): Deadline => ({
  at: performance.now() + budgetSeconds * 1000,
  budgetSeconds,
});

/** The note of a scenario stopped at its deadline after `done` of `total` units. */
export const timedOut = (deadline: Deadline, done: number, total: number, unit: string): string =>
  `time-boxed: stopped after ${deadline.budgetSeconds} s at ${done} of ${total} ${unit}; the rate is over what was done`;

/** Times `run`, which returns how many events it processed and an optional note. */
export const timed = async (run: () => Promise<{ events: number; note?: string }>): Promise<Outcome> => {
  const start = performance.now();
  const r = await run();
  const seconds = (performance.now() - start) / 1000;
  return r.note === undefined ? { events: r.events, seconds } : { events: r.events, seconds, note: r.note };
};
