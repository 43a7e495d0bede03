import { type CivilDate, addDays, civilDate, epochDay, isWeekend, isoDayOfWeek } from './civilDate.js';
import { lunarToSolar, tetOf } from './lunar.js';
import type { ScheduledDay, YearSchedule } from './schedule.js';

/**
 * A public holiday on a fixed day of the solar calendar added by a later instrument, applied from its effective date
 * to the years computed provisionally. Years with an announced schedule take their days from the schedule.
 */
export interface AddedHoliday {
  readonly name: string;
  readonly month: number;
  readonly day: number;
  /** The instrument that adds it, e.g. "Labour Code amendment (Law xx/2026/QH15) Art. 1". */
  readonly basis: string;
  /** The first day on which the instrument is in force. */
  readonly effectiveFrom: CivilDate;
}

/**
 * Vietnam Culture Day, 24 November: proposed as a paid day off (Politburo Resolution 80-NQ/TW; Government Resolution
 * 30/NQ-CP asks to amend Labour Code Art. 112(1)) but not law when this data was written. Not applied by default:
 * pass it, with the effective date of the amending law, in `additionalHolidays` once it is in force.
 */
export const vietnamCultureDay = (effectiveFrom: CivilDate, basis: string): AddedHoliday => ({
  name: 'Vietnam Culture Day',
  month: 11,
  day: 24,
  basis,
  effectiveFrom,
});

/**
 * The first year computed provisionally: the Labour Code 2012 (Law 10/2012/QH13), in force from 1 May 2013, gave
 * Tet five days; before 2014 the holidays followed other rules that this module does not encode.
 */
export const FIRST_PROVISIONAL_YEAR = 2014;

const LC2019 = 'Labour Code 2019 (45/2019/QH14)';
const LC2012 = 'Labour Code 2012 (10/2012/QH13)';
/** The Labour Code 2019, which gave National Day two days, is in force from 1 January 2021 (its Art. 220). */
const LC2019_FROM_YEAR = 2021;

const code = (year: number): { name: string; holidays: string; yearly: string; compensation: string } =>
  year >= LC2019_FROM_YEAR
    ? { name: LC2019, holidays: 'Art. 112', yearly: ', Art. 112(3)', compensation: 'Art. 111(3)' }
    : { name: LC2012, holidays: 'Art. 115', yearly: '', compensation: 'Art. 115(3)' };

/**
 * Which day joins 2 September (Labour Code 2019 Art. 112(1)(dd)) is fixed by the Prime Minister each year
 * (Art. 112(3)). Provisionally, take the one that joins the break to a weekend, as the announced years did
 * (2021 Thu -> 3 Sep, 2022 Fri -> 1 Sep, 2024 Mon -> 3 Sep, 2025 Tue -> 1 Sep), else the day before.
 */
const nationalDayAdjacent = (year: number): CivilDate => {
  const sep2 = civilDate(year, 9, 2);
  const dow = isoDayOfWeek(sep2);
  return addDays(sep2, dow === 1 || dow === 4 ? 1 : -1);
};

/**
 * The provisional holidays of a year for which no schedule has been announced, from the Labour Code and the lunar
 * calendar: the statutory holidays, and a compensatory weekday off for each one that falls on a Saturday or Sunday
 * (Art. 111(3); Saturdays and Sundays are the weekly days off of state agencies, Decision 188/1999/QD-TTg Art. 1).
 *
 * The Prime Minister fixes the Tet days each year (Art. 112(3)); provisionally they are the last day of the old lunar
 * year and the first four of the new one, the split most often chosen.
 */
export const provisionalSchedule = (year: number, added: readonly AddedHoliday[] = []): YearSchedule => {
  const c = code(year);
  const basis = (point: string): string => `${c.name} ${c.holidays}(1)(${point})`;
  const holidays: ScheduledDay[] = [];
  const push = (date: CivilDate, name: string, kind: ScheduledDay['kind'], b: string): void => {
    holidays.push({ date, name, kind, basis: b });
  };

  push(civilDate(year, 1, 1), 'New Year', 'public-holiday', basis('a'));
  const tet = tetOf(year);
  for (let i = -1; i <= 3; i++) {
    push(addDays(tet, i), 'Tet (lunar new year)', 'tet', `${basis('b')}${c.yearly}`);
  }
  const hungKings = lunarToSolar({ year, month: 3, day: 10, leap: false });
  if (hungKings._tag === 'Right') push(hungKings.right, "Hung Kings' commemoration", 'public-holiday', basis('e'));
  push(civilDate(year, 4, 30), 'Victory Day', 'public-holiday', basis('c'));
  push(civilDate(year, 5, 1), 'International Labour Day', 'public-holiday', basis('d'));
  push(civilDate(year, 9, 2), 'National Day', 'public-holiday', basis('dd'));
  if (year >= LC2019_FROM_YEAR) {
    push(nationalDayAdjacent(year), 'National Day (adjacent day)', 'public-holiday', `${basis('dd')}, Art. 112(3)`);
  }
  for (const h of added) {
    const date = civilDate(year, h.month, h.day);
    if (date >= h.effectiveFrom) push(date, h.name, 'public-holiday', h.basis);
  }
  holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  // Each holiday on a weekly day off is compensated by the next working day (Art. 111(3)), after the whole break.
  const taken = new Set(holidays.map((h) => h.date));
  const compensatory: ScheduledDay[] = [];
  for (const h of holidays) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    compensatory.push({
      date: d,
      name: `Compensation for ${h.name} on ${h.date}`,
      kind: 'compensatory',
      basis: `${c.name} ${c.compensation}`,
    });
  }

  const daysOff = [...holidays.filter((h) => !isWeekend(h.date)), ...compensatory].sort(
    (a, b) => epochDay(a.date) - epochDay(b.date),
  );
  return {
    year,
    sources: [`provisional: computed from ${c.name} ${c.holidays} and the Vietnamese lunar calendar`],
    daysOff,
    workingDays: [],
  };
};
