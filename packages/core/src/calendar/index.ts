export {
  type CalendarInputError,
  type CivilDate,
  type Instant,
  VIETNAM_UTC_OFFSET_MINUTES,
  addDays,
  civilDate,
  endOfVietnamDayMs,
  formatVietnamInstant,
  isWeekend,
  isoDayOfWeek,
  parseCivilDate,
  parseInstant,
  startOfVietnamDayMs,
  vietnamDateOfMs,
} from './civilDate.js';
export {
  type LunarDate,
  LUNAR_RANGE,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  solarToLunar,
  tetOf,
} from './lunar.js';
export {
  type DayKind,
  type ScheduledDay,
  type YearSchedule,
  YearScheduleCodec,
  decodeYearSchedule,
} from './schedule.js';
export { ANNOUNCED_SCHEDULES } from './announcedSchedules.js';
export { type AddedHoliday, FIRST_PROVISIONAL_YEAR, provisionalSchedule, vietnamCultureDay } from './publicHolidays.js';
export {
  type WorkingCalendar,
  type WorkingCalendarOptions,
  type YearDays,
  makeWorkingCalendar,
  vietnamWorkingCalendar,
} from './workingCalendar.js';
export { type Period, type PeriodEnd, days, periodEnd, workingDays } from './periods.js';
