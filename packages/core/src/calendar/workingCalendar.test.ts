import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { ANNOUNCED_SCHEDULES } from './announcedSchedules.js';
import { type CivilDate, addDays, civilDate, isWeekend } from './civilDate.js';
import { provisionalSchedule, vietnamCultureDay } from './publicHolidays.js';
import { decodeYearSchedule } from './schedule.js';
import { makeWorkingCalendar, vietnamWorkingCalendar as cal } from './workingCalendar.js';

const d = (s: string): CivilDate => s as CivilDate;
const range = (from: string, to: string): CivilDate[] => {
  const out: CivilDate[] = [];
  for (let x = d(from); x <= to; x = addDays(x, 1)) out.push(x);
  return out;
};
const offDays = (from: string, to: string): string[] => range(from, to).filter((x) => !cal.isWorkingDay(x));

describe('announced schedules (Labour Code 2019 Art. 112; civil servants work Monday-Friday, Decision 188/1999/QD-TTg)', () => {
  it('2024: Tet break Thu 8 - Wed 14 Feb, 27 Apr - 1 May with make-up Sat 4 May, 31 Aug - 3 Sep', () => {
    expect(offDays('2024-02-05', '2024-02-16')).toEqual(range('2024-02-08', '2024-02-14'));
    expect(offDays('2024-04-26', '2024-05-05')).toEqual([
      '2024-04-27',
      '2024-04-28',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-05-05',
    ]);
    expect(cal.isWorkingDay(d('2024-05-04'))).toBe(true);
    expect(cal.isWorkingDay(d('2024-04-18'))).toBe(false);
    expect(offDays('2024-08-30', '2024-09-04')).toEqual(range('2024-08-31', '2024-09-03'));
    expect(cal.isWorkingDay(d('2024-01-01'))).toBe(false);
  });

  it('2025: Tet break Sat 25 Jan - Sun 2 Feb, Hung Kings Mon 7 Apr, 30 Apr - 4 May with make-up Sat 26 Apr, 30 Aug - 2 Sep', () => {
    expect(offDays('2025-01-24', '2025-02-03')).toEqual(range('2025-01-25', '2025-02-02'));
    expect(cal.isWorkingDay(d('2025-04-07'))).toBe(false);
    expect(cal.isWorkingDay(d('2025-04-26'))).toBe(true);
    expect(offDays('2025-04-29', '2025-05-05')).toEqual(range('2025-04-30', '2025-05-04'));
    expect(offDays('2025-08-29', '2025-09-03')).toEqual(range('2025-08-30', '2025-09-02'));
  });

  it('2026: 1-4 Jan with make-up Sat 10 Jan, Tet break Sat 14 - Sun 22 Feb, Hung Kings compensated Mon 27 Apr', () => {
    expect(offDays('2025-12-31', '2026-01-05')).toEqual(range('2026-01-01', '2026-01-04'));
    expect(cal.isWorkingDay(d('2026-01-10'))).toBe(true);
    expect(offDays('2026-02-13', '2026-02-23')).toEqual(range('2026-02-14', '2026-02-22'));
    expect(cal.isWorkingDay(d('2026-04-27'))).toBe(false);
    expect(offDays('2026-04-29', '2026-05-04')).toEqual(range('2026-04-30', '2026-05-03'));
    expect(offDays('2026-08-28', '2026-09-03')).toEqual(range('2026-08-29', '2026-09-02'));
    expect(cal.isWorkingDay(d('2026-08-22'))).toBe(true);
  });

  it('every shipped schedule names its sources and every day its legal basis', () => {
    for (const s of ANNOUNCED_SCHEDULES) {
      expect(s.sources.length).toBeGreaterThan(0);
      for (const day of [...s.daysOff, ...s.workingDays]) expect(day.basis).toMatch(/\S/);
      expect(cal.daysOf(s.year).provisional).toBe(false);
    }
  });
});

