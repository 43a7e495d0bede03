import {
  type Citation,
  GRANT_TIME_LIMITS,
  type Instant,
  type Period,
  type StoredEvent,
  type WorkingCalendar,
  vietnamWorkingCalendar,
} from '@dinhdanh/core';
import type { KeyedModel, KeyedProjection, ProjectedEvent } from '../projection.js';
import { type AccountRow, type AccountStatus, accountsProjection } from './accounts.js';
import { sortedValues, subjectKey, vietnamDay, vietnamMonth } from './common.js';

/** Events of a month (in Vietnam), by what happened. */
export interface MonthCounts {
  readonly requested: number;
  readonly granted: number;
  readonly refused: number;
  readonly activated: number;
  readonly locked: number;
  readonly unlocked: number;
}

/** How long one request took to be granted, against its Art. 13 limit. */
export interface ProcessingRecord {
  readonly timeLimitId: string;
  readonly timeLimit: Citation;
  readonly requestedAt: Instant;
  readonly grantedAt: Instant;
  /** Working days after the day of the request up to and including the day of the grant. */
  readonly workingDays: number;
  /** Granted after the limit (as recorded on the grant, DESIGN idea 7). */
  readonly late: boolean;
}

/** One subject's contribution to the statistics. */
export interface StatisticsPartition {
  readonly account: AccountRow;
  readonly pending: { readonly requestedAt: Instant; readonly timeLimitId: string } | null;
  readonly processing: readonly ProcessingRecord[];
  readonly months: Readonly<Record<string, MonthCounts>>;
}

/** The statistics read model: partitions by subject id, summed by {@link statistics}. */
export type StatisticsModel = KeyedModel<StatisticsPartition>;

const ZERO: MonthCounts = { requested: 0, granted: 0, refused: 0, activated: 0, locked: 0, unlocked: 0 };

const count = (p: StatisticsPartition, at: Instant, what: keyof MonthCounts): StatisticsPartition => {
  const month = vietnamMonth(at);
  const c = p.months[month] ?? ZERO;
  return { ...p, months: { ...p.months, [month]: { ...c, [what]: c[what] + 1 } } };
};

/**
 * The statistics read model over a working calendar: per subject its account row (as the accounts read model), the
 * events of each month, and how long each grant took in working days against its Art. 13 limit. Sum it with
 * {@link statistics}.
 */
export const statisticsProjection = (
  calendar: WorkingCalendar = vietnamWorkingCalendar,
): KeyedProjection<StatisticsPartition> => ({
  kind: 'keyed',
  name: 'statistics',
  version: 1,
  keyOf: subjectKey,
  init: (subjectId) => ({ account: accountsProjection.init(subjectId), pending: null, processing: [], months: {} }),
  apply: (p0: StatisticsPartition, stored: StoredEvent<ProjectedEvent>): StatisticsPartition => {
    const e = stored.data;
    const p = { ...p0, account: accountsProjection.apply(p0.account, stored) };
    switch (e.type) {
      case 'AccountRequested':
        return count({ ...p, pending: { requestedAt: e.at, timeLimitId: e.timeLimitId } }, e.at, 'requested');
      case 'AccountRefused':
        return count({ ...p, pending: null }, e.at, 'refused');
      case 'AccountGranted': {
        const granted = count({ ...p, pending: null }, e.at, 'granted');
        const q = p0.pending;
        if (q === null) return granted;
        const from = vietnamDay(q.requestedAt);
        const to = vietnamDay(e.at);
        if (!calendar.covers(from) || !calendar.covers(to)) return granted;
        const record: ProcessingRecord = {
          timeLimitId: q.timeLimitId,
          timeLimit: e.timeLimit,
          requestedAt: q.requestedAt,
          grantedAt: e.at,
          workingDays: calendar.workingDaysBetween(from, to),
          late: e.late,
        };
        return { ...granted, processing: [...granted.processing, record] };
      }
      case 'AccountActivated':
        return count(p, e.at, 'activated');
      case 'AccountLocked':
        return count(p, e.at, 'locked');
      case 'AccountUnlocked':
        return count(p, e.at, 'unlocked');
      default:
        return p;
    }
  },
});

