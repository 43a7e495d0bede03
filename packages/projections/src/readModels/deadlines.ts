import {
  ACTIVATION_WINDOW,
  AGENCY_REQUEST_TIME_LIMITS,
  type Citation,
  type Instant,
  type StoredEvent,
  type TimeLimit,
  type WorkingCalendar,
  activationWindowEnd,
  parseInstant,
  vietnamDateOfMs,
  vietnamWorkingCalendar,
} from '@dinhdanh/core';
import * as E from 'fp-ts/lib/Either.js';
import type { KeyedModel, KeyedProjection, ProjectedEvent } from '../projection.js';
import { sortedValues, subjectKey } from './common.js';

/** What an open obligation asks for, and of whom. */
export type ObligationKind =
  /** The management agency grants (or refuses) the account (Art. 13). */
  | 'grant'
  /** The subject activates the account on the app (Art. 14(1)); afterwards only via the hotline. */
  | 'activation'
  /** The receiving Public Security agency forwards a competent agency's request (Art. 15(2)(d), 15(3)(c)). */
  | 'forward-agency-request'
  /** The head of the Ministry's identity management agency decides it (Art. 15(2)(dd), 15(3)(d)). */
  | 'decide-agency-request';

/** A competent agency's request an obligation is about. */
export interface AgencyRequestRef {
  readonly requestId: string;
  readonly action: 'lock' | 'unlock';
  readonly target: 'account' | 'electronic-identity-card';
  readonly agency: string;
}

/** A legal obligation not yet met, with its due instant and the clause that sets the time limit. */
export interface Obligation {
  /** Unique within the subject: `grant`, `activation`, `forward:<requestId>`, `decide:<requestId>`. */
  readonly id: string;
  readonly subjectId: string;
  readonly kind: ObligationKind;
  readonly owedBy: 'management-agency' | 'subject' | 'public-security';
  /** The instant the period started from (its day is not counted). */
  readonly since: Instant;
  /** The end of the period: 24:00 in Vietnam of its last day, written as 00:00 of the next day. */
  readonly dueBy: Instant;
  readonly timeLimitId: string;
  readonly citation: Citation;
  readonly agencyRequest: AgencyRequestRef | null;
}

/** A subject's open obligations. */
export interface DeadlinesPartition {
  readonly subjectId: string;
  readonly open: Readonly<Record<string, Obligation>>;
  readonly activated: boolean;
}

/** The deadlines read model: open obligations by subject id. */
export type DeadlinesModel = KeyedModel<DeadlinesPartition>;

const AGENCY_LIMITS: Readonly<
  Record<AgencyRequestRef['target'], Record<AgencyRequestRef['action'], { forward: TimeLimit; decide: TimeLimit }>>
> = {
  account: {
    lock: {
      forward: AGENCY_REQUEST_TIME_LIMITS.forwardAccountLock,
      decide: AGENCY_REQUEST_TIME_LIMITS.decideAccountLock,
    },
    unlock: {
      forward: AGENCY_REQUEST_TIME_LIMITS.forwardAccountUnlock,
      decide: AGENCY_REQUEST_TIME_LIMITS.decideAccountUnlock,
    },
  },
  'electronic-identity-card': {
    lock: { forward: AGENCY_REQUEST_TIME_LIMITS.forwardCardLock, decide: AGENCY_REQUEST_TIME_LIMITS.decideCardLock },
    unlock: {
      forward: AGENCY_REQUEST_TIME_LIMITS.forwardCardUnlock,
      decide: AGENCY_REQUEST_TIME_LIMITS.decideCardUnlock,
    },
  },
};

const without = (open: Readonly<Record<string, Obligation>>, id: string): Readonly<Record<string, Obligation>> => {
  if (!(id in open)) return open;
  const rest = { ...open };
  delete rest[id];
  return rest;
};

const withOne = (p: DeadlinesPartition, o: Obligation): DeadlinesPartition => ({
  ...p,
  open: { ...p.open, [o.id]: o },
});

/**
 * The deadlines read model over a working calendar (the shipped Vietnamese one by default): every open legal
 * obligation of a subject with its due instant and citation:
 * - a grant from `AccountRequested` (its `dueBy`, Art. 13) until the account is granted or refused;
 * - the app activation window from `AccountGranted` (7 days by the Civil Code, Art. 14(1)) until activated;
 * - forwarding a competent agency's request from `AgencyRequestReceived` (`forwardBy`, Art. 15(2)(d), 15(3)(c),
 *   29(4), 30(4)) until forwarded;
 * - deciding it from `AgencyRequestForwarded` (`decideBy`, Art. 15(2)(dd), 15(3)(d), 29(5), 30(5)) until decided.
 */
