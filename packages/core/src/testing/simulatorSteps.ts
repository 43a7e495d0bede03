// The vocabulary of simulated lives: a life is a generator of steps (a command for the decider, a login, events
// written past the decider), resumed with what each step recorded. The drivers (simulatorDriver.ts) run the steps of
// every life in time order, through the command handler or straight through the decider.
import type { AccountCommand, AccountCommandType, CommandOf } from '../account/commands.js';
import type { AccountEvent } from '../account/events.js';
import { evolve } from '../account/evolve.js';
import type { LoginRecorded, RecordLogin } from '../account/login.js';
import { type AccountState, initialState } from '../account/state.js';
import type { Subject } from '../account/subject.js';
import { type CivilDate, formatVietnamInstant, vietnamDateOfMs } from '../calendar/civilDate.js';
import type { Citation } from '../decree/citation.js';
import type { Actor } from '../decree/competence.js';
import type { Rng } from './simulatorRandom.js';

/** A violation written into a simulated log, with the audit check that should report it. */
export interface InjectedViolation {
  /** The kind of violation (see `VIOLATION_KINDS`). */
  readonly kind: string;
  readonly subjectId: string;
  /** The stream that shows it: the subject's identity stream, or its login stream. */
  readonly streamId: string;
  /** The id of the audit check that should report it (`AUDIT_CHECKS` in `@dinhdanh/projections`). */
  readonly expectedCheck: string;
  /** The clause it breaks. */
  readonly citation: Citation;
  /** When it happened: the forged event's instant, or for an omission the instant the duty arose. */
  readonly at: string;
  readonly description: string;
}

/**
 * One step of a life. `atMs` places it in the log's global order (non-decreasing within a life). The driver decides
 * it on `life.state` and moves `life.state` on by what it recorded.
 */
export type Step =
  | { readonly kind: 'command'; readonly atMs: number; readonly command: AccountCommand; readonly life: LifeState }
  | { readonly kind: 'login'; readonly atMs: number; readonly command: RecordLogin; readonly life: LifeState }
  /** Events written to the stream directly, past the decider: the simulator's violations. */
  | {
      readonly kind: 'forge';
      readonly atMs: number;
      readonly streamId: string;
      readonly commandId: string;
      readonly events: readonly (AccountEvent | LoginRecorded)[];
      readonly life: LifeState;
    };

/** What a step recorded: the events and the state after them, or that the decider refused it. */
export interface Outcome {
  readonly refused: boolean;
  readonly events: readonly AccountEvent[];
  readonly state: AccountState;
}

/** A simulated life; one that returns another life is continued by it. */
export type Life = Generator<Step, Life | void, Outcome>;

/** What every life knows about the simulation. */
export interface LifeCtx {
  readonly fromMs: number;
  readonly toMs: number;
  /** The mean number of logins to an activated account over the period. */
  readonly loginsPerAccount: number;
  readonly inject: (v: InjectedViolation) => void;
}

type Payload<T extends AccountCommandType> = Omit<CommandOf<T>, 'type' | 'commandId' | 'subjectId' | 'at' | 'by'>;

/** A life's own bookkeeping: its clock, the identity as the national databases hold it, the account's state. */
export class LifeState {
  now: number;
  truth: Subject;
  state: AccountState = initialState;
  /** Dead, dissolved: nothing the subject does any more. */
  ended = false;
  private n = 0;

  constructor(
    readonly ctx: LifeCtx,
    readonly r: Rng,
    readonly subjectId: string,
    subject: Subject,
    startMs: number,
  ) {
    this.now = Math.floor(startMs / 1000) * 1000;
    this.truth = subject;
  }

  private dayAt = NaN;
  private dayOf = '' as CivilDate;
  private instantAt = NaN;
  private instantOf = '';

  /** Today in Vietnam. */
  get day(): CivilDate {
    if (this.dayAt !== this.now) {
      this.dayAt = this.now;
      this.dayOf = vietnamDateOfMs(this.now);
    }
    return this.dayOf;
  }

  /** Now, as an ISO 8601 instant in Vietnam's offset. */
  get instant(): string {
    if (this.instantAt !== this.now) {
      this.instantAt = this.now;
      this.instantOf = formatVietnamInstant(this.now);
    }
    return this.instantOf;
  }

  /** A fresh command id of this subject. */
  nextId(): string {
    return `${this.subjectId}-${++this.n}`;
  }

  /** Moves the clock to `ms` (whole seconds, never backwards); `false` when that is past the period's end. */
  at(ms: number): boolean {
    const t = Math.floor(ms / 1000) * 1000;
    if (t > this.ctx.toMs) return false;
    if (t > this.now) this.now = t;
    return true;
  }
}

/** A command issued now; yield it to get what it recorded. */
export const issue = <T extends AccountCommandType>(L: LifeState, type: T, by: Actor, payload: Payload<T>): Step => ({
  kind: 'command',
  atMs: L.now,
  command: {
    type,
    commandId: L.nextId(),
    subjectId: L.subjectId,
    at: L.instant,
    by,
    ...payload,
  } as unknown as AccountCommand,
  life: L,
});

/** A login now with the means given. */
export const logIn = (
  L: LifeState,
  by: Actor,
  means: RecordLogin['means'],
  requiredLevel: RecordLogin['requiredLevel'],
): Step => ({
  kind: 'login',
  atMs: L.now,
  command: {
    type: 'RecordLogin',
    commandId: `${L.nextId()}-login`,
    subjectId: L.subjectId,
    at: L.instant,
    by,
    means,
    requiredLevel,
  },
  life: L,
});

/** Events written to a stream now, past the decider. */
export const forge = (L: LifeState, streamId: string, events: readonly (AccountEvent | LoginRecorded)[]): Step => ({
  kind: 'forge',
  atMs: L.now,
  streamId,
  commandId: `${L.nextId()}-forged`,
  events,
  life: L,
});

/** Moves a life's state on by what a step recorded (the drivers call it). */
export const settle = (step: Step, out: Outcome): void => {
  if (step.kind === 'command' && !out.refused) step.life.state = out.state;
  else if (step.kind === 'forge')
    for (const e of step.events) if (e.type !== 'LoginRecorded') step.life.state = evolve(step.life.state, e);
};
