import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it, vi } from 'vitest';
import { type CivilDate, epochDay, epochDayOf, fromEpochDay } from './civilDate.js';
import type * as Lunar from './lunar.js';
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

const FIRST = epochDayOf(LUNAR_RANGE.from, 1, 1);
const LAST = epochDayOf(LUNAR_RANGE.to, 12, 31);
const YEARS = Array.from({ length: LUNAR_RANGE.to - LUNAR_RANGE.from + 1 }, (_, i) => LUNAR_RANGE.from + i);

/** The months of a lunar year in order, each with its day 1, from the public API alone. */
const monthsOf = (year: number): { month: number; leap: boolean; start: CivilDate }[] => {
  const months: { month: number; leap: boolean; start: CivilDate }[] = [];
  for (let month = 1; month <= 12; month++) {
    for (const leap of [false, true]) {
      const r = lunarToSolar({ year, month, day: 1, leap });
      if (E.isRight(r)) months.push({ month, leap, start: r.right });
    }
  }
  return months;
};

describe('round trip: solar -> lunar -> solar is the identity', () => {
  it(`for every day ${LUNAR_RANGE.from}-${LUNAR_RANGE.to}`, () => {
    for (let d = FIRST; d <= LAST; d++) {
      const date = fromEpochDay(d);
      const back = lunarToSolar(solarToLunar(date));
      if (!E.isRight(back) || back.right !== date) {
        expect.fail(`${date} -> ${JSON.stringify(solarToLunar(date))} -> ${JSON.stringify(back)}`);
      }
    }
  });

  it('for arbitrary day numbers (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), (d) => {
        const date = fromEpochDay(d);
        expect(lunarToSolar(solarToLunar(date))).toEqual(E.right(date));
      }),
      { numRuns: 2000 },
    );
  });

  it('lunar -> solar -> lunar is the identity for valid lunar dates (fast-check)', () => {
    const valid = fc
      .record({
        year: fc.integer({ min: LUNAR_RANGE.from, max: LUNAR_RANGE.to }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 30 }),
        leap: fc.boolean(),
      })
      .filter(
        (d: LunarDate) =>
          (!d.leap || leapMonthOf(d.year) === d.month) && d.day <= lunarMonthLength(d.year, d.month, d.leap),
      );
    fc.assert(
      fc.property(valid, (d) => {
        const r = lunarToSolar(d);
        // The last lunar year runs into January after the range, whose days are refused as OutOfRange.
        if (E.isLeft(r) && d.year === LUNAR_RANGE.to) expect(r.left.code).toBe('OutOfRange');
        else expect(E.isRight(r) && solarToLunar(r.right)).toEqual(d);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('lunar days advance by one with civil days', () => {
  it('the next civil day is the next lunar day, or day 1 of the next month after day 29 or 30', () => {
    let prev = solarToLunar(fromEpochDay(FIRST));
    for (let d = FIRST + 1; d <= LAST; d++) {
      const cur = solarToLunar(fromEpochDay(d));
      const sameMonth = cur.year === prev.year && cur.month === prev.month && cur.leap === prev.leap;
      const ok = sameMonth
        ? cur.day === prev.day + 1
        : cur.day === 1 &&
          (prev.day === 29 || prev.day === 30) &&
          prev.day === lunarMonthLength(prev.year, prev.month, prev.leap);
      if (!ok)
        expect.fail(
          `${fromEpochDay(d - 1)} is ${JSON.stringify(prev)} but ${fromEpochDay(d)} is ${JSON.stringify(cur)}`,
        );
      prev = cur;
    }
  });
});

describe("the structure of lunar years (Ho Ngoc Duc's rules)", () => {
  // The last lunar year ends after the range, so its last months cannot be asked for.
  it.each(YEARS.slice(0, -1))(
    'lunar year %i has 12 or 13 months in order, at most one leap, and ends where the next begins',
    (year) => {
      const months = monthsOf(year);
      const leaps = months.filter((m) => m.leap);
      expect(months.length === 12 || months.length === 13).toBe(true);
      expect(leaps.length).toBe(months.length - 12);
      expect(leaps[0]?.month).toBe(leapMonthOf(year));
      expect(months[0]?.start).toBe(tetOf(year));
      const starts = months.map((m) => epochDay(m.start));
      const ends = [...starts.slice(1), epochDay(tetOf(year + 1))];
      months.forEach((m, i) => {
        expect((ends[i] as number) - (starts[i] as number)).toBe(lunarMonthLength(year, m.month, m.leap));
      });
    },
  );

  it.each(YEARS)('month 11 of lunar year %i contains the winter solstice (solar longitude 270 deg)', (year) => {
    expect(solarToLunar(majorTermDay(year, 270))).toMatchObject({ year, month: 11, leap: false });
  });

  it('the leap month is the first month after a month 11 without a major solar term, in a 13-month span only', () => {
    const terms = YEARS.flatMap((y) => Array.from({ length: 12 }, (_, i) => epochDay(majorTermDay(y, 30 * i))));
    const hasTerm = (from: number, to: number): boolean => terms.some((t) => t >= from && t < to);
    // Every month that starts in the range (lunar year from - 1 contributes its month 12).
    const months = [LUNAR_RANGE.from - 1, ...YEARS].flatMap((y) =>
      monthsOf(y).map((m) => ({ ...m, year: y, start: epochDay(m.start) })),
    );
    const elevens = months.flatMap((m, i) => (m.month === 11 && !m.leap ? [i] : []));
    let leapYears = 0;
    for (let j = 0; j + 1 < elevens.length; j++) {
      const [a, b] = [elevens[j] as number, elevens[j + 1] as number];
      const span = months.slice(a, b + 1);
      const leapAt = span.findIndex((m) => m.leap);
      const where = `between month 11 of ${months[a]?.year} and of ${months[b]?.year}`;
      expect(b - a === 12 || b - a === 13, where).toBe(true);
      expect(leapAt === -1 ? 12 : 13, where).toBe(b - a);
      if (leapAt === -1) continue;
      leapYears++;
      const contains = span.slice(0, -1).map((m, i) => hasTerm(m.start, (span[i + 1] as { start: number }).start));
      expect(contains.indexOf(false), where).toBe(leapAt);
    }
    expect(leapYears).toBeGreaterThan(100); // 7 leap months in 19 years: about 110 in 300 years
  });
});

describe('no dependence on the host time zone', () => {
  const fingerprint = (api: Pick<typeof Lunar, 'tetOf' | 'leapMonthOf' | 'solarToLunar'>): string => {
    const parts: string[] = [];
    for (const y of YEARS) parts.push(`${api.tetOf(y)}:${String(api.leapMonthOf(y))}`);
    for (let d = FIRST; d <= LAST; d += 3) {
      const l = api.solarToLunar(fromEpochDay(d));
      parts.push(`${l.year}/${l.month}${l.leap ? 'L' : ''}/${l.day}`);
    }
    return parts.join(',');
  };

  it('gives the same calendar with TZ = America/Los_Angeles, Pacific/Kiritimati, UTC and Asia/Ho_Chi_Minh', async () => {
    const saved = process.env.TZ;
    const zones = [
      ['America/Los_Angeles', 'GMT-0800'],
      ['Pacific/Kiritimati', 'GMT+1400'],
      ['UTC', 'GMT+0000'],
      ['Asia/Ho_Chi_Minh', 'GMT+0700'],
    ] as const;
    try {
      const results: string[] = [];
      for (const [tz, offset] of zones) {
        process.env.TZ = tz;
        expect(new Date(Date.UTC(2025, 0, 15)).toString()).toContain(offset); // the zone did change
        vi.resetModules(); // a fresh module, so that nothing comes from a cache filled under another zone
        results.push(fingerprint(await import('./lunar.js')));
      }
      expect(new Set(results).size).toBe(1);
      expect(results[0]).toBe(fingerprint({ tetOf, leapMonthOf, solarToLunar }));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