/** The default statistics projection, on the shipped Vietnamese working calendar. */
export const statisticsOnVietnamCalendar: KeyedProjection<StatisticsPartition> = statisticsProjection();

/** Processing times of the grants under one Art. 13 time limit. */
export interface ProcessingTimes {
  readonly timeLimitId: string;
  readonly citation: Citation;
  /** The limit itself, when the id is one of the decree's (Art. 13). */
  readonly limit: Period | null;
  readonly grants: number;
  readonly withinLimit: number;
  readonly late: number;
  /** Number of grants by working days taken. */
  readonly histogram: Readonly<Record<string, number>>;
  /** Nearest-rank percentiles of the working days taken. */
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly max: number;
}

/** The figures an operator reports upward. */
export interface Statistics {
  readonly subjects: number;
  readonly byKind: Readonly<Record<string, number>>;
  /** Granted accounts by level (`1`, `2`, `unclassified` for organisations); subjects without an account apart. */
  readonly byLevel: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<AccountStatus, number>>;
  readonly byMonth: Readonly<Record<string, MonthCounts>>;
  readonly processing: readonly ProcessingTimes[];
}

const LIMITS: ReadonlyMap<string, Period> = new Map(Object.values(GRANT_TIME_LIMITS).map((l) => [l.id, l.period]));

const percentile = (sorted: readonly number[], q: number): number =>
  sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;

const bump = (r: Record<string, number>, k: string): void => {
  r[k] = (r[k] ?? 0) + 1;
};

/** Sums the statistics model into the operator's figures; keys of every record are in sorted order. */
export const statistics = (model: StatisticsModel): Statistics => {
  const byKind: Record<string, number> = {};
  const byLevel: Record<string, number> = {};
  const byStatus: Record<AccountStatus, number> = {
    none: 0,
    requested: 0,
    verified: 0,
    granted: 0,
    activated: 0,
    locked: 0,
  };
  const months = new Map<string, MonthCounts>();
  const times = new Map<string, { citation: Citation; days: number[]; late: number }>();
  const partitions = sortedValues(model);
  for (const p of partitions) {
    const a = p.account;
    bump(byKind, a.kind ?? 'unknown');
    bump(byLevel, a.hasAccount ? (a.level === null ? 'unclassified' : String(a.level)) : 'no-account');
    byStatus[a.status] += 1;
    for (const [month, c] of Object.entries(p.months)) {
      const m = months.get(month) ?? ZERO;
      months.set(month, {
        requested: m.requested + c.requested,
        granted: m.granted + c.granted,
        refused: m.refused + c.refused,
        activated: m.activated + c.activated,
        locked: m.locked + c.locked,
        unlocked: m.unlocked + c.unlocked,
      });
    }
    for (const r of p.processing) {
      const t = times.get(r.timeLimitId) ?? { citation: r.timeLimit, days: [], late: 0 };
      t.days.push(r.workingDays);
      if (r.late) t.late += 1;
      times.set(r.timeLimitId, t);
    }
  }
  const sortedRecord = <V>(entries: Iterable<[string, V]>): Record<string, V> =>
    Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const processing = [...times.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, t]): ProcessingTimes => {
      const days = [...t.days].sort((x, y) => x - y);
      const histogram: Record<string, number> = {};
      for (const d of days) bump(histogram, String(d));
      return {
        timeLimitId: id,
        citation: t.citation,
        limit: LIMITS.get(id) ?? null,
        grants: days.length,
        withinLimit: days.length - t.late,
        late: t.late,
        histogram,
        p50: percentile(days, 0.5),
        p90: percentile(days, 0.9),
        p95: percentile(days, 0.95),
        max: days[days.length - 1] ?? 0,
      };
    });
  return {
    subjects: partitions.length,
    byKind: sortedRecord(Object.entries(byKind)),
    byLevel: sortedRecord(Object.entries(byLevel)),
    byStatus,
    byMonth: sortedRecord(months.entries()),
    processing,
  };
};
