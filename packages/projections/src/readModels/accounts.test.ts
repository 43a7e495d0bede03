import { art } from '@dinhdanh/core';
import { describe, expect, it } from 'vitest';
import { accountOf, accountsByGround, accountsByStatus, accountsProjection } from './accounts.js';
import { ANNA, BEN, CHI, DUC, EVA, evaLockedLater, modelOf, record, story } from './story.testSupport.js';

describe('the accounts read model: one row per subject', () => {
  it('a foreigner who asked to be locked: level 2, granted, activated, locked on her own request (Art. 15(2)(a))', async () => {
    const model = modelOf(accountsProjection, await record(story()));
    expect(accountOf(model, ANNA)).toMatchObject({
      subjectId: ANNA,
      kind: 'foreigner',
      level: 2,
      status: 'locked',
      grantedAt: '2025-07-03T10:00:00+07:00',
      activatedAt: '2025-07-03T12:00:00+07:00',
      activationChannel: 'app',
      electronicIdentityCard: null,
      guardian: null,
      lockGrounds: [
        {
          ground: 'own-request',
          since: '2025-08-01T20:00:00+07:00',
          legalBasis: art(15, 2, 'a'),
          by: { role: 'subject', id: 'subject' },
        },
      ],
    });
  });

  it('a verified request not yet decided, and a granted account not yet activated (Arts. 13, 14(1))', async () => {
    const model = modelOf(accountsProjection, await record(story()));
    expect(accountOf(model, BEN)).toMatchObject({
      status: 'verified',
      hasAccount: false,
      level: null,
      pending: {
        requestedAt: '2025-07-02T10:00:00+07:00',
        level: 1,
        dueBy: '2025-07-04T00:00:00+07:00',
        verified: true,
      },
    });
    expect(accountOf(model, CHI)).toMatchObject({ status: 'granted', level: 1, activatedAt: null, pending: null });
    expect(accountOf(model, 'nobody')).toBeUndefined();
  });

  it('answers by status and by ground, in subject order (Art. 15(2)(a), 15(2)(dd))', async () => {
    const model = modelOf(accountsProjection, await record([...story(), ...evaLockedLater()]));
    expect(accountsByStatus(model, 'locked').map((r) => r.subjectId)).toEqual([ANNA, EVA]);
    expect(accountsByStatus(model, 'activated').map((r) => r.subjectId)).toEqual([DUC]);
    expect(accountsByGround(model, 'own-request').map((r) => r.subjectId)).toEqual([ANNA]);
    expect(accountsByGround(model, 'competent-agency-request')).toMatchObject([
      {
        subjectId: EVA,
        lockGrounds: [
          {
            ground: 'competent-agency-request',
            since: '2025-08-04T10:00:00+07:00',
            legalBasis: art(15, 2, 'dd'),
            by: { role: 'management-agency', id: 'C06' },
          },
        ],
      },
    ]);
  });
});
