/**
 * The decree's deadlines for an event at a given instant: every time limit of Decree 69/2024/ND-CP that runs from a
 * dossier, a notice or a competent agency's request, computed on Vietnam's legal calendar.
 *
 *   npm start                                   deadlines for an event now
 *   npm start -- 2025-01-24T15:00:00+07:00      deadlines for an event at that instant
 */
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import {
  type CivilDate,
  DECREE_TIME_LIMITS,
  type Instant,
  type WorkingCalendar,
  days,
  formatCitation,
  periodEnd,
  vietnamWorkingCalendar,
} from '@dinhdanh/core';

/** One deadline: what must be done, by when, and the clause that says so. */
export interface Deadline {
  readonly id: string;
  readonly obligation: string;
  readonly trigger: string;
  readonly limit: string;
  readonly citation: string;
  readonly lastDay: string;
  readonly endsAt: Instant;
  readonly note?: string;
}

/** Every decree deadline for an event at `at`; fails with a message naming a malformed instant. */
export const decreeDeadlines = (
  at: Instant,
  calendar: WorkingCalendar = vietnamWorkingCalendar,
): E.Either<string, { readonly triggeredOn: CivilDate; readonly deadlines: readonly Deadline[] }> => {
  const day = periodEnd(at, days(0), calendar);
  if (E.isLeft(day)) return E.left(day.left.message);
  const rows: Deadline[] = [];
  for (const limit of DECREE_TIME_LIMITS) {
    const end = periodEnd(at, limit.period, calendar);
    if (E.isLeft(end)) return E.left(end.left.message);
    const unit = limit.period.unit === 'days' ? 'days' : 'working days';
    rows.push({
      id: limit.id,
      obligation: limit.obligation,
      trigger: limit.trigger,
      limit: `${limit.period.length} ${limit.period.length === 1 ? unit.replace(/s$/, '') : unit}`,
      citation: formatCitation(limit.citation),
      lastDay: end.right.lastDay,
      endsAt: end.right.endsAt,
      ...(end.right.movedFrom === undefined
        ? {}
        : { note: `moved from ${end.right.movedFrom}, a day off (Civil Code 2015 Art. 148(5))` }),
    });
  }
  return E.right({ triggeredOn: day.right.triggeredOn, deadlines: rows });
};

const describeDay = (calendar: WorkingCalendar, day: CivilDate): string => {
  const info = calendar.dayInfo(day);
  return info === undefined ? '' : ` — ${info.name} (${info.basis})`;
};

/** Prints the deadlines as a readable list. */
export const printDeadlines = (at: Instant, calendar: WorkingCalendar = vietnamWorkingCalendar): number => {
  const rows = decreeDeadlines(at, calendar);
  if (E.isLeft(rows)) {
    console.error(`error: ${rows.left}`);
    return 2;
  }
  const { triggeredOn, deadlines } = rows.right;
  console.log(
    `Decree 69/2024/ND-CP deadlines for an event at ${at} (in Vietnam: ${triggeredOn}${describeDay(calendar, triggeredOn)})`,
  );
  console.log('Each period starts the day after the event (Civil Code 2015 Art. 147(2)) and ends at 24:00 ICT.\n');
  for (const r of deadlines) {
    console.log(`${r.citation.padEnd(30)} ${r.limit.padEnd(16)} due by end of ${r.lastDay}  ${r.obligation}`);
    console.log(`${''.padEnd(30)} from ${r.trigger}${r.note === undefined ? '' : `; ${r.note}`}`);
  }
  return 0;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = printDeadlines(process.argv[2] ?? new Date().toISOString());
}
