import { describe, expect, it } from 'vitest';
import { runForeignerLifecycle } from './foreignerLifecycle.js';

describe("the foreigner's lifecycle example (npm start)", () => {
  it('tells each step with the clause that authorised it', async () => {
    const lines = (await runForeignerLifecycle()).map((l) => l.replace(/\s+/g, ' ').trim());
    const events = lines.filter((l) => l.startsWith('#'));
    expect(events).toEqual([
      '#0 AccountRequested 69/2024/ND-CP Art. 11(2) due by the end of 2025-07-07 (69/2024/ND-CP Art. 13(3)(b))',
      '#1 IdentityVerified 69/2024/ND-CP Art. 11(2)(c)',
      '#2 AccountGranted 69/2024/ND-CP Art. 11(2)(dd) level 2, within the limit',
      '#3 AccountActivated 69/2024/ND-CP Art. 14(1) on the app, within the window ending with 2025-07-11',
      '#4 AccountLocked 69/2024/ND-CP Art. 15(2)(a) ground: travel-document-expired',
      '#5 IdentityUpdated 69/2024/ND-CP Art. 8(1)',
      '#6 AccountUnlocked 69/2024/ND-CP Art. 15(3)(a) ground: travel-document-expired',
    ]);
    expect(lines.filter((l) => l.startsWith('status:'))).toEqual([
      'status: requested',
      'status: verified',
      'status: granted',
      'status: activated',
      'status: locked',
      'status: activated',
    ]);
    expect(lines.at(-1)).toContain('7 events');
  });
});
