import { art } from '@dinhdanh/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { checkLoginPurge, loginHistoryProjection, purgeableLogins, readLoginHistory } from './loginHistory.js';
import { ANNA, BEN, modelOf, record, story } from './story.testSupport.js';

const model = async () => modelOf(loginHistoryProjection, await record(story()));

describe('the login history (Art. 17(2))', () => {
  it('keeps each login with the authentication level its means reached (Art. 20(1)(b))', async () => {
    const logins = readLoginHistory(await model(), { reader: { role: 'subject', id: ANNA }, subjectId: ANNA });
    expect(logins).toEqual(
      E.right([
        expect.objectContaining({
          at: '2025-07-04T08:00:00+07:00',
          means: ['password', 'otpSoftware'],
          authenticationLevel: 2,
          levelBasis: art(20, 1, 'b'),
        }),
        expect.objectContaining({ at: '2025-07-20T08:00:00+07:00', authenticationLevel: 2 }),
      ]),
    );
  });

  it('is readable by the management agency', async () => {
    const r = readLoginHistory(await model(), { reader: { role: 'management-agency', id: 'C06' }, subjectId: ANNA });
    expect(E.isRight(r) && r.right.length).toBe(2);
  });

  it('is refused to anyone else, with an error citing Art. 17(2) and Art. 19(4)', async () => {
    const m = await model();
    for (const reader of [
      { role: 'subject', id: BEN },
      { role: 'competent-agency', id: 'a bank' },
      { role: 'guardian', id: 'guardian-of-someone-else' },
    ] as const) {
      const r = readLoginHistory(m, { reader, subjectId: ANNA });
      expect(r).toMatchObject(
        E.left({ _tag: 'LoginHistoryAccessDenied', reader, subjectId: ANNA, legalBasis: [art(17, 2), art(19, 4)] }),
      );
      if (E.isLeft(r)) {
        expect(r.left.message).toContain('69/2024/ND-CP Art. 17(2)');
        expect(r.left.message).toContain('69/2024/ND-CP Art. 19(4)');
      }
    }
  });

  it('nothing younger than five years may be purged (Art. 17(2))', async () => {
    const m = await model();
    expect(purgeableLogins(m, ANNA, '2030-07-04T07:59:59+07:00')).toEqual(E.right([]));
    expect(
      E.map((ls: readonly { at: string }[]) => ls.map((l) => l.at))(
        purgeableLogins(m, ANNA, '2030-07-04T08:00:00+07:00'),
      ),
    ).toEqual(E.right(['2025-07-04T08:00:00+07:00']));
    expect(checkLoginPurge('2025-07-04T08:00:00+07:00', '2030-07-04T08:00:00+07:00')).toEqual(
      E.right('2025-07-04T08:00:00+07:00'),
    );
    expect(checkLoginPurge('2025-07-20T08:00:00+07:00', '2030-07-04T08:00:00+07:00')).toMatchObject(
      E.left({
        _tag: 'RetentionViolation',
        latestLawfulCutoff: '2025-07-04T08:00:00+07:00',
        legalBasis: art(17, 2),
      }),
    );
  });
});
