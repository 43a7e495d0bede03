import * as E from 'fp-ts/lib/Either.js';
import {
  type CalendarInputError,
  type CivilDate,
  type Instant,
  addDays,
  endOfVietnamDayMs,
  formatVietnamInstant,
  parseInstant,
  vietnamDateOfMs,
} from './civilDate.js';
import { type WorkingCalendar, vietnamWorkingCalendar } from './workingCalendar.js';

/** A legal time limit: a number of days (Civil Code 2015 Arts. 147-148) or of working days of state agencies. */
export interface Period {
  readonly unit: 'days' | 'working-days';
  readonly length: number;
}

/** A period of `n` days, counted by the Civil Code 2015 (Law 91/2015/QH13) Arts. 147-148. */
export const days = (n: number): Period => ({ unit: 'days', length: n });

/** A period of `n` working days of state agencies. */
export const workingDays = (n: number): Period => ({ unit: 'working-days', length: n });

/** When a period ends, and why on that day. */
export interface PeriodEnd {
  /** The day of the triggering event in Vietnam; it is not counted (Civil Code Art. 147(2)). */
  readonly triggeredOn: CivilDate;
  /** The last day of the period, after any move off a weekend or holiday. */
  readonly lastDay: CivilDate;
  /** The instant the period ends: 24:00 in Vietnam (UTC+7) of `lastDay` (Civil Code Art. 148(6)), written as 00:00
   * of the next day. */
  readonly endsAt: Instant;
  /** `endsAt` in milliseconds since the epoch, for comparisons. */
  readonly endsAtMs: number;
  /** For a period in days whose last day fell on a day off: the day it would otherwise have ended (Art. 148(5)). */
  readonly movedFrom?: CivilDate;
}

const isCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/**
 * The end of a legal period that starts with an event at `triggeredAt`.
 *
 * - The day of the event is not counted: the period starts the next day (Civil Code 2015 Art. 147(2)).
 * - It ends at the end of its last day (Art. 148(1)), 24:00 in Vietnam, UTC+7 (Art. 148(6)).
 * - A period in days whose last day is a weekend or a day off ends at the end of the next working day (Art. 148(5)).
 * - A period in working days ends with the `length`-th working day after the day of the event.
 *
 * A period of 0 ends at the end of the day of the event. Fails, naming the input, for an instant that is not ISO
 * 8601 with an offset, a negative or fractional length, or a date outside the calendar's years.
 */
export const periodEnd = (
  triggeredAt: Instant,
  period: Period,
  calendar: WorkingCalendar = vietnamWorkingCalendar,
): E.Either<CalendarInputError, PeriodEnd> => {
  const at = parseInstant(triggeredAt);
  if (E.isLeft(at)) return at;
  if (!isCount(period.length)) {
    return E.left({
      code: 'OutOfRange',
      message: `a period's length must be a whole number >= 0, got ${period.length}`,
    });
  }
  const triggeredOn = vietnamDateOfMs(at.right);
  // Generous bound on how far the last day can lie, so that every day looked at is inside the calendar.
  const horizon = addDays(triggeredOn, (period.unit === 'days' ? period.length : period.length * 2) + 30);
  if (!calendar.covers(triggeredOn) || !calendar.covers(horizon)) {
    return E.left({
      code: 'OutOfRange',
      message: `${triggeredAt} and the period after it must fall within ${calendar.years.from}-${calendar.years.to}`,
    });
  }
  const end = (lastDay: CivilDate, movedFrom?: CivilDate): PeriodEnd => {
    const ms = endOfVietnamDayMs(lastDay);
    return {
      triggeredOn,
      lastDay,
      endsAt: formatVietnamInstant(ms),
      endsAtMs: ms,
      ...(movedFrom === undefined ? {} : { movedFrom }),
    };
  };
  if (period.unit === 'working-days') return E.right(end(calendar.addWorkingDays(triggeredOn, period.length)));
  const nominal = addDays(triggeredOn, period.length);
  if (period.length === 0 || calendar.isWorkingDay(nominal)) return E.right(end(nominal));
  return E.right(end(calendar.addWorkingDays(nominal, 1), nominal));
};
