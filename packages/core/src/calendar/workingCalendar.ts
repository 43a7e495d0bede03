import * as E from 'fp-ts/lib/Either.js';
import { ANNOUNCED_SCHEDULES } from './announcedSchedules.js';
import { type CalendarInputError, type CivilDate, epochDay, epochDayOf, fromEpochDay, partsOf } from './civilDate.js';
import { LUNAR_RANGE } from './lunar.js';
import { type AddedHoliday, FIRST_PROVISIONAL_YEAR, provisionalSchedule } from './publicHolidays.js';
import { type ScheduledDay, type YearSchedule, checkYearSchedule } from './schedule.js';

/** A year's days off and make-up working days as the calendar applies them, and where they come from. */
export interface YearDays extends YearSchedule {
  /** True when no schedule was announced (or given) for the year and its days were computed from the Labour Code. */
  readonly provisional: boolean;
}

/** How to build a {@link WorkingCalendar}. */
export interface WorkingCalendarOptions {
  /**
   * Schedules to add, or to replace shipped ones for the same year (a later announcement, a correction). A year's
   * schedule always wins over the provisional computation.
   */
  readonly schedules?: readonly YearSchedule[];
  /** Whether to start from the schedules shipped with the library (2024-2026). Default `true`. */
  readonly shippedSchedules?: boolean;
  /** Holidays added by later law, applied from their effective date to provisionally computed years. */
  readonly additionalHolidays?: readonly AddedHoliday[];
}

/**
 * The working days of Vietnam's state agencies: Monday to Friday (Decision 188/1999/QD-TTg Art. 1) less public
 * holidays, compensatory and swapped days off, plus make-up working Saturdays, year by year from the announced
 * schedules or, where none was announced, from the Labour Code and the lunar calendar.
 *
 * Functions taking a date throw a `RangeError` for a year the calendar does not cover (see {@link years}); callers
 * that receive dates from outside check them first ({@link covers}).
 */
export interface WorkingCalendar {
  /** The years covered: every year from 2014 up to the lunar calendar's last year, and every scheduled year. */
  readonly years: { readonly from: number; readonly to: number };
  /** Whether the calendar can answer for this date's year. */
  readonly covers: (date: CivilDate) => boolean;
  /** Whether state agencies work on this day. */
  readonly isWorkingDay: (date: CivilDate) => boolean;
  /** The day off or make-up day that this date is, if any (ordinary weekdays and weekends give `undefined`). */
  readonly dayInfo: (date: CivilDate) => ScheduledDay | undefined;
  /**
   * The `n`-th working day after `date` (`date` itself not counted), or before it when `n` is negative; `date` when
   * `n` is 0.
   */
  readonly addWorkingDays: (date: CivilDate, n: number) => CivilDate;
  /** The number of working days after `from` up to and including `to`; negative when `to` is before `from`. */
  readonly workingDaysBetween: (from: CivilDate, to: CivilDate) => number;
  /** A year's days off and make-up days, with their names, legal basis and sources. */
  readonly daysOf: (year: number) => YearDays;
}

interface YearTable {
  readonly start: number; // epoch day of 1 January
  readonly working: Uint8Array; // 1 = working day, by day of year
  readonly cumulative: Int32Array; // working days from 1 January through each day
  readonly info: ReadonlyMap<number, ScheduledDay>; // by epoch day
  readonly days: YearDays;
}

const buildTable = (days: YearDays): YearTable => {
  const start = epochDayOf(days.year, 1, 1);
  const length = epochDayOf(days.year + 1, 1, 1) - start;
  const working = new Uint8Array(length);
  for (let i = 0; i < length; i++) working[i] = (i + start + 3) % 7 < 5 ? 1 : 0; // 1970-01-01 was a Thursday
  const info = new Map<number, ScheduledDay>();
  for (const d of days.daysOff) {
    working[epochDay(d.date) - start] = 0;
    info.set(epochDay(d.date), d);
  }
  for (const d of days.workingDays) {
    working[epochDay(d.date) - start] = 1;
    info.set(epochDay(d.date), d);
  }
  const cumulative = new Int32Array(length);
  let sum = 0;
  for (let i = 0; i < length; i++) cumulative[i] = sum += working[i] ?? 0;
  return { start, working, cumulative, info, days };
};

