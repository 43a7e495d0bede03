import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { formatCitation } from '../decree/citation.js';
import { aCitizen, actors, aForeigner, cmd, level2InPerson } from '../testing/fixtures.js';
import type { AccountCommand } from './commands.js';
import { accountDecider } from './decide.js';
import { accountStatus, initialState } from './state.js';
import { run } from '../../test/helpers.js';

describe("a foreigner's level-2 account (Arts. 7(2), 11(2), 13(3)(b), 14(1), 15(2)(a), 15(3)(a))", () => {
  // Passport valid through 9 January 2030, temporary residence card through 30 June 2030.
  const anna = aForeigner({
    residenceCard: { type: 'temporary', number: 'TT-123456', expiresOn: '2030-06-30' as never },
  });
  const lifecycle: AccountCommand[] = [
    cmd({ type: 'RequestAccount', at: '2025-07-02T09:00:00+07:00', by: actors.officer, request: level2InPerson(anna) }),
    cmd({
      type: 'VerifyIdentity',
      at: '2025-07-02T09:10:00+07:00',
      by: actors.officer,
      outcome: {
        result: 'verified',
        verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: true },
      },
    }),
    cmd({ type: 'GrantAccount', at: '2025-07-04T10:00:00+07:00', by: actors.agency }),
    cmd({ type: 'ActivateAccount', at: '2025-07-05T08:00:00+07:00', by: actors.subject, channel: 'app' }),
  ];

  it('goes from request to activation, each event citing its clause', () => {
    const { state, events } = run(lifecycle);
    expect(events.map((e) => `${e.type} ${formatCitation(e.legalBasis)}`)).toEqual([
      'AccountRequested 69/2024/ND-CP Art. 11(2)',
      'IdentityVerified 69/2024/ND-CP Art. 11(2)(c)',
      'AccountGranted 69/2024/ND-CP Art. 11(2)(dd)',
      'AccountActivated 69/2024/ND-CP Art. 14(1)',
    ]);
    const requested = events[0];
    expect(requested?.type === 'AccountRequested' && requested.dueBy).toBe('2025-07-08T00:00:00+07:00'); // 3 WD: Thu 3, Fri 4, Mon 7
    expect(accountStatus(state)).toBe('activated');
  });

  it('is locked when the passport expires and unlocked when it is renewed', () => {
    const { state } = run(lifecycle);
    const expired = run(
      [cmd({ type: 'ReviewLockGrounds', at: '2030-01-10T00:05:00+07:00', by: actors.system })],
      state,
    );
    expect(expired.events.map((e) => e.type)).toEqual(['AccountLocked']);
    expect(expired.state.lockGrounds).toEqual(['travel-document-expired']);
    const renewed = {
      ...anna,
      travelDocument: { ...anna.travelDocument, number: 'C99', expiresOn: '2040-01-01' as never },
    };
    const after = run(
      [
        cmd({
          type: 'UpdateIdentity',
          at: '2030-01-12T09:00:00+07:00',
          by: actors.system,
          subject: renewed,
          source: 'National Immigration Database',
        }),
      ],
      expired.state,
    );
    expect(after.events.map((e) => e.type)).toEqual(['IdentityUpdated', 'AccountUnlocked']);
    expect(accountStatus(after.state)).toBe('activated');
  });

  it('stays locked while the residence has also expired', () => {
    const { state } = run(lifecycle);
    const both = run([cmd({ type: 'ReviewLockGrounds', at: '2030-07-01T00:05:00+07:00', by: actors.system })], state);
    expect(both.state.lockGrounds).toEqual(['travel-document-expired', 'residence-expired']);
    const passportOnly = { ...anna, travelDocument: { ...anna.travelDocument, expiresOn: '2040-01-01' as never } };
    const after = run(
      [
        cmd({
          type: 'UpdateIdentity',
          at: '2030-07-02T09:00:00+07:00',
          by: actors.system,
          subject: passportOnly,
          source: 'NIDB',
        }),
      ],
      both.state,
    );
    expect(after.events.map((e) => e.type)).toEqual(['IdentityUpdated', 'LockGroundCeased']);
    expect(accountStatus(after.state)).toBe('locked');
  });

  it('refuses a level-2 account to a foreigner under six (Art. 7(2))', () => {
    const child = aForeigner({ dateOfBirth: '2021-01-01' as never });
    const r = accountDecider.decide(
      cmd({
        type: 'RequestAccount',
        at: '2025-07-02T09:00:00+07:00',
        by: actors.officer,
        request: level2InPerson(child),
      }),
      initialState,
    );
    expect(E.isLeft(r) && r.left).toMatchObject({ code: 'LevelNotAllowed', citation: { article: 7, clause: 2 } });
  });
});

describe("a citizen's electronic identity card follows the identity card (Arts. 28(2), 29(1), 30(1), 15(1))", () => {
  const an = aCitizen();
  const granted = run([
    cmd({ type: 'RequestAccount', at: '2025-07-02T09:00:00+07:00', by: actors.officer, request: level2InPerson(an) }),
    cmd({
      type: 'VerifyIdentity',
      at: '2025-07-02T09:10:00+07:00',
      by: actors.officer,
      outcome: {
        result: 'verified',
        verification: { against: 'identity-database', faceMatched: true, fingerprintsMatched: true },
      },
    }),
    cmd({ type: 'GrantAccount', at: '2025-07-03T10:00:00+07:00', by: actors.agency }),
  ]);

  it('a seized card locks the electronic identity card and the account; its return unlocks both (Art. 30(1))', () => {
    expect(granted.events.map((e) => e.type)).toContain('ElectronicIdentityCardIssued');
    const seized = { ...an, identityCard: { ...an.identityCard!, status: 'seized' as const } };
    const locked = run(
      [
        cmd({
          type: 'UpdateIdentity',
          at: '2025-08-01T09:00:00+07:00',
          by: actors.system,
          subject: seized,
          source: 'Identity Database',
        }),
      ],
      granted.state,
    );
    expect(locked.events.map((e) => `${e.type} ${formatCitation(e.legalBasis)}`)).toEqual([
      'IdentityUpdated 69/2024/ND-CP Art. 8(1)',
      'ElectronicIdentityCardLocked 69/2024/ND-CP Art. 29(1)',
      'AccountLocked 69/2024/ND-CP Art. 15(1)',
    ]);
    const returned = run(
      [
        cmd({
          type: 'UpdateIdentity',
          at: '2025-09-01T09:00:00+07:00',
          by: actors.system,
          subject: an,
          source: 'Identity Database',
        }),
      ],
      locked.state,
    );
    expect(returned.events.map((e) => `${e.type} ${formatCitation(e.legalBasis)}`)).toEqual([
      'IdentityUpdated 69/2024/ND-CP Art. 8(1)',
      'ElectronicIdentityCardUnlocked 69/2024/ND-CP Art. 30(1)',
      'AccountUnlocked 69/2024/ND-CP Art. 15(1)',
    ]);
    expect(accountStatus(returned.state)).toBe('granted');
  });
});
