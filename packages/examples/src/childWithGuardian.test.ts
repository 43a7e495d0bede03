import { describe, expect, it } from 'vitest';
import { main } from './childWithGuardian.js';

const run = async (): Promise<string[]> => {
  const lines: string[] = [];
  await main((l) => lines.push(l.replace(/\s+/g, ' ').trim()));
  return lines;
};

describe("the child's account example (Art. 14(2))", () => {
  it('lets only the guardian register a 10-year-old, under Art. 10(1)(d), within 1 working day (Art. 13(1)(a))', async () => {
    const lines = await run();
    expect(lines).toContain(
      'refused GuardianRequired: this person is registered by their guardian or representative (69/2024/ND-CP Art. 10(1)(d))',
    );
    expect(lines).toContain(
      '#0 AccountRequested 69/2024/ND-CP Art. 10(1)(d) grant.citizen.level1: due by the end of 2025-07-08 (69/2024/ND-CP Art. 13(1)(a))',
    );
    expect(lines).toContain(
      '#2 AccountGranted 69/2024/ND-CP Art. 10(1)(c) level 1, within the limit ending with 2025-07-08',
    );
    expect(lines).toContain('#3 AccountActivated 69/2024/ND-CP Art. 14(1) on the app, window ending with 2025-07-15');
  });

  it("refuses the child's login without his guardian's consent and records it with the consent", async () => {
    const lines = await run();
    const refusal =
      "refused GuardianConsentMissing: the use of this account needs the guardian's or representative's consent (69/2024/ND-CP Art. 14(2))";
    const steps = lines.filter((l) => l === refusal || /^#\d+ (LoginRecorded|GuardianConsent)/.test(l));
    expect(steps).toEqual([
      refusal,
      '#4 GuardianConsentGiven 69/2024/ND-CP Art. 14(2) by 001185004567',
      '#0 LoginRecorded 69/2024/ND-CP Art. 17(2) authentication level 1 with password',
      '#1 LoginRecorded 69/2024/ND-CP Art. 17(2) authentication level 1 with password',
      '#5 GuardianConsentWithdrawn 69/2024/ND-CP Art. 14(2) by 001185004567',
      refusal,
    ]);
  });

  it('shows the two logins to the guardian, refuses them to a stranger (Art. 17(2)), and the audit finds nothing', async () => {
    const lines = await run();
    expect(lines).toContain('2025-07-10T16:00:00+07:00 by subject 001215000321 level 1 (69/2024/ND-CP Art. 20(1)(a))');
    expect(lines).toContain('2025-07-11T09:00:00+07:00 by guardian 001185004567 level 1 (69/2024/ND-CP Art. 20(1)(a))');
    expect(lines.find((l) => l.startsWith('another guardian asks'))).toContain('may not read the login history');
    expect(lines.at(-1)).toMatch(/^The audit finds 0 findings in 8 events/);
  });
});
