import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { civilDate, epochDay, fromEpochDay } from './civilDate.js';
import { KNOWN_TET, TET_DIFFERS_FROM_CHINA } from './knownTet.js';
import {
  type LunarDate,
  LUNAR_RANGE,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  majorTermDay,
  solarToLunar,
  tetOf,
} from './lunar.js';

const solar = (d: LunarDate): string => {
  const r = lunarToSolar(d);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const lunar = (year: number, month: number, day: number, leap = false): LunarDate => ({ year, month, day, leap });

describe('Tet', () => {
  it.each(KNOWN_TET)('Tet %i is the published %s', (year, tet) => {
    expect(tetOf(year)).toBe(tet);
    expect(solarToLunar(civilDate(year, Number(tet.slice(5, 7)), Number(tet.slice(8))))).toEqual(lunar(year, 1, 1));
  });

  it.each(TET_DIFFERS_FROM_CHINA)('Tet %i is %s at UTC+7, not the Chinese (UTC+8) %s', (year, vietnam, china) => {
    expect(tetOf(year)).toBe(vietnam);
    expect(tetOf(year)).not.toBe(china);
  });

  it('the table covers every year 1968-2050', () => {
    const years = new Set(KNOWN_TET.map(([y]) => y));
    for (let y = 1968; y <= 2050; y++) expect(years.has(y), String(y)).toBe(true);
  });

  it('the eve of Tet is day 30 of month 12 in 2024 and day 29 in 2025 ("no 30 Tet")', () => {
    expect(solarToLunar(civilDate(2024, 2, 9))).toEqual(lunar(2023, 12, 30));
    expect(solarToLunar(civilDate(2025, 1, 28))).toEqual(lunar(2024, 12, 29));
    expect(lunarMonthLength(2023, 12)).toBe(30);
    expect(lunarMonthLength(2024, 12)).toBe(29);
  });
});

describe('lunar holidays', () => {
  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])("Hung Kings' day (10th day of month 3) %i is %s", (year, date) => {
    expect(solar(lunar(year, 3, 10))).toBe(date);
  });

  it.each([
    [2024, '2024-09-17'],
    [2025, '2025-10-06'],
  ])('Mid-Autumn (15th day of month 8) %i is %s', (year, date) => {
    expect(solar(lunar(year, 8, 15))).toBe(date);
  });
});