describe('provisional years (no announced schedule: Labour Code Art. 112 and the lunar calendar)', () => {
  it('2027: Tet is Sat 6 Feb; the Tet days on the weekend are compensated after the break', () => {
    const y = cal.daysOf(2027);
    expect(y.provisional).toBe(true);
    // Tet days: Fri 5 (eve), Sat 6, Sun 7, Mon 8, Tue 9; Sat and Sun compensated on Wed 10 and Thu 11.
    expect(offDays('2027-02-04', '2027-02-12')).toEqual(range('2027-02-05', '2027-02-11'));
    expect(cal.dayInfo(d('2027-02-10'))?.kind).toBe('compensatory');
    expect(cal.dayInfo(d('2027-02-10'))?.basis).toBe('Labour Code 2019 (45/2019/QH14) Art. 111(3)');
  });

  it("reproduces the announced years' statutory holidays on weekdays", () => {
    for (const year of [2024, 2025, 2026]) {
      const provisional = provisionalSchedule(year);
      for (const name of [
        'New Year',
        "Hung Kings' commemoration",
        'Victory Day',
        'International Labour Day',
        'National Day',
      ]) {
        const p = provisional.daysOff.find((x) => x.name === name);
        if (p !== undefined) expect(cal.isWorkingDay(p.date), `${year} ${name} ${p.date}`).toBe(false);
      }
    }
  });

  it('applies a holiday added by later law from its effective date only', () => {
    const culture = vietnamCultureDay(civilDate(2028, 1, 1), 'hypothetical amending law, for the test');
    const withCulture = makeWorkingCalendar({ additionalHolidays: [culture] });
    expect(E.isRight(withCulture)).toBe(true);
    if (E.isLeft(withCulture)) return;
    expect(withCulture.right.isWorkingDay(d('2027-11-24'))).toBe(true); // Wednesday, before the law
    expect(withCulture.right.isWorkingDay(d('2028-11-24'))).toBe(false); // Friday, after it
    expect(cal.isWorkingDay(d('2028-11-24'))).toBe(true);
  });

  it('uses the Labour Code 2012 (one day for National Day) before 2021', () => {
    expect(provisionalSchedule(2019).daysOff.filter((x) => x.name.startsWith('National Day'))).toHaveLength(1);
    expect(provisionalSchedule(2021).daysOff.some((x) => x.date === '2021-09-03')).toBe(true); // Thursday 2 Sep + Fri
  });
});

describe('adding or overriding a year schedule without forking', () => {
  it('a user schedule replaces the provisional year', () => {
    const schedule2027 = decodeYearSchedule({
      year: 2027,
      sources: ['a test announcement'],
      daysOff: [{ date: '2027-02-08', name: 'Tet', kind: 'tet', basis: 'Labour Code 2019 Art. 112(3)' }],
      workingDays: [{ date: '2027-02-13', name: 'make-up', kind: 'make-up', basis: 'test' }],
    });
    expect(E.isRight(schedule2027)).toBe(true);
    if (E.isLeft(schedule2027)) return;
    const c = makeWorkingCalendar({ schedules: [schedule2027.right] });
    if (E.isLeft(c)) throw new Error(c.left.message);
    expect(c.right.daysOf(2027).provisional).toBe(false);
    expect(c.right.isWorkingDay(d('2027-02-09'))).toBe(true);
    expect(c.right.isWorkingDay(d('2027-02-08'))).toBe(false);
    expect(c.right.isWorkingDay(d('2027-02-13'))).toBe(true);
  });

  it('a user schedule for a shipped year overrides it', () => {
    const c = makeWorkingCalendar({ schedules: [{ year: 2025, sources: ['override'], daysOff: [], workingDays: [] }] });
    if (E.isLeft(c)) throw new Error(c.left.message);
    expect(c.right.isWorkingDay(d('2025-01-29'))).toBe(true);
    expect(cal.isWorkingDay(d('2025-01-29'))).toBe(false);
  });

  it('refuses an inconsistent schedule, naming the day', () => {
    const weekendOff = makeWorkingCalendar({
      schedules: [
        {
          year: 2027,
          sources: [],
          daysOff: [{ date: d('2027-02-06'), name: 'x', kind: 'tet', basis: 'b' }],
          workingDays: [],
        },
      ],
    });
    expect(E.isLeft(weekendOff) && weekendOff.left.message).toContain('2027-02-06');
    const wrongYear = decodeYearSchedule({
      year: 2027,
      sources: [],
      daysOff: [{ date: '2028-02-07', name: 'x', kind: 'tet', basis: 'b' }],
      workingDays: [],
    });
    expect(E.isLeft(wrongYear) && wrongYear.left.message).toContain('2028-02-07');
    const badField = decodeYearSchedule({
      year: 2027,
      sources: [],
      daysOff: [{ date: '2027-02-30', name: 'x', kind: 'tet', basis: 'b' }],
      workingDays: [],
    });
    expect(E.isLeft(badField) && badField.left.message).toContain('2027-02-30');
  });
});

describe('range', () => {
  it('covers 2014 to the end of the lunar range, and says so for other years', () => {
    expect(cal.covers(d('2014-01-01'))).toBe(true);
    expect(cal.covers(d('2013-12-31'))).toBe(false);
    expect(() => cal.isWorkingDay(d('2013-12-31'))).toThrow(/2013/);
    expect(isWeekend(d('2199-12-28'))).toBe(true);
    expect(cal.isWorkingDay(d('2199-12-28'))).toBe(false);
  });
});
