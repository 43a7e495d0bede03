import { art } from '@dinhdanh/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { checkLoginPurge } from './loginHistory.js';

describe('login retention (Art. 17(2))', () => {
  it('for any login and any instant, a login purgeable then is at least five calendar years old (Art. 17(2))', () => {
    const instant = fc
      .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2040-12-31T00:00:00Z') })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(instant, instant, (loginAt, asOf) => {
        const purge = checkLoginPurge(loginAt, asOf);
        const fiveYearsOn = new Date(loginAt);
        fiveYearsOn.setUTCFullYear(fiveYearsOn.getUTCFullYear() + 5);
        // Calendar years in Vietnam (UTC+7) and in UTC differ only around 29 February; allow that day.
        if (E.isRight(purge)) expect(Date.parse(asOf)).toBeGreaterThanOrEqual(fiveYearsOn.getTime() - 86_400_000);
        if (Date.parse(asOf) < fiveYearsOn.getTime() - 86_400_000)
          expect(purge).toMatchObject(E.left({ _tag: 'RetentionViolation', legalBasis: art(17, 2) }));
      }),
      { numRuns: 200 },
    );
  });
});