export const deadlinesProjection = (
  calendar: WorkingCalendar = vietnamWorkingCalendar,
): KeyedProjection<DeadlinesPartition> => ({
  kind: 'keyed',
  name: 'deadlines',
  version: 1,
  keyOf: subjectKey,
  init: (subjectId) => ({ subjectId, open: {}, activated: false }),
  apply: (p: DeadlinesPartition, stored: StoredEvent<ProjectedEvent>): DeadlinesPartition => {
    const e = stored.data;
    const obligation = (o: Omit<Obligation, 'subjectId'>): DeadlinesPartition =>
      withOne(p, { ...o, subjectId: p.subjectId });
    switch (e.type) {
      case 'AccountRequested':
        return obligation({
          id: 'grant',
          kind: 'grant',
          owedBy: 'management-agency',
          since: e.at,
          dueBy: e.dueBy,
          timeLimitId: e.timeLimitId,
          citation: e.timeLimit,
          agencyRequest: null,
        });
      case 'AccountRefused':
        return { ...p, open: without(p.open, 'grant') };
      case 'AccountGranted': {
        const granted = { ...p, open: without(p.open, 'grant') };
        if (p.activated) return granted;
        const window = activationWindowEnd(e.at, calendar);
        // Outside the calendar's years no window can be computed; the decider refuses such grants anyway.
        if (E.isLeft(window)) return { ...granted, open: without(granted.open, 'activation') };
        return withOne(granted, {
          id: 'activation',
          subjectId: p.subjectId,
          kind: 'activation',
          owedBy: 'subject',
          since: e.at,
          dueBy: window.right.endsAt,
          timeLimitId: ACTIVATION_WINDOW.id,
          citation: ACTIVATION_WINDOW.citation,
          agencyRequest: null,
        });
      }
      case 'AccountActivated':
      case 'AccountCarriedOver':
        return { ...p, activated: true, open: without(p.open, 'activation') };
      case 'AgencyRequestReceived': {
        const limit = AGENCY_LIMITS[e.target][e.action].forward;
        return obligation({
          id: `forward:${e.requestId}`,
          kind: 'forward-agency-request',
          owedBy: 'public-security',
          since: e.at,
          dueBy: e.forwardBy,
          timeLimitId: limit.id,
          citation: limit.citation,
          agencyRequest: { requestId: e.requestId, action: e.action, target: e.target, agency: e.agency },
        });
      }
      case 'AgencyRequestForwarded': {
        const forward = p.open[`forward:${e.requestId}`];
        const rest = { ...p, open: without(p.open, `forward:${e.requestId}`) };
        if (forward?.agencyRequest == null) return rest;
        const r = forward.agencyRequest;
        const limit = AGENCY_LIMITS[r.target][r.action].decide;
        return withOne(rest, {
          id: `decide:${e.requestId}`,
          subjectId: p.subjectId,
          kind: 'decide-agency-request',
          owedBy: 'management-agency',
          since: e.at,
          dueBy: e.decideBy,
          timeLimitId: limit.id,
          citation: limit.citation,
          agencyRequest: r,
        });
      }
      case 'AgencyRequestApproved':
      case 'AgencyRequestRefused':
        return { ...p, open: without(p.open, `decide:${e.requestId}`) };
      default:
        return p;
    }
  },
});

/** The default deadlines projection, on the shipped Vietnamese working calendar. */
export const deadlinesOnVietnamCalendar: KeyedProjection<DeadlinesPartition> = deadlinesProjection();

const byDue = (a: Obligation, b: Obligation): number =>
  Date.parse(a.dueBy) - Date.parse(b.dueBy) ||
  (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every open obligation, earliest due first. */
export const openObligations = (model: DeadlinesModel): Obligation[] =>
  sortedValues(model)
    .flatMap((p) => Object.values(p.open))
    .sort(byDue);

/** A subject's open obligations, earliest due first. */
export const obligationsOf = (model: DeadlinesModel, subjectId: string): Obligation[] =>
  Object.values(model.get(subjectId)?.open ?? {}).sort(byDue);

/** An obligation past its due instant, and how late in working days. */
export interface OverdueObligation extends Obligation {
  /**
   * Working days after the period's last day up to and including the as-of day: 0 when none has passed yet (the
   * period ended last night, or only days off followed it).
   */
  readonly workingDaysLate: number;
}

/** The as-of instant is not an ISO-8601 instant, or falls outside the calendar. */
export interface InvalidDeadlineQuery {
  readonly _tag: 'InvalidDeadlineQuery';
  readonly message: string;
}

/**
 * The open obligations overdue as of an instant (their `dueBy` is before it), earliest due first, with how late in
 * working days. Read the model as of the same instant (`asOf` of the runner) to ask what was overdue then.
 */
export const overdue = (
  model: DeadlinesModel,
  asOf: Instant,
  calendar: WorkingCalendar = vietnamWorkingCalendar,
): E.Either<InvalidDeadlineQuery, OverdueObligation[]> => {
  const at = parseInstant(asOf);
  if (E.isLeft(at)) return E.left({ _tag: 'InvalidDeadlineQuery', message: at.left.message });
  const asOfDay = vietnamDateOfMs(at.right);
  if (!calendar.covers(asOfDay)) {
    return E.left({ _tag: 'InvalidDeadlineQuery', message: `${asOf} is outside the working calendar's years` });
  }
  const out: OverdueObligation[] = [];
  for (const o of openObligations(model)) {
    const due = Date.parse(o.dueBy);
    if (!(at.right > due)) continue;
    // `dueBy` is 24:00 of the last day, i.e. 00:00 of the next: the last day is the one just before it.
    const lastDay = vietnamDateOfMs(due - 1);
    const late = calendar.covers(lastDay) ? Math.max(0, calendar.workingDaysBetween(lastDay, asOfDay)) : 0;
    out.push({ ...o, workingDaysLate: late });
  }
  return E.right(out);
};
