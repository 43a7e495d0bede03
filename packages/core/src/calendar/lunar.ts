import * as E from 'fp-ts/lib/Either.js';
import {
  type CalendarInputError,
  type CivilDate,
  VIETNAM_UTC_OFFSET_MINUTES,
  epochDayOf,
  fromEpochDay,
  partsOf,
} from './civilDate.js';

/*
 * The Vietnamese lunisolar calendar, computed from its rules (as published by Ho Ngoc Duc) at UTC+7:
 *  1. a month starts on the civil day in Vietnam that contains the true new moon;
 *  2. the winter solstice (apparent solar longitude 270 degrees) always falls in month 11;
 *  3. when 13 months lie between two months 11, the first month after the first month 11 that contains no major solar
 *     term (zhongqi: a solar longitude multiple of 30 degrees) is the leap month; it takes the number of the month
 *     before it.
 * New moons follow Meeus, Astronomical Algorithms (2nd ed. 1998) ch. 49; the Sun's apparent longitude ch. 25 (low
 * precision, about 0.01 degree); both are in Terrestrial Time, converted to UT with the Espenak-Meeus polynomials for
 * Delta T (Meeus ch. 10; NASA TP-2006-214141). Every quantity is a number of days or degrees: nothing reads the host's
 * time zone.
 *
 * Checked against the same rules evaluated with VSOP87 and ELP-2000 (PyEphem): every month start 1899-2199 agrees but
 * the new moon of 1967-07-07, 4 seconds before midnight at UTC+7. Dates before 1968 are proleptic: Vietnam then used
 * the Chinese calendar of UTC+8, whose Tet was a day later in some years (1903, 1935, 1965).
 */

/** A day of the Vietnamese lunar calendar. `year` is the lunar year whose month 1 day 1 (Tet) falls in Gregorian `year`. */
export interface LunarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Whether the month is the leap (intercalary) month that repeats `month`. */
  readonly leap: boolean;
}

/**
 * The Gregorian years supported: 1900 to 2199, where Delta T is known or extrapolated within minutes and the formulas
 * of Meeus hold. {@link lunarToSolar}, {@link leapMonthOf} and {@link lunarMonthLength} also take lunar year
 * `from - 1`, to which the first weeks of January `from` belong.
 */
export const LUNAR_RANGE: { readonly from: number; readonly to: number } = { from: 1900, to: 2199 };

const RAD = Math.PI / 180;
const sin = (degrees: number): number => Math.sin(degrees * RAD);
/** Julian Day of 1970-01-01 00:00 UTC, epoch day 0. */
const JD_EPOCH = 2440587.5;
const VN_OFFSET_DAYS = VIETNAM_UTC_OFFSET_MINUTES / 1440;
const SYNODIC_MONTH = 29.530588861;
/** Mean new moon of lunation k = 0 (2000 January 6), Meeus (49.1). */
const K0_JDE = 2451550.09766;

