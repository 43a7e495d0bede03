import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import { type CalendarInputError, type CivilDate, isWeekend, partsOf } from './civilDate.js';
import { CivilDateCodec } from './codecs.js';

/** Why a day is off (or on) in the civil servants' calendar. */
export type DayKind =
  /** A public holiday of the Labour Code itself (Art. 112(1)). */
  | 'public-holiday'
  /** One of the Tet days the Prime Minister fixes each year (Art. 112(1)(b), 112(3)). */
  | 'tet'
  /** A day off in compensation for a holiday that fell on a weekly day off (Art. 111(3)). */
  | 'compensatory'
  /** A weekday off swapped with a make-up working day to join a holiday to a weekend. */
  | 'swapped'
  /** A Saturday or Sunday worked to make up a swapped weekday. */
  | 'make-up';

/** One day of a year's schedule, with the reason and the rule behind it. */
export interface ScheduledDay {
  readonly date: CivilDate;
  /** What the day is, e.g. "Tet (lunar new year)", "Hung Kings' commemoration". */
  readonly name: string;
  readonly kind: DayKind;
  /** The rule that makes the day off or on, e.g. "Labour Code 2019 Art. 112(1)(b)". */
  readonly basis: string;
  /** Anything a reader should know, such as a fact resting on a single secondary source. */
  readonly note?: string;
}

/**
 * The schedule the government announced for a year: the weekdays that state agencies take off and the weekend days
 * they work instead. Saturdays and Sundays are off unless listed in `workingDays` (Decision 188/1999/QD-TTg Art. 1).
 * An announced schedule replaces the provisional computation for its whole year.
 */
export interface YearSchedule {
  readonly year: number;
  /** The instruments that announced it (decision, notice or official letter numbers). */
  readonly sources: readonly string[];
  /** Weekdays off. Weekend days inside a break need not be listed. */
  readonly daysOff: readonly ScheduledDay[];
  /** Saturdays or Sundays worked (make-up days for swapped weekdays). */
  readonly workingDays: readonly ScheduledDay[];
}

const DayKindCodec = t.keyof({ 'public-holiday': null, tet: null, compensatory: null, swapped: null, 'make-up': null });

const ScheduledDayCodec = t.intersection([
  t.type({ date: CivilDateCodec, name: t.string, kind: DayKindCodec, basis: t.string }),
  t.partial({ note: t.string }),
]);

/** io-ts codec of a {@link YearSchedule}, for schedules read from JSON or configuration. */
export const YearScheduleCodec = t.type({
  year: t.Int,
  sources: t.array(t.string),
  daysOff: t.array(ScheduledDayCodec),
  workingDays: t.array(ScheduledDayCodec),
});

/**
 * Checks a schedule's own consistency: every day belongs to its year, days off are weekdays, working days are
 * weekend days, and no day is listed twice. Returns the first problem, naming the day.
 */
export const checkYearSchedule = (s: YearSchedule): E.Either<CalendarInputError, YearSchedule> => {
  const bad = (message: string): E.Either<CalendarInputError, YearSchedule> =>
    E.left({ code: 'InvalidCivilDate', message: `schedule ${s.year}: ${message}` });
  const seen = new Set<string>();
  for (const [list, weekend] of [
    [s.daysOff, false],
    [s.workingDays, true],
  ] as const) {
    for (const d of list) {
      if (partsOf(d.date).year !== s.year) return bad(`${d.date} (${d.name}) is not in ${s.year}`);
      const weekendDay = isWeekend(d.date);
      if (weekend && !weekendDay) return bad(`${d.date} (${d.name}) is listed as a working day but is a weekday`);
      if (!weekend && weekendDay) return bad(`${d.date} (${d.name}) is listed as a day off but is a weekend day`);
      if (seen.has(d.date)) return bad(`${d.date} is listed twice`);
      seen.add(d.date);
    }
  }
  return E.right(s);
};

/**
 * Decodes a year's schedule from untrusted input (JSON, configuration) and checks it; errors name the field or day.
 */
export const decodeYearSchedule = (input: unknown): E.Either<CalendarInputError, YearSchedule> =>
  pipe(
    YearScheduleCodec.decode(input),
    E.mapLeft((errors): CalendarInputError => ({
      code: 'InvalidCivilDate',
      message: `invalid year schedule: ${PathReporter.report(E.left(errors)).join('; ')}`,
    })),
    E.chain(checkYearSchedule),
  );
