import { describe, expect, it } from 'vitest';
import { main } from './foreignerCampaign.js';

const run = async (): Promise<string[]> => {
  const lines: string[] = [];
  await main((l) => lines.push(l.replace(/\s+/g, ' ').trim()));
  return lines;
};

describe('the 2025 campaign example (seed 002)', () => {
  it("refuses a dossier without the officer's confirmation of consent, under Art. 11(2)(c)", async () => {
    const lines = await run();
    expect(lines).toContain(
      "refused ConsentNotConfirmed: the receiving officer confirms the foreigner's consent to register (Decision 5349/QD-BCA-C06, step 3) (69/2024/ND-CP Art. 11(2)(c))",
    );
  });

  it('gives 3 working days with biometrics on file (Art. 13(3)(b)) and 7 without (Art. 13(3)(c))', async () => {
    const lines = await run();
    const requested = lines.filter((l) => l.includes('AccountRequested'));
    expect(requested).toEqual([
      '#0 AccountRequested 69/2024/ND-CP Art. 11(2) grant.foreigner.level2.biometricsOnFile: due by the end of 2025-07-07 (69/2024/ND-CP Art. 13(3)(b))',
      '#0 AccountRequested 69/2024/ND-CP Art. 11(2) grant.foreigner.level2.biometricsNotOnFile: due by the end of 2025-07-11 (69/2024/ND-CP Art. 13(3)(c))',
    ]);
    // From Wednesday 2 July 2025: Thu 3, Fri 4, Mon 7 / ... Fri 11 July; the period ends at 24:00 ICT.
    expect(lines).toContain('due 2025-07-08T00:00:00+07:00, i.e. 24:00 ICT on 2025-07-07');
    expect(lines).toContain('due 2025-07-12T00:00:00+07:00, i.e. 24:00 ICT on 2025-07-11');
    expect(lines).toContain('Anna Schmidt biometrics on file: yes 3 working days (69/2024/ND-CP Art. 13(3)(b))');
    expect(lines).toContain('Kenji Sato biometrics on file: no 7 working days (69/2024/ND-CP Art. 13(3)(c))');
  });

  it('verifies, grants with notification (Art. 11(2)(dd)) and activates on the app (Art. 14(1)), both in time', async () => {
    const lines = await run();
    expect(lines.filter((l) => l.includes('IdentityVerified'))).toHaveLength(2);
    expect(lines.filter((l) => l.includes('IdentityVerified')).every((l) => l.includes('Art. 11(2)(c)'))).toBe(true);
    expect(lines.filter((l) => l.includes('AccountGranted'))).toEqual([
      '#2 AccountGranted 69/2024/ND-CP Art. 11(2)(dd) level 2, within the limit ending with 2025-07-07',
      '#2 AccountGranted 69/2024/ND-CP Art. 11(2)(dd) level 2, within the limit ending with 2025-07-11',
    ]);
    expect(lines.filter((l) => l.includes('AccountActivated'))).toEqual([
      '#3 AccountActivated 69/2024/ND-CP Art. 14(1) on the app, window ending with 2025-07-11',
      '#3 AccountActivated 69/2024/ND-CP Art. 14(1) on the app, window ending with 2025-07-17',
    ]);
    expect(lines.filter((l) => l.startsWith('granted '))).toEqual([
      'granted 2025-07-04 10:00; status at the end of July: activated',
      'granted 2025-07-10 15:00; status at the end of July: activated',
    ]);
    expect(lines.at(-1)).toContain('No fee is charged (Art. 27)');
  });
});
