import { describe, expect, it } from 'vitest';
import { main } from './organisationAndAgency.js';

const run = async (): Promise<string[]> => {
  const lines: string[] = [];
  await main((l) => lines.push(l.replace(/\s+/g, ' ').trim()));
  return lines;
};

describe('the organisation and competent agency example', () => {
  it('grants the organisation within 3 working days (Art. 13(4)(a)) under Art. 12(3)', async () => {
    const lines = await run();
    expect(lines).toContain(
      '#0 AccountRequested 69/2024/ND-CP Art. 12(1) grant.organisation.inDatabases: due by the end of 2025-07-04 (69/2024/ND-CP Art. 13(4)(a))',
    );
    expect(lines).toContain('#1 IdentityVerified 69/2024/ND-CP Art. 12(2) against the national databases');
    expect(lines).toContain(
      '#2 AccountGranted 69/2024/ND-CP Art. 12(3) no level (organisation), within the limit ending with 2025-07-04',
    );
  });

  it('shows the Form TK03 request overdue, 2 working days late, in the deadlines read model (Art. 15(2)(d))', async () => {
    const lines = await run();
    expect(lines).toContain(
      '#4 AgencyRequestReceived 69/2024/ND-CP Art. 15(2)(c) TK03-2025-017 (lock account) from Investigation Police Agency, Hanoi; forward by the end of 2025-07-14',
    );
    expect(lines).toContain(
      '0109876543 forward:TK03-2025-017: owed by public-security, due 2025-07-15T00:00:00+07:00 (end of 2025-07-14), 2 working days late (69/2024/ND-CP Art. 15(2)(d))',
    );
    expect(lines).toContain(
      '#5 AgencyRequestForwarded 69/2024/ND-CP Art. 15(2)(d) TK03-2025-017, LATE; decide by the end of 2025-07-21',
    );
  });

  it('locks on approval (Art. 15(2)(dd)) and adds the dissolution ground (Art. 15(2)(b)) from the database (Art. 8(2))', async () => {
    const lines = await run();
    expect(lines).toContain('#7 AccountLocked 69/2024/ND-CP Art. 15(2)(dd) ground: competent-agency-request');
    expect(lines).toContain(
      '#8 IdentityUpdated 69/2024/ND-CP Art. 8(2) from the National Enterprise Registration Database',
    );
    expect(lines).toContain('#9 LockGroundAdded 69/2024/ND-CP Art. 15(2)(b) ground: ceased-operation');
    expect(lines).toContain(
      'competent-agency-request since 2025-07-18T10:00:00+07:00 69/2024/ND-CP Art. 15(2)(dd) asked by Investigation Police Agency, Hanoi (TK03-2025-017)',
    );
    expect(lines).toContain(
      'ceased-operation since 2025-08-05T08:00:00+07:00 69/2024/ND-CP Art. 15(2)(b) asked by system',
    );
  });

  it('reports the late forwarding as the only audit finding, agency.forward-late', async () => {
    const lines = await run();
    expect(lines).toContain('The audit as of 2025-08-31: 1 finding(s)');
    expect(lines).toContain(
      '[lateness] agency.forward-late — 69/2024/ND-CP Art. 15(2)(d) — subject-0109876543@5 — 2025-07-17T09:00:00+07:00',
    );
  });
});
