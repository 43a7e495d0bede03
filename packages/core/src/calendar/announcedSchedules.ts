import { civilDate } from './civilDate.js';
import type { ScheduledDay, YearSchedule } from './schedule.js';

// Sources are the instruments as reported by the government portal and legal press; see
// ../shared/legal-sources.md. Entries resting on a single secondary source carry a note saying so.

const NEW_YEAR = 'Labour Code 2019 (45/2019/QH14) Art. 112(1)(a)';
const TET = 'Labour Code 2019 (45/2019/QH14) Art. 112(1)(b), 112(3)';
const VICTORY = 'Labour Code 2019 (45/2019/QH14) Art. 112(1)(c)';
const LABOUR_DAY = 'Labour Code 2019 (45/2019/QH14) Art. 112(1)(d)';
const NATIONAL_DAY = 'Labour Code 2019 (45/2019/QH14) Art. 112(1)(dd), 112(3)';
const HUNG_KINGS = 'Labour Code 2019 (45/2019/QH14) Art. 112(1)(e)';
const COMPENSATION = 'Labour Code 2019 (45/2019/QH14) Art. 111(3)';

const day = (
  y: number,
  m: number,
  d: number,
  name: string,
  kind: ScheduledDay['kind'],
  basis: string,
  note?: string,
): ScheduledDay => ({ date: civilDate(y, m, d), name, kind, basis, ...(note === undefined ? {} : { note }) });

const tet = (y: number, m: number, days: readonly number[]): ScheduledDay[] =>
  days.map((d) => day(y, m, d, 'Tet (lunar new year)', 'tet', TET));

/** 2024: Tet is Saturday 10 February; the 30 April break is joined to the weekend by swapping Monday 29 April. */
const Y2024: YearSchedule = {
  year: 2024,
  sources: [
    'MOLISA notice on the 2024 New Year and Tet holidays (November 2023)',
    'Government Office document 2450/VP (April 2024), swap of 29 April with 4 May',
  ],
  daysOff: [
    day(2024, 1, 1, 'New Year', 'public-holiday', NEW_YEAR),
    ...tet(2024, 2, [8, 9, 12, 13, 14]),
    day(2024, 4, 18, "Hung Kings' commemoration", 'public-holiday', HUNG_KINGS),
    day(2024, 4, 29, 'Swapped with Saturday 4 May', 'swapped', 'Government Office document 2450/VP'),
    day(2024, 4, 30, 'Victory Day', 'public-holiday', VICTORY),
    day(2024, 5, 1, 'International Labour Day', 'public-holiday', LABOUR_DAY),
    day(2024, 9, 2, 'National Day', 'public-holiday', NATIONAL_DAY),
    day(2024, 9, 3, 'National Day (adjacent day)', 'public-holiday', NATIONAL_DAY),
  ],
  workingDays: [day(2024, 5, 4, 'Make-up for Monday 29 April', 'make-up', 'Government Office document 2450/VP')],
};

/** 2025: Tet is Wednesday 29 January; 2 May is swapped with Saturday 26 April. */
const Y2025: YearSchedule = {
  year: 2025,
  sources: ['Notice 6150/TB-BLDTBXH of 3 December 2024 (Ministry of Labour, Invalids and Social Affairs)'],
  daysOff: [
    day(2025, 1, 1, 'New Year', 'public-holiday', NEW_YEAR),
    ...tet(2025, 1, [27, 28, 29, 30, 31]),
    day(2025, 4, 7, "Hung Kings' commemoration", 'public-holiday', HUNG_KINGS),
    day(2025, 4, 30, 'Victory Day', 'public-holiday', VICTORY),
    day(2025, 5, 1, 'International Labour Day', 'public-holiday', LABOUR_DAY),
    day(2025, 5, 2, 'Swapped with Saturday 26 April', 'swapped', 'Notice 6150/TB-BLDTBXH'),
    day(2025, 9, 1, 'National Day (adjacent day)', 'public-holiday', NATIONAL_DAY),
    day(2025, 9, 2, 'National Day', 'public-holiday', NATIONAL_DAY),
  ],
  workingDays: [day(2025, 4, 26, 'Make-up for Friday 2 May', 'make-up', 'Notice 6150/TB-BLDTBXH')],
};

const SOFT = 'rests on one secondary source; check against the announcement';

/** 2026: Tet is Tuesday 17 February; Hung Kings' day falls on Sunday 26 April. */
const Y2026: YearSchedule = {
  year: 2026,
  sources: [
    'Notice 9441/TB-BNV of 16 October 2025 (Ministry of Home Affairs)',
    'Government Office document 12729/VPCP-KGVX of 25 December 2025',
  ],
  daysOff: [
    day(2026, 1, 1, 'New Year', 'public-holiday', NEW_YEAR),
    day(2026, 1, 2, 'Swapped with Saturday 10 January', 'swapped', 'Government Office document 12729/VPCP-KGVX'),
    ...tet(2026, 2, [16, 17, 18, 19, 20]),
    day(2026, 4, 27, "Hung Kings' commemoration (Sunday 26 April, compensated)", 'compensatory', COMPENSATION, SOFT),
    day(2026, 4, 30, 'Victory Day', 'public-holiday', VICTORY),
    day(2026, 5, 1, 'International Labour Day', 'public-holiday', LABOUR_DAY),
    day(2026, 8, 31, 'Swapped with Saturday 22 August', 'swapped', 'Notice 9441/TB-BNV', SOFT),
    day(2026, 9, 1, 'National Day (adjacent day)', 'public-holiday', NATIONAL_DAY),
    day(2026, 9, 2, 'National Day', 'public-holiday', NATIONAL_DAY),
  ],
  workingDays: [
    day(2026, 1, 10, 'Make-up for Friday 2 January', 'make-up', 'Government Office document 12729/VPCP-KGVX'),
    day(2026, 8, 22, 'Make-up for Monday 31 August', 'make-up', 'Notice 9441/TB-BNV', SOFT),
  ],
};

/** The civil servants' schedules shipped with the library, one per year, with their sources. */
export const ANNOUNCED_SCHEDULES: readonly YearSchedule[] = [Y2024, Y2025, Y2026];