/**
 * Builds a working calendar, checking every given schedule (days inside their year, days off on weekdays, make-up
 * days on weekends, no day twice); the first problem is returned, naming the year and the day.
 */
export const makeWorkingCalendar = (
  options: WorkingCalendarOptions = {},
): E.Either<CalendarInputError, WorkingCalendar> => {
  const scheduled = new Map<number, YearSchedule>();
  for (const s of [...(options.shippedSchedules === false ? [] : ANNOUNCED_SCHEDULES), ...(options.schedules ?? [])]) {
    const checked = checkYearSchedule(s);
    if (E.isLeft(checked)) return checked;
    scheduled.set(s.year, s);
  }
  const added = options.additionalHolidays ?? [];
  const scheduledYears = [...scheduled.keys()];
  const years = {
    from: Math.min(FIRST_PROVISIONAL_YEAR, ...scheduledYears),
    to: Math.max(LUNAR_RANGE.to, ...scheduledYears),
  };
  const coversYear = (y: number): boolean => scheduled.has(y) || (y >= FIRST_PROVISIONAL_YEAR && y <= LUNAR_RANGE.to);

  const tables = new Map<number, YearTable>();
  const table = (year: number): YearTable => {
    let t = tables.get(year);
    if (t === undefined) {
      if (!coversYear(year)) {
        throw new RangeError(
          `the working calendar covers ${FIRST_PROVISIONAL_YEAR}-${LUNAR_RANGE.to} and scheduled years; ${year} is outside it`,
        );
      }
      const s = scheduled.get(year);
      t = buildTable(
        s === undefined ? { ...provisionalSchedule(year, added), provisional: true } : { ...s, provisional: false },
      );
      tables.set(year, t);
    }
    return t;
  };

  // The last table used answers most look-ups: periods walk consecutive days.
  let last: YearTable | undefined;
  const tableOfDay = (day: number): YearTable => {
    if (last !== undefined && day >= last.start && day < last.start + last.working.length) return last;
    last = table(new Date(day * 86_400_000).getUTCFullYear());
    return last;
  };
  const isWorkingEpochDay = (day: number): boolean => {
    const t = tableOfDay(day);
    return t.working[day - t.start] === 1;
  };
  /** Working days from 1 January of `fromYear` through `day`. */
  const countThrough = (day: number, fromYear: number): number => {
    const t = tableOfDay(day);
    let n = t.cumulative[day - t.start] ?? 0;
    for (let y = fromYear; y < t.days.year; y++) {
      const ty = table(y);
      n += ty.cumulative[ty.cumulative.length - 1] ?? 0;
    }
    return n;
  };

  const calendar: WorkingCalendar = {
    years,
    covers: (date) => coversYear(partsOf(date).year),
    isWorkingDay: (date) => isWorkingEpochDay(epochDay(date)),
    dayInfo: (date) => {
      const day = epochDay(date);
      return tableOfDay(day).info.get(day);
    },
    addWorkingDays: (date, n) => {
      let day = epochDay(date);
      const step = n < 0 ? -1 : 1;
      for (let left = Math.abs(n); left > 0;) {
        day += step;
        if (isWorkingEpochDay(day)) left--;
      }
      return fromEpochDay(day);
    },
    workingDaysBetween: (from, to) => {
      const a = epochDay(from);
      const b = epochDay(to);
      const y0 = Math.min(partsOf(from).year, partsOf(to).year);
      return countThrough(b, y0) - countThrough(a, y0);
    },
    daysOf: (year) => table(year).days,
  };
  return E.right(calendar);
};

const shipped = makeWorkingCalendar();
if (E.isLeft(shipped)) throw new Error(`shipped schedules are inconsistent: ${shipped.left.message}`);

/** The working calendar with the schedules shipped with the library and no added holidays. */
export const vietnamWorkingCalendar: WorkingCalendar = shipped.right;
