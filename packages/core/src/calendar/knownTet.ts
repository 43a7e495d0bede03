/**
 * Published dates of Tet (day 1 of month 1 of the Vietnamese lunar calendar), used to test `lunar.ts`; a fixture,
 * not used by the library itself.
 *
 * Sources:
 * - Ho Ngoc Duc, "Am lich Viet Nam" (the Vietnamese calendar computed at UTC+7 for 1800-2199, with his article on how
 *   it differs from the Chinese calendar: 1968, 1969, 1985, 2007, 2030, 2053), and the printed Vietnamese almanacs
 *   (lich van nien) that follow the calendar Vietnam adopted at UTC+7 in 1967, first used for Tet 1968.
 * - Hong Kong Observatory, Gregorian-Lunar Calendar Conversion Table (the Chinese calendar, UTC+8), for the years in
 *   which the two calendars agree on Tet.
 * - The Tet dates of recent years as announced with the public-holiday schedules (2014-2026).
 *
 * The table starts in 1968: before that Vietnam used the Chinese (UTC+8) calendar, while `lunar.ts` is proleptic at
 * UTC+7, so some earlier years (1903, 1935, 1965) come out a day earlier than the Tet then celebrated.
 */
export const KNOWN_TET: readonly (readonly [year: number, tet: string])[] = [
  [1968, '1968-01-29'],
  [1969, '1969-02-16'],
  [1970, '1970-02-06'],
  [1971, '1971-01-27'],
  [1972, '1972-02-15'],
  [1973, '1973-02-03'],
  [1974, '1974-01-23'],
  [1975, '1975-02-11'],
  [1976, '1976-01-31'],
  [1977, '1977-02-18'],
  [1978, '1978-02-07'],
  [1979, '1979-01-28'],
  [1980, '1980-02-16'],
  [1981, '1981-02-05'],
  [1982, '1982-01-25'],
  [1983, '1983-02-13'],
  [1984, '1984-02-02'],
  [1985, '1985-01-21'],
  [1986, '1986-02-09'],
  [1987, '1987-01-29'],
  [1988, '1988-02-17'],
  [1989, '1989-02-06'],
  [1990, '1990-01-27'],
  [1991, '1991-02-15'],
  [1992, '1992-02-04'],
  [1993, '1993-01-23'],
  [1994, '1994-02-10'],
  [1995, '1995-01-31'],
  [1996, '1996-02-19'],
  [1997, '1997-02-07'],
  [1998, '1998-01-28'],
  [1999, '1999-02-16'],
  [2000, '2000-02-05'],
  [2001, '2001-01-24'],
  [2002, '2002-02-12'],
  [2003, '2003-02-01'],
  [2004, '2004-01-22'],
  [2005, '2005-02-09'],
  [2006, '2006-01-29'],
  [2007, '2007-02-17'],
  [2008, '2008-02-07'],
  [2009, '2009-01-26'],
  [2010, '2010-02-14'],
  [2011, '2011-02-03'],
  [2012, '2012-01-23'],
  [2013, '2013-02-10'],
  [2014, '2014-01-31'],
  [2015, '2015-02-19'],
  [2016, '2016-02-08'],
  [2017, '2017-01-28'],
  [2018, '2018-02-16'],
  [2019, '2019-02-05'],
  [2020, '2020-01-25'],
  [2021, '2021-02-12'],
  [2022, '2022-02-01'],
  [2023, '2023-01-22'],
  [2024, '2024-02-10'],
  [2025, '2025-01-29'],
  [2026, '2026-02-17'],
  [2027, '2027-02-06'],
  [2028, '2028-01-26'],
  [2029, '2029-02-13'],
  [2030, '2030-02-02'],
  [2031, '2031-01-23'],
  [2032, '2032-02-11'],
  [2033, '2033-01-31'],
  [2034, '2034-02-19'],
  [2035, '2035-02-08'],
  [2036, '2036-01-28'],
  [2037, '2037-02-15'],
  [2038, '2038-02-04'],
  [2039, '2039-01-24'],
  [2040, '2040-02-12'],
  [2041, '2041-02-01'],
  [2042, '2042-01-22'],
  [2043, '2043-02-10'],
  [2044, '2044-01-30'],
  [2045, '2045-02-17'],
  [2046, '2046-02-06'],
  [2047, '2047-01-26'],
  [2048, '2048-02-14'],
  [2049, '2049-02-02'],
  [2050, '2050-01-23'],
  [2053, '2053-02-18'],
];

/**
 * Years whose Tet differs between the Vietnamese (UTC+7) and Chinese (UTC+8) calendars: [year, Vietnam, China].
 * In 1985 the months differ by a whole month (China had leap month 10 in 1984, Vietnam leap month 2 in 1985).
 */
export const TET_DIFFERS_FROM_CHINA: readonly (readonly [year: number, vietnam: string, china: string])[] = [
  [1968, '1968-01-29', '1968-01-30'],
  [1969, '1969-02-16', '1969-02-17'],
  [1985, '1985-01-21', '1985-02-20'],
  [2007, '2007-02-17', '2007-02-18'],
  [2030, '2030-02-02', '2030-02-03'],
  [2053, '2053-02-18', '2053-02-19'],
];
