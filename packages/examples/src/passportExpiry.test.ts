import { describe, expect, it } from 'vitest';
import { main } from './passportExpiry.js';

const run = async (): Promise<string[]> => {
  const lines: string[] = [];
  await main((l) => lines.push(l.replace(/\s+/g, ' ').trim()));
  return lines;
};

const lockSteps = (lines: readonly string[]): string[] =>
  lines.filter((l) => /^#\d+ (AccountLocked|AccountUnlocked|LockGroundAdded|LockGroundCeased)/.test(l));

describe('the passport expiry example (Art. 15(2)(a), 15(3)(a))', () => {
  it("locks Anna's account when her passport expires and unlocks it when the renewal arrives", async () => {
    const lines = await run();
    const anna = lines.slice(
      0,
      lines.findIndex((l) => l.startsWith('Marco:')),
    );
    expect(lockSteps(anna)).toEqual([
      '#4 AccountLocked 69/2024/ND-CP Art. 15(2)(a) ground: travel-document-expired',
      '#6 AccountUnlocked 69/2024/ND-CP Art. 15(3)(a) ground: travel-document-expired',
    ]);
    expect(anna).toContain('#5 IdentityUpdated 69/2024/ND-CP Art. 8(1) from the National Immigration Database');
  });

  it("keeps Marco's account locked until both his passport and his residence card are renewed", async () => {
    const lines = await run();
    const marco = lines.slice(
      lines.findIndex((l) => l.startsWith('Marco:')),
      lines.findIndex((l) => l.startsWith('The lock register')),
    );
    expect(lockSteps(marco)).toEqual([
      '#4 AccountLocked 69/2024/ND-CP Art. 15(2)(a) ground: travel-document-expired',
      '#5 LockGroundAdded 69/2024/ND-CP Art. 15(2)(a) ground: residence-expired',
      '#7 LockGroundCeased 69/2024/ND-CP Art. 15(3)(a) ground: travel-document-expired',
      '#9 AccountUnlocked 69/2024/ND-CP Art. 15(3)(a) ground: residence-expired',
    ]);
    expect(marco.filter((l) => l.startsWith('status:'))).toEqual([
      'status: requested',
      'status: verified',
      'status: granted',
      'status: activated',
      'status: locked',
      'status: locked',
      'status: locked',
      'status: activated',
    ]);
  });

  it('prints the lock register as of each instant and what happened to each', async () => {
    const lines = await run();
    const i22 = lines.indexOf('The lock register as of 2025-07-22T12:00:00+07:00: 1 locked account(s)');
    expect(lines[i22 + 1]).toBe(
      '900000000202: travel-document-expired (69/2024/ND-CP Art. 15(2)(a)), residence-expired (69/2024/ND-CP Art. 15(2)(a))',
    );
    const i24 = lines.indexOf('The lock register as of 2025-07-24T12:00:00+07:00: 1 locked account(s)');
    expect(lines[i24 + 1]).toBe('900000000202: residence-expired (69/2024/ND-CP Art. 15(2)(a))');
    const end = lines.slice(lines.indexOf('The lock register at the end of July 2025 (whatHappened):'));
    expect(end).toEqual([
      'The lock register at the end of July 2025 (whatHappened):',
      '900000000201: not locked',
      '2025-07-16T00:05:00+07:00 locked travel-document-expired 69/2024/ND-CP Art. 15(2)(a) by system',
      '2025-07-18T11:00:00+07:00 unlocked travel-document-expired 69/2024/ND-CP Art. 15(3)(a) by system',
      '900000000202: not locked',
      '2025-07-16T00:05:00+07:00 locked travel-document-expired 69/2024/ND-CP Art. 15(2)(a) by system',
      '2025-07-21T00:05:00+07:00 ground-added residence-expired 69/2024/ND-CP Art. 15(2)(a) by system',
      '2025-07-23T11:00:00+07:00 ground-ceased travel-document-expired 69/2024/ND-CP Art. 15(3)(a) by system',
      '2025-07-28T15:00:00+07:00 unlocked residence-expired 69/2024/ND-CP Art. 15(3)(a) by system',
      'locked accounts: 0',
    ]);
  });
});
