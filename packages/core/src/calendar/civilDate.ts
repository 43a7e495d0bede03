import * as E from 'fp-ts/lib/Either.js';

/**
 * A day of the civil calendar, written ISO 8601 `YYYY-MM-DD` (for example `2025-01-29`).
 *
 * Legal periods are counted in days of Vietnam's calendar (Civil Code 2015 Arts. 147-148), so a `CivilDate` is always
 * a day in Vietnam, never a day in the host's time zone. Use {@link civilDate} or {@link parseCivilDate} to make one.
 */
export type CivilDate = string & { readonly __civilDate: unique symbol };

/** An error for a date or instant that is not well formed, naming what was given. */
export interface CalendarInputError {
  readonly code: 'InvalidCivilDate' | 'InvalidInstant' | 'InvalidLunarDate' | 'OutOfRange';
  readonly message: string;
}

const MS_PER_DAY = 86_400_000;

/**
 * Vietnam's offset from UTC: UTC+7 (Indochina Time), without daylight saving time since 1975 (Asia/Ho_Chi_Minh).
 * Every conversion between an instant and a Vietnamese day goes through this constant, never the host's time zone.
 */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * 60_000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Days since 1970-01-01 of a proleptic Gregorian date; 0 is 1970-01-01, negative before. A day or month out of range
 * carries over as `Date.UTC` would (`2025-02-29` is `2025-03-01`). Pure arithmetic (H. Hinnant's `days_from_civil`):
 * the decider asks for it several times per command, and a `Date` per call showed in profiles.
 */
export const epochDayOf = (year: number, month: number, day: number): number => {
  const y0 = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

/** The civil date of a day number (days since 1970-01-01): H. Hinnant's `civil_from_days`. */
export const fromEpochDay = (epochDay: number): CivilDate => {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const ys = y < 0 ? `-${pad(-y, 6)}` : y > 9999 ? `+${pad(y, 6)}` : pad(y, 4);
  return `${ys}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}` as CivilDate;
};

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};
const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** The parts of a civil date. */
export const partsOf = (date: CivilDate): { year: number; month: number; day: number } => {
  // The usual `YYYY-MM-DD`, read digit by digit; anything else goes through the pattern (and fails there).
  if (
    date.length === 10 &&
    date.charCodeAt(4) === 45 &&
    date.charCodeAt(7) === 45 &&
    isDigit(date, 0) &&
    isDigit(date, 1) &&
    isDigit(date, 2) &&
    isDigit(date, 3) &&
    isDigit(date, 5) &&
    isDigit(date, 6) &&
    isDigit(date, 8) &&
    isDigit(date, 9)
  ) {
    return {
      year: digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3),
      month: digit(date, 5) * 10 + digit(date, 6),
      day: digit(date, 8) * 10 + digit(date, 9),
    };
  }
  const m = DATE_RE.exec(date);
  if (m === null) throw new TypeError(`not a CivilDate: ${String(date)}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
};

/** Days since 1970-01-01 of a civil date. */
export const epochDay = (date: CivilDate): number => {
  const { year, month, day } = partsOf(date);
  return epochDayOf(year, month, day);
};

/** Parses `YYYY-MM-DD`, refusing impossible days such as `2025-02-29`. */
export const parseCivilDate = (input: string): E.Either<CalendarInputError, CivilDate> => {
  const m = DATE_RE.exec(input);
  if (m === null) {
    return E.left({ code: 'InvalidCivilDate', message: `expected a date as YYYY-MM-DD, got ${JSON.stringify(input)}` });
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (fromEpochDay(epochDayOf(year, month, day)) !== input) {
    return E.left({ code: 'InvalidCivilDate', message: `${input} is not a day of the calendar` });
  }
  return E.right(input as CivilDate);
};

/** Makes a civil date from its parts; throws a `RangeError` on an impossible day (a programming error). */
export const civilDate = (year: number, month: number, day: number): CivilDate => {
  const date = fromEpochDay(epochDayOf(year, month, day));
  const p = partsOf(date);
  if (p.year !== year || p.month !== month || p.day !== day) {
    throw new RangeError(`${year}-${pad(month, 2)}-${pad(day, 2)} is not a day of the calendar`);
  }
  return date;
};

/** The date `n` calendar days after `date` (before it when `n` is negative). */
export const addDays = (date: CivilDate, n: number): CivilDate => fromEpochDay(epochDay(date) + n);

/** ISO day of the week: 1 = Monday ... 7 = Sunday. */
export const isoDayOfWeek = (date: CivilDate): number => {
  // 1970-01-01 was a Thursday (4).
  const r = (((epochDay(date) + 3) % 7) + 7) % 7;
  return r + 1;
};

/**
 * An instant, written ISO 8601 with `Z` or an explicit offset (`2025-08-19T17:00:00+07:00`). Instants are the only
 * time the domain receives; a bare local time would depend on the host's time zone and is refused.
 */
export type Instant = string;

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO 8601 instant that carries `Z` or an offset. */
export const parseInstant = (input: string): E.Either<CalendarInputError, number> => {
  if (!INSTANT_RE.test(input)) {
    return E.left({
      code: 'InvalidInstant',
      message: `expected an ISO 8601 instant with Z or an offset (e.g. 2025-08-19T17:00:00+07:00), got ${JSON.stringify(input)}`,
    });
  }
  const ms = Date.parse(input);
  return Number.isNaN(ms)
    ? E.left({ code: 'InvalidInstant', message: `${input} is not a valid instant` })
    : E.right(ms);
};

/** The day in Vietnam (UTC+7) at a given instant, in milliseconds since the epoch. */
export const vietnamDateOfMs = (ms: number): CivilDate => fromEpochDay(Math.floor((ms + OFFSET_MS) / MS_PER_DAY));

/** Milliseconds since the epoch of 00:00 in Vietnam at the start of `date`. */
export const startOfVietnamDayMs = (date: CivilDate): number => epochDay(date) * MS_PER_DAY - OFFSET_MS;

/** Milliseconds since the epoch of 24:00 in Vietnam at the end of `date` (the same instant as 00:00 the next day). */
export const endOfVietnamDayMs = (date: CivilDate): number => startOfVietnamDayMs(date) + MS_PER_DAY;

/** An instant in milliseconds written as ISO 8601 in Vietnam's offset, e.g. `2025-02-01T00:00:00+07:00`. */
export const formatVietnamInstant = (ms: number): Instant => {
  const d = new Date(ms + OFFSET_MS);
  const s = d.toISOString(); // the wall-clock time in Vietnam, labelled Z by toISOString
  const frac = d.getUTCMilliseconds() === 0 ? '' : s.slice(19, 23);
  return `${s.slice(0, 19)}${frac}+07:00`;
};

/** Whether a date is a Saturday or Sunday, the weekly days off of state agencies (Decision 188/1999/QD-TTg Art. 1). */
export const isWeekend = (date: CivilDate): boolean => isoDayOfWeek(date) >= 6;
