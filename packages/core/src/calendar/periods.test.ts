import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type PeriodEnd, days, periodEnd, workingDays } from './periods.js';

const end = (at: string, p: ReturnType<typeof days>): PeriodEnd => {
  const r = periodEnd(at, p);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

describe('periods in working days (Decree 69/2024/ND-CP Art. 13, 15(2)(d)-(dd))', () => {
  it('a level-2 dossier received Fri 24 Jan 2025 is due 3 working days later, after the Tet break', () => {
    const r = end('2025-01-24T15:00:00+07:00', workingDays(3));
    expect(r.triggeredOn).toBe('2025-01-24');
    expect(r.lastDay).toBe('2025-02-05');
    expect(r.endsAt).toBe('2025-02-06T00:00:00+07:00');
    expect(r.endsAtMs).toBe(Date.parse('2025-02-05T17:00:00Z'));
  });

  it('counts working days after the triggering day even when it is received on a weekend', () => {
    expect(end('2025-04-26T09:00:00+07:00', workingDays(1)).lastDay).toBe('2025-04-28'); // make-up Saturday: Mon
    expect(end('2025-04-27T09:00:00+07:00', workingDays(1)).lastDay).toBe('2025-04-28');
    expect(end('2025-04-29T09:00:00+07:00', workingDays(1)).lastDay).toBe('2025-05-05');
  });

  it('takes the day of the instant in Vietnam, not in UTC', () => {
    // 18:00 UTC on Thursday is already Friday 01:00 in Vietnam.
    expect(end('2025-03-13T18:00:00Z', workingDays(1)).lastDay).toBe('2025-03-17');
    expect(end('2025-03-13T16:59:59Z', workingDays(1)).lastDay).toBe('2025-03-14');
  });
});

describe('periods in days (Civil Code 2015 Arts. 147-148; Decree Art. 14(1), 13(4)(b))', () => {
  it('7 days after a notice received on Monday 3 March 2025 end at 24:00 on Monday 10 March', () => {
    const r = end('2025-03-03T10:00:00+07:00', days(7));
    expect(r.lastDay).toBe('2025-03-10');
    expect(r.movedFrom).toBeUndefined();
  });

  it('a last day on a weekend moves to the end of the next working day (Art. 148(5))', () => {
    const r = end('2025-03-01T10:00:00+07:00', days(7)); // Sat + 7 = Sat 8 March
    expect(r.movedFrom).toBe('2025-03-08');
    expect(r.lastDay).toBe('2025-03-10');
  });

  it('a last day in the Tet break moves past the whole break', () => {
    const r = end('2025-01-20T10:00:00+07:00', days(7)); // Mon 27 Jan, Tet
    expect(r.lastDay).toBe('2025-02-03');
    expect(r.movedFrom).toBe('2025-01-27');
  });

  it('a period of 0 ends with the day of the event', () => {
    expect(end('2025-03-01T10:00:00+07:00', days(0)).lastDay).toBe('2025-03-01');
  });
});

describe('bad input', () => {
  it('names the instant that is not ISO 8601 with an offset', () => {
    const r = periodEnd('yesterday', days(7));
    expect(E.isLeft(r) && r.left.message).toContain('yesterday');
  });
  it('refuses negative and fractional lengths', () => {
    expect(E.isLeft(periodEnd('2025-03-01T10:00:00+07:00', days(-1)))).toBe(true);
    expect(E.isLeft(periodEnd('2025-03-01T10:00:00+07:00', workingDays(1.5)))).toBe(true);
  });
  it('refuses a date outside the calendar', () => {
    const r = periodEnd('2199-12-30T10:00:00+07:00', days(7));
    expect(E.isLeft(r) && r.left.code).toBe('OutOfRange');
  });
});