describe('leap months', () => {
  it('2033 has leap month 11 (the "2033 problem"), from 2033-12-22, and only that one', () => {
    expect(leapMonthOf(2033)).toBe(11);
    expect(leapMonthOf(2032)).toBeUndefined();
    expect(leapMonthOf(2034)).toBeUndefined();
    expect(majorTermDay(2033, 270)).toBe('2033-12-21');
    expect(solar(lunar(2033, 11, 1))).toBe('2033-11-22');
    expect(solar(lunar(2033, 11, 1, true))).toBe('2033-12-22');
    expect(solar(lunar(2033, 12, 1))).toBe('2034-01-20');
    const leapMonths = new Set<number>();
    for (let d = epochDay(tetOf(2033)); d < epochDay(tetOf(2034)); d++) {
      const l = solarToLunar(fromEpochDay(d));
      expect(l.year).toBe(2033);
      if (l.leap) leapMonths.add(l.month);
    }
    expect([...leapMonths]).toEqual([11]);
  });

  it.each([
    [1984, undefined],
    [1985, 2],
    [1987, 7],
    [2004, 2],
    [2006, 7],
    [2009, 5],
    [2012, 4],
    [2014, 9],
    [2017, 6],
    [2020, 4],
    [2023, 2],
    [2024, undefined],
    [2025, 6],
    [2028, 5],
  ])('lunar year %i has leap month %s', (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it('the leap month repeats the number of the month before it', () => {
    expect(solar(lunar(2025, 6, 1))).toBe('2025-06-25');
    expect(solar(lunar(2025, 6, 1, true))).toBe('2025-07-25');
    expect(solar(lunar(2025, 7, 1))).toBe('2025-08-23');
    expect(solarToLunar(civilDate(2025, 8, 1))).toEqual(lunar(2025, 6, 8, true));
  });
});

describe('winter solstice', () => {
  it.each([
    [2020, '2020-12-21'],
    [2023, '2023-12-22'],
    [2024, '2024-12-21'],
    [2025, '2025-12-21'],
    [2026, '2026-12-22'],
  ])('the December solstice %i falls on %s in Vietnam (Meeus ch. 25)', (year, date) => {
    expect(majorTermDay(year, 270)).toBe(date);
  });
});

describe('invalid input', () => {
  const left = (d: LunarDate): { code: string; message: string } => {
    const r = lunarToSolar(d);
    if (E.isRight(r)) throw new Error(`expected Left for ${JSON.stringify(d)}, got ${r.right}`);
    return r.left;
  };

  it('day 30 of a 29-day month is InvalidLunarDate, naming the date and the length', () => {
    expect(lunarMonthLength(2024, 12)).toBe(29);
    const e = left(lunar(2024, 12, 30));
    expect(e.code).toBe('InvalidLunarDate');
    expect(e.message).toContain('lunar 2024, month 12, day 30');
    expect(e.message).toContain('29 days');
  });

  it('a leap flag on a month that is not doubled is InvalidLunarDate, naming the actual leap month', () => {
    const e = left(lunar(2025, 5, 1, true));
    expect(e.code).toBe('InvalidLunarDate');
    expect(e.message).toContain('month 5 (leap)');
    expect(e.message).toContain('leap month of lunar year 2025 is 6');
    expect(left(lunar(2024, 1, 1, true)).message).toContain('is none');
  });

  it.each([lunar(2025, 13, 1), lunar(2025, 0, 1), lunar(2025, 1, 0), lunar(2025, 1, 31), lunar(2025, 1.5, 1)])(
    'month or day out of its bounds is InvalidLunarDate: %o',
    (d) => {
      const e = left(d);
      expect(e.code).toBe('InvalidLunarDate');
      expect(e.message).toContain(`lunar 2025, month ${d.month}`);
    },
  );

  it('a year outside the range is OutOfRange, naming it', () => {
    for (const year of [1800, LUNAR_RANGE.from - 2, LUNAR_RANGE.to + 1, 3000]) {
      const e = left(lunar(year, 1, 1));
      expect(e.code).toBe('OutOfRange');
      expect(e.message).toContain(`lunar ${year}`);
    }
    // Lunar year 1899 is supported only for its days in January 1900.
    expect(left(lunar(LUNAR_RANGE.from - 1, 1, 1)).code).toBe('OutOfRange');
    expect(solar(lunar(LUNAR_RANGE.from - 1, 12, 1))).toBe('1900-01-01');
  });

  it('days and years outside the range throw RangeError (programming errors)', () => {
    expect(() => solarToLunar(civilDate(1899, 12, 31))).toThrow(RangeError);
    expect(() => solarToLunar(civilDate(2200, 1, 1))).toThrow(RangeError);
    expect(() => tetOf(LUNAR_RANGE.to + 1)).toThrow(RangeError);
    expect(() => tetOf(2025.5)).toThrow(RangeError);
    expect(() => leapMonthOf(1700)).toThrow(RangeError);
    expect(() => lunarMonthLength(2024, 5, true)).toThrow(RangeError);
  });

  it('the range covers 1900-2199', () => {
    expect(LUNAR_RANGE.from).toBeLessThanOrEqual(1900);
    expect(LUNAR_RANGE.to).toBeGreaterThanOrEqual(2199);
    expect(solarToLunar(civilDate(1900, 1, 1))).toEqual(lunar(1899, 12, 1));
    expect(solarToLunar(civilDate(2199, 12, 31)).year).toBe(2199);
  });
});
