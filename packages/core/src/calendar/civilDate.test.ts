import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  civilDate,
  endOfVietnamDayMs,
  epochDay,
  epochDayOf,
  formatVietnamInstant,
  fromEpochDay,
  isoDayOfWeek,
  parseCivilDate,
  parseInstant,
  vietnamDateOfMs,
} from './civilDate.js';

describe('civil dates', () => {
  it('parses well-formed days and refuses impossible ones with a message naming the input', () => {
    expect(parseCivilDate('2024-02-29')).toEqual(E.right('2024-02-29'));
    const bad = parseCivilDate('2025-02-29');
    expect(E.isLeft(bad) && bad.left.message).toContain('2025-02-29');
    expect(E.isLeft(parseCivilDate('2025-2-1'))).toBe(true);
    expect(() => civilDate(2025, 13, 1)).toThrow(RangeError);
  });

  it('knows the day of the week', () => {
    expect(isoDayOfWeek(civilDate(2025, 1, 29))).toBe(3); // Tet 2025 was a Wednesday
    expect(isoDayOfWeek(civilDate(1970, 1, 1))).toBe(4);
    expect(isoDayOfWeek(civilDate(1969, 12, 28))).toBe(7);
  });

  it('round-trips day numbers over 1900-2199', () => {
    fc.assert(
      fc.property(fc.integer({ min: epochDay(civilDate(1900, 1, 1)), max: epochDay(civilDate(2199, 12, 31)) }), (n) => {
        expect(epochDay(fromEpochDay(n))).toBe(n);
        expect(addDays(fromEpochDay(n), 1)).toBe(fromEpochDay(n + 1));
      }),
    );
  });
});

describe('instants in Vietnam (UTC+7)', () => {
  it('places an instant on the Vietnamese day, whatever offset it is written in', () => {
    const ms = (s: string): number => E.getOrElse<unknown, number>(() => NaN)(parseInstant(s));
    expect(vietnamDateOfMs(ms('2025-01-31T16:59:59Z'))).toBe('2025-01-31');
    expect(vietnamDateOfMs(ms('2025-01-31T17:00:00Z'))).toBe('2025-02-01');
    expect(vietnamDateOfMs(ms('2025-01-31T23:30:00-05:00'))).toBe('2025-02-01');
  });

  it('refuses an instant without an offset, which would depend on the host time zone', () => {
    const r = parseInstant('2025-01-31T10:00:00');
    expect(E.isLeft(r) && r.left.message).toContain('2025-01-31T10:00:00');
  });

  it('writes the end of a day as 00:00 of the next day at +07:00', () => {
    expect(formatVietnamInstant(endOfVietnamDayMs(civilDate(2025, 1, 31)))).toBe('2025-02-01T00:00:00+07:00');
  });
});

describe('day numbers (pure arithmetic) agree with the JavaScript Date on the proleptic Gregorian calendar', () => {
  const reference = (y: number, m: number, d: number): number => {
    const t = new Date(0);
    t.setUTCFullYear(y, m - 1, d);
    return Math.floor(t.getTime() / 86_400_000);
  };
  it('epochDayOf, including days and months that carry over', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2000, max: 12000 }),
        fc.integer({ min: -30, max: 40 }),
        fc.integer({ min: -400, max: 400 }),
        (y, m, d) => {
          expect(epochDayOf(y, m, d)).toBe(reference(y, m, d));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('fromEpochDay inverts it, and writes the date as Date would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -719_528, max: 2_932_896 }) /* years 0000-9999, the form civil dates are written in */,
        (n) => {
          const date = fromEpochDay(n);
          expect(epochDay(date)).toBe(n);
          expect(date).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