/** Delta T = TT - UT in seconds (Espenak & Meeus polynomials; Meeus ch. 10 for the principle). */
const deltaT = (jd: number): number => {
  const y = 2000 + (jd - 2451545) / 365.25;
  if (y < 1920) {
    const t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (y < 1941) {
    const t = y - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (y < 1961) {
    const t = y - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (y < 1986) {
    const t = y - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (y < 2005) {
    const t = y - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (y < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (y - 1820) / 100;
  return y < 2150 ? -20 + 32 * u ** 2 - 0.5628 * (2150 - y) : -20 + 32 * u ** 2;
};

/** Periodic terms of a new moon, Meeus ch. 49: [coefficient, power of E, multiples of M, M', F]. */
const NEW_MOON_TERMS: readonly (readonly [number, number, number, number, number])[] = [
  [-0.4072, 0, 0, 1, 0],
  [0.17241, 1, 1, 0, 0],
  [0.01608, 0, 0, 2, 0],
  [0.01039, 0, 0, 0, 2],
  [0.00739, 1, -1, 1, 0],
  [-0.00514, 1, 1, 1, 0],
  [0.00208, 2, 2, 0, 0],
  [-0.00111, 0, 0, 1, -2],
  [-0.00057, 0, 0, 1, 2],
  [0.00056, 1, 1, 2, 0],
  [-0.00042, 0, 0, 3, 0],
  [0.00042, 1, 1, 0, 2],
  [0.00038, 1, 1, 0, -2],
  [-0.00024, 1, -1, 2, 0],
  [-0.00007, 0, 2, 1, 0],
  [0.00004, 0, 0, 2, -2],
  [0.00004, 0, 3, 0, 0],
  [0.00003, 0, 1, 1, -2],
  [0.00003, 0, 0, 2, 2],
  [-0.00003, 0, 1, 1, 2],
  [0.00003, 0, -1, 1, 2],
  [-0.00002, 0, -1, 1, -2],
  [-0.00002, 0, 1, 3, 0],
  [0.00002, 0, 0, 4, 0],
];

/** Planetary arguments of Meeus ch. 49: [coefficient, A at k = 0, A per lunation]; A1 also has -0.009173 T^2. */
const PLANETARY_TERMS: readonly (readonly [number, number, number])[] = [
  [0.000325, 299.77, 0.107408],
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/** Julian Ephemeris Day (TT) of the true new moon of lunation k (k = 0: 2000 January 6), Meeus ch. 49. */
const newMoonJde = (k: number): number => {
  const t = k / 1236.85;
  const mean = K0_JDE + SYNODIC_MONTH * k + 0.00015437 * t ** 2 - 0.00000015 * t ** 3 + 0.00000000073 * t ** 4;
  const e = 1 - 0.002516 * t - 0.0000074 * t ** 2;
  const m = 2.5534 + 29.1053567 * k - 0.0000014 * t ** 2 - 0.00000011 * t ** 3;
  const mp = 201.5643 + 385.81693528 * k + 0.0107582 * t ** 2 + 0.00001238 * t ** 3 - 0.000000058 * t ** 4;
  const f = 160.7108 + 390.67050284 * k - 0.0016118 * t ** 2 - 0.00000227 * t ** 3 + 0.000000011 * t ** 4;
  const omega = 124.7746 - 1.56375588 * k + 0.0020672 * t ** 2 + 0.00000215 * t ** 3;
  let correction = -0.00017 * sin(omega);
  for (const [c, ePower, nm, nmp, nf] of NEW_MOON_TERMS)
    correction += c * e ** ePower * sin(nm * m + nmp * mp + nf * f);
  for (const [c, a0, a1] of PLANETARY_TERMS)
    correction += c * sin(a0 + a1 * k - (a0 === 299.77 ? 0.009173 * t ** 2 : 0));
  return mean + correction;
};

/** The epoch day in Vietnam (UTC+7) that contains the new moon of lunation k: rule 1. */
const newMoonDay = (k: number): number => {
  const jde = newMoonJde(k);
  return Math.floor(jde - deltaT(jde) / 86400 + VN_OFFSET_DAYS - JD_EPOCH);
};

/** The Sun's apparent longitude in degrees [0, 360) at a Julian Ephemeris Day, Meeus ch. 25 (low precision). */
const sunLongitude = (jde: number): number => {
  const t = (jde - 2451545) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t ** 2;
  const m = 357.52911 + 35999.05029 * t - 0.0001537 * t ** 2;
  const c =
    (1.914602 - 0.004817 * t - 0.000014 * t ** 2) * sin(m) +
    (0.019993 - 0.000101 * t) * sin(2 * m) +
    0.000289 * sin(3 * m);
  const omega = 125.04 - 1934.136 * t;
  const apparent = l0 + c - 0.00569 - 0.00478 * sin(omega);
  return ((apparent % 360) + 360) % 360;
};

/** The Sun's apparent longitude at 00:00 in Vietnam at the start of an epoch day. */
const sunLongitudeAtStartOf = (day: number): number => {
  const jd = day + JD_EPOCH - VN_OFFSET_DAYS;
  return sunLongitude(jd + deltaT(jd) / 86400);
};

/**
 * The 30-degree sector of solar longitude at the start of a day. A span of days [a, b) contains a major solar term
 * exactly when the sectors at the starts of a and b differ, which decides each term's civil day in Vietnam.
 */
const sectorAt = (day: number): number => Math.floor(sunLongitudeAtStartOf(day) / 30);

/** The lunation whose month is month 11 of Gregorian `year`: the last one starting on or before the solstice day. */
const monthElevenK = (year: number): number => {
  // Start from the first mean new moon after 31 December (the true one is within a day of it) and step back. From
  // November to February the longitude runs 220..340 degrees without wrapping, so >= 270 means "after the solstice".
  let k = Math.ceil((epochDayOf(year, 12, 31) + JD_EPOCH - K0_JDE) / SYNODIC_MONTH);
  while (sunLongitudeAtStartOf(newMoonDay(k)) >= 270) k--;
  return k;
};

/**
 * The day in Vietnam of the major solar term (zhongqi) at apparent solar longitude `longitude` (0, 30, ..., 330; 270 is
 * the December solstice) in Gregorian year `year`: the day over which the longitude reaches it (Meeus ch. 25). Rules 2
 * and 3 are stated in these days; exported so that tests can check the calendar against them.
 * @throws RangeError for a longitude that is not a multiple of 30 in [0, 360).
 */
export const majorTermDay = (year: number, longitude: number): CivilDate => {
  if (!Number.isInteger(longitude / 30) || longitude < 0 || longitude >= 360) {
    throw new RangeError(`${longitude} is not the longitude of a major solar term (0, 30, ..., 330)`);
  }
  // The Sun is near 280 degrees on 1 January and moves about 0.9856 degrees a day; start a few days early.
  let day = epochDayOf(year, 1, 1) + Math.floor(((longitude - 280 + 360) % 360) / 0.9856) - 4;
  const reached = (d: number): boolean => ((sunLongitudeAtStartOf(d) - longitude + 540) % 360) - 180 >= 0;
  while (!reached(day + 1)) day++;
  return fromEpochDay(day);
};

interface Month {
  readonly year: number;
  readonly month: number;
  readonly leap: boolean;
  /** Epoch day of day 1. */
  readonly start: number;
}

/** The months from month 11 of Gregorian `year - 1` up to (not including) month 11 of `year`, numbered by rule 3. */
const monthsBetweenSolstices = (year: number): Month[] => {
  const kFrom = monthElevenK(year - 1);
  const count = monthElevenK(year) - kFrom;
  const starts = Array.from({ length: count + 1 }, (_, i) => newMoonDay(kFrom + i));
  const start = (i: number): number => starts[i] as number;
  let leapIndex = -1;
  if (count === 13) {
    leapIndex = starts.findIndex((_, i) => i >= 1 && i < count && sectorAt(start(i)) === sectorAt(start(i + 1)));
    if (leapIndex < 0)
      throw new Error(`no month without a major solar term between the solstices of ${year - 1}-${year}`);
  } else if (count !== 12) {
    throw new Error(`${count} lunations between the solstices of ${year - 1} and ${year}`);
  }
  const months: Month[] = [{ year: year - 1, month: 11, leap: false, start: start(0) }];
  let [y, m] = [year - 1, 11];
  for (let i = 1; i < count; i++) {
    const leap = i === leapIndex;
    if (!leap) {
      m = (m % 12) + 1;
      if (m === 1) y = year;
    }
    months.push({ year: y, month: m, leap, start: start(i) });
  }
  return months;
};

interface LunarYear {
  readonly months: readonly Month[];
  /** Epoch day of the next Tet, the day after the year's last day. */
  readonly end: number;
}

/** Computed lunar years; about 300 at most, each a dozen numbers, so the cache is never evicted. */
const cache = new Map<number, LunarYear>();

/** Lunar year `year`: months 1..10 between the solstices of year - 1 and year, then 11 and 12 after (memoised). */
const yearTable = (year: number): LunarYear => {
  const cached = cache.get(year);
  if (cached !== undefined) return cached;
  const after = monthsBetweenSolstices(year + 1);
  const months = [...monthsBetweenSolstices(year), ...after].filter((m) => m.year === year);
  // Month 1 of year + 1 always lies between the solstices of year and year + 1.
  const result: LunarYear = { months, end: after.find((m) => m.year === year + 1)!.start };
  cache.set(year, result);
  return result;
};

const monthEnd = (y: LunarYear, i: number): number => y.months[i + 1]?.start ?? y.end;

const FIRST_DAY = epochDayOf(LUNAR_RANGE.from, 1, 1);
const LAST_DAY = epochDayOf(LUNAR_RANGE.to, 12, 31);
const isSupportedLunarYear = (year: number): boolean =>
  Number.isInteger(year) && year >= LUNAR_RANGE.from - 1 && year <= LUNAR_RANGE.to;
const checkLunarYear = (year: number): LunarYear => {
  if (!isSupportedLunarYear(year)) {
    throw new RangeError(`lunar year ${year} is outside ${LUNAR_RANGE.from - 1}-${LUNAR_RANGE.to}`);
  }
  return yearTable(year);
};

/**
 * The lunar date of a day in Vietnam.
 * @throws RangeError for a day outside the Gregorian years of {@link LUNAR_RANGE} (a programming error).
 */
export const solarToLunar = (date: CivilDate): LunarDate => {
  const parts = partsOf(date);
  const year = parts.year;
  if (year < LUNAR_RANGE.from || year > LUNAR_RANGE.to) {
    throw new RangeError(`${date} is outside the lunar calendar's years ${LUNAR_RANGE.from}-${LUNAR_RANGE.to}`);
  }
  const day = epochDayOf(year, parts.month, parts.day);
  let y = yearTable(year);
  let lunarYearNumber = year;
  if (day < y.months[0]!.start) {
    lunarYearNumber = year - 1;
    y = yearTable(lunarYearNumber);
  }
  let i = y.months.length - 1;
  while (y.months[i]!.start > day) i--;
  const m = y.months[i]!;
  return { year: lunarYearNumber, month: m.month, day: day - m.start + 1, leap: m.leap };
};

const show = (d: LunarDate): string =>
  `lunar ${String(d.year)}, month ${String(d.month)}${d.leap ? ' (leap)' : ''}, day ${String(d.day)}`;

/**
 * The day in Vietnam of a lunar date. Left `InvalidLunarDate` for a day that does not exist (day 30 of a 29-day month, a
 * leap flag on a month that is not doubled that year, a month outside 1-12), Left `OutOfRange` for a day outside
 * {@link LUNAR_RANGE}; the message names the input.
 */
export const lunarToSolar = (date: LunarDate): E.Either<CalendarInputError, CivilDate> => {
  const { year, month, day, leap } = date;
  const invalid = (why: string): E.Either<CalendarInputError, CivilDate> =>
    E.left({ code: 'InvalidLunarDate', message: `${show(date)} does not exist: ${why}` });
  const outOfRange = E.left<CalendarInputError>({
    code: 'OutOfRange',
    message: `${show(date)} is outside the lunar calendar's years ${LUNAR_RANGE.from}-${LUNAR_RANGE.to}`,
  });
  if (!Number.isInteger(year)) return invalid('the year is not a whole number');
  if (!Number.isInteger(month) || month < 1 || month > 12) return invalid('months run from 1 to 12');
  if (!Number.isInteger(day) || day < 1 || day > 30) return invalid('days run from 1 to 29 or 30');
  if (typeof leap !== 'boolean') return invalid('the leap flag is not a boolean');
  if (!isSupportedLunarYear(year)) return outOfRange;
  const y = yearTable(year);
  const i = y.months.findIndex((m) => m.month === month && m.leap === leap);
  if (i < 0) {
    const actual = y.months.find((m) => m.leap)?.month;
    return invalid(`the leap month of lunar year ${year} is ${actual === undefined ? 'none' : String(actual)}`);
  }
  const start = y.months[i]!.start;
  const length = monthEnd(y, i) - start;
  if (day > length) return invalid(`that month has ${length} days`);
  const result = start + day - 1;
  return result < FIRST_DAY || result > LAST_DAY ? outOfRange : E.right(fromEpochDay(result));
};

/**
 * Tet, day 1 of month 1 of lunar year `year`.
 * @throws RangeError for a year outside {@link LUNAR_RANGE} (a programming error).
 */
export const tetOf = (year: number): CivilDate => {
  if (!Number.isInteger(year) || year < LUNAR_RANGE.from || year > LUNAR_RANGE.to) {
    throw new RangeError(`Tet of ${year} is outside the lunar calendar's years ${LUNAR_RANGE.from}-${LUNAR_RANGE.to}`);
  }
  return fromEpochDay(yearTable(year).months[0]!.start);
};

/**
 * The month that lunar year `lunarYear` doubles (its leap month comes right after it), or `undefined` in a 12-month
 * year. A leap month 11 or 12 (2033 has leap 11) belongs to the lunar year of the month 11 before it, though rule 3
 * finds it by counting the months up to the next solstice.
 * @throws RangeError for a year outside `LUNAR_RANGE.from - 1`..`LUNAR_RANGE.to`.
 */
export const leapMonthOf = (lunarYear: number): number | undefined =>
  checkLunarYear(lunarYear).months.find((m) => m.leap)?.month;

/**
 * The number of days, 29 or 30, of a month of a lunar year (the leap one when `leap`): the days from its new moon to
 * the next.
 * @throws RangeError when the year has no such month or is outside `LUNAR_RANGE.from - 1`..`LUNAR_RANGE.to`.
 */
export const lunarMonthLength = (year: number, month: number, leap = false): 29 | 30 => {
  const y = checkLunarYear(year);
  const i = y.months.findIndex((m) => m.month === month && m.leap === leap);
  if (i < 0) throw new RangeError(`lunar year ${year} has no ${leap ? 'leap ' : ''}month ${month}`);
  const length = monthEnd(y, i) - y.months[i]!.start;
  if (length !== 29 && length !== 30) throw new Error(`lunar ${year}/${month} computed with ${length} days`);
  return length;
};
