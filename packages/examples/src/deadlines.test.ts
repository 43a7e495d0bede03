import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decreeDeadlines } from './deadlines.js';

describe('the deadlines example', () => {
  it('computes each decree deadline for a dossier received before the 2025 Tet break', () => {
    const r = decreeDeadlines('2025-01-24T15:00:00+07:00');
    if (E.isLeft(r)) throw new Error(r.left);
    const byId = new Map(r.right.deadlines.map((d) => [d.id, d]));
    expect(r.right.triggeredOn).toBe('2025-01-24');
    // Break Sat 25 Jan - Sun 2 Feb 2025 (Notice 6150/TB-BLDTBXH): working days resume Mon 3 Feb.
    expect(byId.get('grant.citizen.level1')).toMatchObject({
      lastDay: '2025-02-03',
      citation: '69/2024/ND-CP Art. 13(1)(a)',
    });
    expect(byId.get('grant.foreigner.level2.biometricsOnFile')?.lastDay).toBe('2025-02-05');
    expect(byId.get('grant.foreigner.level2.biometricsNotOnFile')?.lastDay).toBe('2025-02-11');
    // 7 days: Fri 31 Jan, inside the break: moves to Mon 3 Feb (Civil Code Art. 148(5)).
    expect(byId.get('activation.app')).toMatchObject({ lastDay: '2025-02-03', citation: '69/2024/ND-CP Art. 14(1)' });
    expect(byId.get('activation.app')?.note).toContain('2025-01-31');
    // 15 days: Sat 8 Feb -> Mon 10 Feb.
    expect(byId.get('grant.organisation.notInDatabases')?.lastDay).toBe('2025-02-10');
    expect(byId.get('agency.account.lock.decide')).toMatchObject({
      lastDay: '2025-02-04',
      citation: '69/2024/ND-CP Art. 15(2)(dd)',
    });
  });

  it('names a malformed instant', () => {
    const r = decreeDeadlines('24/01/2025');
    expect(E.isLeft(r) && r.left).toContain('24/01/2025');
  });
});
