import { describe, expect, it } from 'vitest';
import { main } from './canForeignerOptOut.js';

const run = async (): Promise<string[]> => {
  const lines: string[] = [];
  await main((l) => lines.push(l.replace(/\s+/g, ' ').trim()));
  return lines;
};

describe('"Can a foreigner opt out?" (seed 000)', () => {
  it('answers with a lock at her own request (Art. 15(2)(a)), after which a login is refused', async () => {
    const lines = await run();
    expect(lines).toContain('#4 AccountLocked 69/2024/ND-CP Art. 15(2)(a) ground: own-request');
    expect(lines).toContain('refused AccountLocked: the account is locked (own-request) (69/2024/ND-CP Art. 15)');
    expect(lines).toContain('opt-out exists: false');
    expect(lines).toContain('asked to be locked: true; locked now: true');
    expect(lines).toContain(
      'clauses: 69/2024/ND-CP Art. 15(2)(a); 69/2024/ND-CP Art. 15(3)(a); 69/2024/ND-CP Art. 17(1); 69/2024/ND-CP Art. 17(2)',
    );
  });

  it('keeps identity events forever (Art. 17(1)) and logins at least 5 years (Art. 17(2))', async () => {
    const lines = await run();
    expect(lines.find((l) => l.startsWith('identity:'))).toBe(
      'identity: 5 events, retention eternal (69/2024/ND-CP Art. 17(1)): AccountRequested x1, IdentityVerified x1, AccountGranted x1, AccountActivated x1, AccountLocked x1',
    );
    expect(lines.find((l) => l.startsWith('logins:'))).toBe(
      'logins: 2, the last at 2025-07-21T15:30:00+07:00, kept at least until 2030-07-21T15:30:00+07:00 (69/2024/ND-CP Art. 17(2))',
    );
  });

  it('prints the raw streams hash-chained, and a store with no operation that deletes', async () => {
    const lines = await run();
    const raw = lines.filter((l) => l.startsWith('@'));
    expect(raw.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      '@0 AccountRequested',
      '@1 IdentityVerified',
      '@2 AccountGranted',
      '@3 AccountActivated',
      '@4 AccountLocked',
      '@0 LoginRecorded',
      '@1 LoginRecorded',
    ]);
    // Each event's previous hash is the hash of the one before it in its stream.
    const hashes = raw.map((l) => /hash (\w+)… previous (\w+)…/.exec(l)?.slice(1) ?? []);
    expect(hashes[1]?.[1]).toBe(hashes[0]?.[0]);
    expect(hashes[4]?.[1]).toBe(hashes[3]?.[0]);
    expect(hashes[6]?.[1]).toBe(hashes[5]?.[0]);
    const ops = lines.find((l) => l.startsWith("The store's operations:")) ?? '';
    expect(ops).toContain('append');
    expect(ops.split('—')[0]).not.toMatch(/delete|remove|truncate|purge|update/i);
  });
});
