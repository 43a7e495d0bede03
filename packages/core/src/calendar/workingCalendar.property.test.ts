import fc from 'fast-check';
import { afterEach, describe, it } from 'vitest';
import { type CivilDate, civilDate, epochDay, fromEpochDay } from './civilDate.js';
import { days, periodEnd, workingDays } from './periods.js';
import { vietnamWorkingCalendar as cal } from './workingCalendar.js';

const from = epochDay(civilDate(2014, 1, 1));
const to = epochDay(civilDate(2199, 6, 30));
const aDate = fc.integer({ min: from, max: to }).map(fromEpochDay);
const aCount = fc.integer({ min: 0, max: 60 });
const aDateAwayFromEdges = fc.integer({ min: from + 400, max: to - 400 }).map(fromEpochDay);

describe('working days (Decree 69/2024/ND-CP Art. 13 counts in working days of state agencies)', () => {
  it('adding N >= 1 working days lands on a working day', () => {
    fc.assert(
      fc.property(aDate, fc.integer({ min: 1, max: 60 }), (d, n) => cal.isWorkingDay(cal.addWorkingDays(d, n))),
    );
  });

  it('adding working days is strictly increasing in N', () => {
    fc.assert(
      fc.property(aDate, aCount, (d, n) => epochDay(cal.addWorkingDays(d, n + 1)) > epochDay(cal.addWorkingDays(d, n))),
    );
  });

  it('counting the working days back gives N', () => {
    fc.assert(fc.property(aDate, aCount, (d, n) => cal.workingDaysBetween(d, cal.addWorkingDays(d, n)) === n));
  });

  it('subtracting N working days undoes adding them from a working day', () => {
    fc.assert(
      fc.property(aDate, aCount, (d0, n) => {
        const d = cal.addWorkingDays(d0, 1);
        return cal.addWorkingDays(cal.addWorkingDays(d, n), -n) === d;
      }),
    );
  });

  it('working days between two dates equal a day-by-day count, across year boundaries', () => {
    fc.assert(
      fc.property(aDateAwayFromEdges, fc.integer({ min: -400, max: 400 }), (a, k) => {
        const b = fromEpochDay(epochDay(a) + k);
        let count = 0;
        const [lo, hi] = k >= 0 ? [epochDay(a), epochDay(b)] : [epochDay(b), epochDay(a)];
        for (let x = lo + 1; x <= hi; x++) if (cal.isWorkingDay(fromEpochDay(x))) count++;
        return cal.workingDaysBetween(a, b) === (k >= 0 ? count : -count);
      }),
      { numRuns: 200 },
    );
  });

  it('no week has fewer working days than a Tet break leaves (never more than 9 days off in a row)', () => {
    fc.assert(
      fc.property(aDate, (d: CivilDate) => {
        let run = 0;
        for (let x = epochDay(d), i = 0; i < 10; i++, x++) run = cal.isWorkingDay(fromEpochDay(x)) ? 0 : run + 1;
        return run < 10;
      }),
    );
  });
});

describe('periods (Civil Code 2015 Arts. 147-148)', () => {
  const anInstant = fc
    .integer({ min: Date.parse('2014-01-02T00:00:00Z'), max: Date.parse('2199-06-30T00:00:00Z') })
    .map((ms) => new Date(ms).toISOString());

  it('a period in days never ends before its nominal last day, and ends on a working day when it moved', () => {
    fc.assert(
      fc.property(anInstant, fc.integer({ min: 1, max: 30 }), (at, n) => {
        const r = periodEnd(at, days(n));
        if (r._tag === 'Left') return false;
        const { triggeredOn, lastDay, movedFrom } = r.right;
        const nominal = fromEpochDay(epochDay(triggeredOn) + n);
        return movedFrom === undefined
          ? lastDay === nominal && cal.isWorkingDay(lastDay)
          : movedFrom === nominal && lastDay > nominal && cal.isWorkingDay(lastDay);
      }),
    );
  });

  it('a period in working days ends on the N-th working day after the day of the event', () => {
    fc.assert(
      fc.property(anInstant, fc.integer({ min: 1, max: 15 }), (at, n) => {
        const r = periodEnd(at, workingDays(n));
        return (
          r._tag === 'Right' &&
          cal.workingDaysBetween(r.right.triggeredOn, r.right.lastDay) === n &&
          cal.isWorkingDay(r.right.lastDay)
        );
      }),
    );
  });
});

describe('independence from the host time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the same period ends under any TZ', () => {
    const zones = ['UTC', 'Asia/Ho_Chi_Minh', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-12-31T00:00:00Z') }),
        fc.integer({ min: 0, max: 15 }),
        (ms, n) => {
          const at = new Date(ms).toISOString();
          const results = zones.map((tz) => {
            process.env.TZ = tz;
            return JSON.stringify([periodEnd(at, workingDays(n)), periodEnd(at, days(n))]);
          });
          return results.every((r) => r === results[0]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
