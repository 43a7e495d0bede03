import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { formatCitation } from '../decree/citation.js';
import type { Actor } from '../decree/competence.js';
import type { Applicant } from '../decree/procedures.js';
import {
  aCitizen,
  aForeigner,
  actors,
  anOrganisation,
  cmd,
  level1OnApp,
  level2InPerson,
  organisationOnApp,
} from '../testing/fixtures.js';
import type { AccountCommand } from './commands.js';
import { accountDecider } from './decide.js';
import type { AccountEvent } from './events.js';
import { fold } from './evolve.js';
import { type AccountState, accountStatus, initialState, isCardLocked, isLocked } from './state.js';
import type { Citizen, Foreigner } from './subject.js';
import { day, rejectedWith, rejection, run } from '../../test/helpers.js';

// Stories from the decree, told through `accountDecider.decide` and `fold`. Every event is checked with the clause it
// records as its legal basis, every rejection with its code and clause.

/** Each event as `Type(ground) <citation>`, the citation without the instrument. */
const basisOf = (events: readonly AccountEvent[]) =>
  events.map(
    (e) =>
      `${e.type}${'ground' in e ? `(${e.ground})` : ''} ${formatCitation(e.legalBasis).replace('69/2024/ND-CP ', '')}`,
  );

const decide = (c: AccountCommand, s: AccountState) => accountDecider.decide(c, s);

const faceOnly = (against: 'identity-database' | 'national-immigration-database') =>
  ({ result: 'verified', verification: { against, faceMatched: true, fingerprintsMatched: false } }) as const;
const faceAndFingerprints = (against: 'identity-database' | 'national-immigration-database') =>
  ({ result: 'verified', verification: { against, faceMatched: true, fingerprintsMatched: true } }) as const;

const guardianApplicant: Applicant = {
  role: 'guardian',
  personId: 'guardian-1',
  usesOwnPhone: true,
  hasLevel2Account: true,
  present: false,
};

/** A citizen aged 10 on 2 July 2025, with an identity card issued under the Law on Identity. */
const khoa: Citizen = aCitizen({
  personalIdentificationNumber: '001215000001',
  fullName: 'Nguyễn Minh Khoa',
  dateOfBirth: day('2015-01-10'),
  identityCard: { type: 'identity-card', number: '001215000001', validUntil: null, status: 'valid' },
});

describe('a 10-year-old citizen registered by the guardian (Arts. 7(1), 10(1)(d), 13(1)(a), 14(2))', () => {
  const registered = run([
    cmd({
      type: 'RequestAccount',
      at: '2025-07-02T09:00:00+07:00',
      by: actors.guardian,
      request: level1OnApp(khoa, { applicant: guardianApplicant }),
    }),
    cmd({
      type: 'VerifyIdentity',
      at: '2025-07-02T09:01:00+07:00',
      by: actors.system,
      outcome: faceOnly('identity-database'),
    }),
    cmd({ type: 'GrantAccount', at: '2025-07-02T15:00:00+07:00', by: actors.system }),
  ]);

  it('the guardian requests a level-1 account with their own phone and level-2 account; it is granted within 1 working day', () => {
    expect(basisOf(registered.events)).toEqual([
      'AccountRequested Art. 10(1)(d)',
      'IdentityVerified Art. 10(1)(c)',
      'AccountGranted Art. 10(1)(c)',
    ]);
    expect(registered.events[0]).toMatchObject({
      dueBy: '2025-07-04T00:00:00+07:00',
      timeLimitId: 'grant.citizen.level1',
    });
    expect(registered.events[2]).toMatchObject({ level: 1, late: false });
    expect(registered.state.card).toBeNull(); // level 1: no electronic identity card (Art. 28(2))
    expect(registered.state.subject).toEqual(khoa);
  });

  it('the guardian consents to the child’s use of the account and later withdraws the consent (Art. 14(2))', () => {
    const given = run(
      [cmd({ type: 'GiveGuardianConsent', at: '2025-07-03T08:00:00+07:00', by: actors.guardian })],
      registered.state,
    );
    expect(basisOf(given.events)).toEqual(['GuardianConsentGiven Art. 14(2)']);
    expect(given.state.guardianConsent).toBe('guardian-1');
    expect(
      rejection(
        decide(cmd({ type: 'GiveGuardianConsent', at: '2025-07-03T09:00:00+07:00', by: actors.guardian }), given.state),
      ),
    ).toEqual(rejectedWith('AlreadyConsented', 'Art. 14(2)'));

    const withdrawn = run(
      [cmd({ type: 'WithdrawGuardianConsent', at: '2025-09-01T08:00:00+07:00', by: actors.guardian })],
      given.state,
    );
    expect(basisOf(withdrawn.events)).toEqual(['GuardianConsentWithdrawn Art. 14(2)']);
    expect(withdrawn.state.guardianConsent).toBeNull();
    expect(
      rejection(
        decide(
          cmd({ type: 'WithdrawGuardianConsent', at: '2025-09-02T08:00:00+07:00', by: actors.guardian }),
          withdrawn.state,
        ),
      ),
    ).toEqual(rejectedWith('NoConsent', 'Art. 14(2)'));
  });

  it('the child cannot consent for themselves (Art. 14(2))', () => {
    const r = decide(
      cmd({ type: 'GiveGuardianConsent', at: '2025-07-03T08:00:00+07:00', by: actors.subject }),
      registered.state,
    );
    expect(rejection(r)).toEqual(rejectedWith('NotTheGuardian', 'Art. 14(2)'));
  });

  it('a person who is not this child’s guardian cannot consent, even acting in a guardian role (Art. 14(2): "their guardians")', () => {
    const stranger: Actor = { role: 'guardian', id: 'someone-else' };
    const r = decide(
      cmd({ type: 'GiveGuardianConsent', at: '2025-07-03T08:00:00+07:00', by: stranger }),
      registered.state,
    );
    expect(rejection(r)).toEqual(rejectedWith('NotTheGuardian', 'Art. 14(2)'));
  });

  it('no consent is asked for an adult with full capacity (Art. 14(2))', () => {
    const adult = run([
      cmd({
        type: 'RequestAccount',
        at: '2025-07-02T09:00:00+07:00',
        by: actors.subject,
        request: level1OnApp(aCitizen()),
      }),
      cmd({
        type: 'VerifyIdentity',
        at: '2025-07-02T09:01:00+07:00',
        by: actors.system,
        outcome: faceOnly('identity-database'),
      }),
      cmd({ type: 'GrantAccount', at: '2025-07-02T15:00:00+07:00', by: actors.system }),
    ]).state;
    const r = decide(cmd({ type: 'GiveGuardianConsent', at: '2025-07-03T08:00:00+07:00', by: actors.guardian }), adult);
    expect(rejection(r)).toEqual(rejectedWith('ConsentNotNeeded', 'Art. 14(2)'));
  });

  it('the child may not register alone (Art. 10(1)(d))', () => {
    const r = decide(
      cmd({ type: 'RequestAccount', at: '2025-07-02T09:00:00+07:00', by: actors.subject, request: level1OnApp(khoa) }),
      initialState,
    );
    expect(rejection(r)).toEqual(rejectedWith('GuardianRequired', 'Art. 10(1)(d)'));
  });
});

describe('a citizen’s level-2 account and electronic identity card (Arts. 10(2), 28(2), 29(2), 30(2), 15(1))', () => {
  const an = aCitizen();
  const granted = run([
    cmd({ type: 'RequestAccount', at: '2025-07-07T09:00:00+07:00', by: actors.officer, request: level2InPerson(an) }),
    cmd({
      type: 'VerifyIdentity',
      at: '2025-07-07T09:10:00+07:00',
      by: actors.officer,
      outcome: faceAndFingerprints('identity-database'),
    }),
    cmd({ type: 'GrantAccount', at: '2025-07-08T10:00:00+07:00', by: actors.agency }),
    cmd({ type: 'ActivateAccount', at: '2025-07-08T12:00:00+07:00', by: actors.subject, channel: 'app' }),
  ]);

  it('the level-2 grant issues the electronic identity card with it (Art. 28(2))', () => {
    expect(basisOf(granted.events)).toEqual([
      'AccountRequested Art. 10(2)',
      'IdentityVerified Art. 10(2)(c)',
      'AccountGranted Art. 10(2)(d)',
      'ElectronicIdentityCardIssued Art. 28(2)',
      'AccountActivated Art. 14(1)',
    ]);
    expect(granted.events[0]).toMatchObject({
      dueBy: '2025-07-11T00:00:00+07:00',
      timeLimitId: 'grant.citizen.level2',
    });
    expect(granted.state.card).toEqual({ issuedAt: '2025-07-08T10:00:00+07:00', lockGrounds: [] });
    expect(accountStatus(granted.state)).toBe('activated');
  });

  it('the citizen’s own request locks the card (Art. 29(2)), which locks the account (Art. 15(1)); unlocking undoes both (Art. 30(2))', () => {
    const locked = run(
      [cmd({ type: 'RequestLock', at: '2025-08-01T20:00:00+07:00', by: actors.subject })],
      granted.state,
    );
    expect(basisOf(locked.events)).toEqual([
      'ElectronicIdentityCardLocked(own-request) Art. 29(2)',
      'AccountLocked(electronic-identity-card-locked) Art. 15(1)',
    ]);
    expect(isCardLocked(locked.state) && isLocked(locked.state)).toBe(true);
    expect(
      rejection(
        decide(cmd({ type: 'RequestLock', at: '2025-08-01T21:00:00+07:00', by: actors.subject }), locked.state),
      ),
    ).toEqual(rejectedWith('AlreadyLocked', 'Art. 29(2)'));

    const unlocked = run(
      [cmd({ type: 'RequestUnlock', at: '2025-08-05T08:00:00+07:00', by: actors.subject })],
      locked.state,
    );
    expect(basisOf(unlocked.events)).toEqual([
      'ElectronicIdentityCardUnlocked(own-request) Art. 30(2)',
      'AccountUnlocked(electronic-identity-card-locked) Art. 15(1)',
    ]);
    expect(isCardLocked(unlocked.state) || isLocked(unlocked.state)).toBe(false);
    expect(accountStatus(unlocked.state)).toBe('activated');
  });

  it('an unlock request with nothing locked is refused (Art. 30(2))', () => {
    const r = decide(
      cmd({ type: 'RequestUnlock', at: '2025-08-05T08:00:00+07:00', by: actors.subject }),
      granted.state,
    );
    expect(rejection(r)).toEqual(rejectedWith('NoSuchGround', 'Art. 30(2)'));
  });

  it('a receiving officer cannot lodge the citizen’s own request in the citizen’s name', () => {
    const r = decide(cmd({ type: 'RequestLock', at: '2025-08-05T08:00:00+07:00', by: actors.officer }), granted.state);
    expect(rejection(r)).toEqual(rejectedWith('NotTheSubject', 'Art. 15(2)(a)'));
  });

  describe('the citizen dies (Law on Identity Art. 34(1)(d); Art. 29(1); Art. 15(1))', () => {
    const dead = { ...an, diedOn: day('2025-09-01') };
    const died = run(
      [
        cmd({
          type: 'UpdateIdentity',
          at: '2025-09-03T09:00:00+07:00',
          by: actors.system,
          subject: dead,
          source: 'Electronic Civil Status Database',
        }),
      ],
      granted.state,
    );

    it('the update locks the card and the account automatically', () => {
      expect(basisOf(died.events)).toEqual([
        'IdentityUpdated Art. 8(1)',
        'ElectronicIdentityCardLocked(death) Art. 29(1)',
        'AccountLocked(electronic-identity-card-locked) Art. 15(1)',
        'LockGroundAdded(death) Art. 15(1)',
      ]);
      expect(died.state.card?.lockGrounds).toEqual(['death']);
      expect(died.state.lockGrounds).toEqual(['electronic-identity-card-locked', 'death']);
    });

    it('the periodic review changes nothing', () => {
      expect(
        run([cmd({ type: 'ReviewLockGrounds', at: '2026-09-03T00:10:00+07:00', by: actors.system })], died.state)
          .events,
      ).toEqual([]);
    });

    it('an unlock request finds no own-request ground to withdraw (Art. 30(2))', () => {
      const r = decide(
        cmd({ type: 'RequestUnlock', at: '2025-09-04T09:00:00+07:00', by: actors.guardian }),
        died.state,
      );
      expect(rejection(r)).toEqual(rejectedWith('NoSuchGround', 'Art. 30(2)'));
    });

    it('an update that would erase the death is refused; the citizen’s ground is cited by Art. 15(1), not 15(2)(a), which is for foreigners', () => {
      const r = decide(
        cmd({
          type: 'UpdateIdentity',
          at: '2025-09-05T09:00:00+07:00',
          by: actors.system,
          subject: an,
          source: 'Identity Database',
        }),
        died.state,
      );
      expect(rejection(r)).toEqual(rejectedWith('DeathIsPermanent', 'Art. 15(1)'));
    });

    it('a renewed identity card does not unlock anything', () => {
      const renewed = { ...dead, identityCard: { ...an.identityCard!, validUntil: day('2045-01-01') } };
      const r = run(
        [
          cmd({
            type: 'UpdateIdentity',
            at: '2025-09-05T09:00:00+07:00',
            by: actors.system,
            subject: renewed,
            source: 'Identity Database',
          }),
        ],
        died.state,
      );
      expect(basisOf(r.events)).toEqual(['IdentityUpdated Art. 8(1)']);
      expect(isLocked(r.state) && isCardLocked(r.state)).toBe(true);
    });

    it('an approved competent agency’s request to unlock the card leaves it locked on death (Art. 30(5))', () => {
      const r = run(
        [
          cmd({
            type: 'ReceiveAgencyRequest',
            at: '2025-09-08T09:00:00+07:00',
            by: actors.police,
            requestId: 'TK03-U1',
            action: 'unlock',
            target: 'electronic-identity-card',
            agency: 'Provincial People’s Procuracy',
          }),
          cmd({
            type: 'ForwardAgencyRequest',
            at: '2025-09-08T10:00:00+07:00',
            by: actors.police,
            requestId: 'TK03-U1',
          }),
          cmd({
            type: 'DecideAgencyRequest',
            at: '2025-09-09T10:00:00+07:00',
            by: actors.agency,
            requestId: 'TK03-U1',
            decision: { approve: true },
          }),
        ],
        died.state,
      );
      expect(basisOf(r.events)).toEqual([
        'AgencyRequestReceived Art. 30(3)',
        'AgencyRequestForwarded Art. 30(4)',
        'AgencyRequestApproved Art. 30(5)',
      ]);
      expect(isLocked(r.state) && isCardLocked(r.state)).toBe(true);
    });
  });

  it('a competent agency’s request to lock a citizen’s card locks the account with it (Arts. 29(3)-(5); 15(1))', () => {
    const r = run(
      [
        cmd({
          type: 'ReceiveAgencyRequest',
          at: '2025-08-04T09:00:00+07:00',
          by: actors.police,
          requestId: 'TK03-C1',
          action: 'lock',
          target: 'electronic-identity-card',
          agency: 'Investigation Police Agency, Hanoi',
        }),
        cmd({ type: 'ForwardAgencyRequest', at: '2025-08-04T15:00:00+07:00', by: actors.police, requestId: 'TK03-C1' }),
        cmd({
          type: 'DecideAgencyRequest',
          at: '2025-08-05T10:00:00+07:00',
          by: actors.agency,
          requestId: 'TK03-C1',
          decision: { approve: true },
        }),
      ],
      granted.state,
    );
    expect(basisOf(r.events)).toEqual([
      'AgencyRequestReceived Art. 29(3)',
      'AgencyRequestForwarded Art. 29(4)',
      'AgencyRequestApproved Art. 29(5)',
      'ElectronicIdentityCardLocked(competent-agency-request) Art. 29(5)',
      'AccountLocked(electronic-identity-card-locked) Art. 15(1)',
    ]);
  });

  it('for a citizen, a competent agency asks to lock the card, not the account (Art. 29(3); Art. 15(1))', () => {
    const r = decide(
      cmd({
        type: 'ReceiveAgencyRequest',
        at: '2025-08-04T09:00:00+07:00',
        by: actors.police,
        requestId: 'TK03-C2',
        action: 'lock',
        target: 'account',
        agency: 'Investigation Police Agency, Hanoi',
      }),
      granted.state,
    );
    expect(rejection(r)).toEqual(rejectedWith('WrongTarget', 'Art. 29(3)'));
  });
});

describe('an organisation dissolved (Arts. 12, 13(4)(b), 15(2)(b))', () => {
  const org = anOrganisation({ inNationalDatabases: false });
  const dossier = {
    ...organisationOnApp(org),
    channel: 'dossier',
    form: 'TK02',
  } as const;

  it('a TK02 dossier, verified by the agency within 15 days, granted; locked when the organisation is dissolved', () => {
    const r = run([
      cmd({ type: 'RequestAccount', at: '2025-07-02T09:00:00+07:00', by: actors.officer, request: dossier }),
      cmd({
        type: 'VerifyIdentity',
        at: '2025-07-10T09:00:00+07:00',
        by: actors.agency,
        outcome: {
          result: 'verified',
          verification: { against: 'manual-verification', faceMatched: false, fingerprintsMatched: false },
        },
      }),
      cmd({ type: 'GrantAccount', at: '2025-07-15T09:00:00+07:00', by: actors.agency }),
      cmd({ type: 'ActivateAccount', at: '2025-07-16T09:00:00+07:00', by: actors.legalRepresentative, channel: 'app' }),
      cmd({
        type: 'UpdateIdentity',
        at: '2026-01-05T09:00:00+07:00',
        by: actors.system,
        subject: { ...org, status: 'dissolved' },
        source: 'National Enterprise Registration Database',
      }),
    ]);
    expect(basisOf(r.events)).toEqual([
      'AccountRequested Art. 12(1)',
      'IdentityVerified Art. 12(2)',
      'AccountGranted Art. 12(3)',
      'AccountActivated Art. 14(1)',
      'IdentityUpdated Art. 8(2)',
      'AccountLocked(ceased-operation) Art. 15(2)(b)',
    ]);
    // 15 days from 2 July 2025: Thursday 17 July.
    expect(r.events[0]).toMatchObject({
      dueBy: '2025-07-18T00:00:00+07:00',
      timeLimitId: 'grant.organisation.notInDatabases',
    });
    expect(accountStatus(r.state)).toBe('locked');
  });

  it('an update that names another subject is refused: the stream is one electronic identity subject (Art. 3(2))', () => {
    const s = run([
      cmd({ type: 'RequestAccount', at: '2025-07-02T09:00:00+07:00', by: actors.officer, request: dossier }),
    ]).state;
    const r = decide(
      cmd({
        type: 'UpdateIdentity',
        at: '2025-07-03T09:00:00+07:00',
        by: actors.system,
        subject: aCitizen(),
        source: 'x',
      }),
      s,
    );
    expect(rejection(r)).toEqual(rejectedWith('SubjectMismatch', 'Art. 3(2)'));
  });
});

/** A foreigner with a level-2 account, granted on Thursday 3 July 2025. */
const anna: Foreigner = aForeigner({
  residenceCard: { type: 'temporary', number: 'TT-123456', expiresOn: day('2030-06-30') },
});
const annaGranted = run([
  cmd({ type: 'RequestAccount', at: '2025-07-02T09:00:00+07:00', by: actors.officer, request: level2InPerson(anna) }),
  cmd({
    type: 'VerifyIdentity',
    at: '2025-07-02T09:10:00+07:00',
    by: actors.officer,
    outcome: faceAndFingerprints('national-immigration-database'),
  }),
  cmd({ type: 'GrantAccount', at: '2025-07-03T10:00:00+07:00', by: actors.agency }),
  cmd({ type: 'ActivateAccount', at: '2025-07-03T12:00:00+07:00', by: actors.subject, channel: 'app' }),
]);

describe('a competent agency’s Form TK03 request to lock a foreigner’s account (Art. 15(2)(c)-(dd), 15(3)(b)-(d))', () => {
  const court = 'Investigation Police Agency, Hanoi';
  // Received on Friday 11 July 2025 at 15:00: forward within 1 working day, by the end of Monday 14 July.
  const received = run(
    [
      cmd({
        type: 'ReceiveAgencyRequest',
        at: '2025-07-11T15:00:00+07:00',
        by: actors.police,
        requestId: 'TK03-2025-001',
        action: 'lock',
        target: 'account',
        agency: court,
      }),
    ],
    annaGranted.state,
  );
  // Forwarded on Tuesday 15 July: one working day late; decide within 2 working days, by the end of Thursday 17 July.
  const forwarded = run(
    [
      cmd({
        type: 'ForwardAgencyRequest',
        at: '2025-07-15T09:00:00+07:00',
        by: actors.police,
        requestId: 'TK03-2025-001',
      }),
    ],
    received.state,
  );

  it('is received with its forwarding deadline (15(2)(c)-(d))', () => {
    expect(basisOf(received.events)).toEqual(['AgencyRequestReceived Art. 15(2)(c)']);
    expect(received.events[0]).toMatchObject({ forwardBy: '2025-07-15T00:00:00+07:00' });
  });

  it('is forwarded late: accepted and recorded with late = true (15(2)(d); DESIGN idea 7)', () => {
    expect(basisOf(forwarded.events)).toEqual(['AgencyRequestForwarded Art. 15(2)(d)']);
    expect(forwarded.events[0]).toMatchObject({ late: true, decideBy: '2025-07-18T00:00:00+07:00' });
  });

  it('a forwarding within the working day is not late', () => {
    const r = run(
      [
        cmd({
          type: 'ForwardAgencyRequest',
          at: '2025-07-14T16:00:00+07:00',
          by: actors.police,
          requestId: 'TK03-2025-001',
        }),
      ],
      received.state,
    );
    expect(r.events[0]).toMatchObject({ late: false });
  });

  it('is approved: the account is locked on the competent agency’s request (15(2)(dd))', () => {
    const r = run(
      [
        cmd({
          type: 'DecideAgencyRequest',
          at: '2025-07-16T10:00:00+07:00',
          by: actors.agency,
          requestId: 'TK03-2025-001',
          decision: { approve: true },
        }),
      ],
      forwarded.state,
    );
    expect(basisOf(r.events)).toEqual([
      'AgencyRequestApproved Art. 15(2)(dd)',
      'AccountLocked(competent-agency-request) Art. 15(2)(dd)',
    ]);
    expect(r.events[0]).toMatchObject({ late: false });
    expect(r.state.lockGrounds).toEqual(['competent-agency-request']);
    expect(
      rejection(
        decide(
          cmd({
            type: 'DecideAgencyRequest',
            at: '2025-07-16T11:00:00+07:00',
            by: actors.agency,
            requestId: 'TK03-2025-001',
            decision: { approve: true },
          }),
          r.state,
        ),
      ),
    ).toEqual(rejectedWith('AlreadyDecided', 'Art. 15(2)(dd)'));

    // The agency's later request to unlock goes the same way (15(3)(b)-(d)).
    const unlocked = run(
      [
        cmd({
          type: 'ReceiveAgencyRequest',
          at: '2025-10-01T09:00:00+07:00',
          by: actors.police,
          requestId: 'TK03-2025-002',
          action: 'unlock',
          target: 'account',
          agency: court,
        }),
        cmd({
          type: 'ForwardAgencyRequest',
          at: '2025-10-01T11:00:00+07:00',
          by: actors.police,
          requestId: 'TK03-2025-002',
        }),
        cmd({
          type: 'DecideAgencyRequest',
          at: '2025-10-02T10:00:00+07:00',
          by: actors.agency,
          requestId: 'TK03-2025-002',
          decision: { approve: true },
        }),
      ],
      r.state,
    );
    expect(basisOf(unlocked.events)).toEqual([
      'AgencyRequestReceived Art. 15(3)(b)',
      'AgencyRequestForwarded Art. 15(3)(c)',
      'AgencyRequestApproved Art. 15(3)(d)',
      'AccountUnlocked(competent-agency-request) Art. 15(3)(d)',
    ]);
    expect(isLocked(unlocked.state)).toBe(false);
  });

  it('a decision after the 2 working days is recorded late', () => {
    const r = run(
      [
        cmd({
          type: 'DecideAgencyRequest',
          at: '2025-07-18T08:00:00+07:00',
          by: actors.agency,
          requestId: 'TK03-2025-001',
          decision: { approve: true },
        }),
      ],
      forwarded.state,
    );
    expect(r.events[0]).toMatchObject({ type: 'AgencyRequestApproved', late: true });
  });

  it('a refusal without a reason is rejected; with a written reason it is recorded and nothing is locked (15(2)(dd))', () => {
    const bare = decide(
      cmd({
        type: 'DecideAgencyRequest',
        at: '2025-07-16T10:00:00+07:00',
        by: actors.agency,
        requestId: 'TK03-2025-001',
        decision: { approve: false, reason: ' ' },
      }),
      forwarded.state,
    );
    expect(rejection(bare)).toEqual(rejectedWith('ReasonRequired', 'Art. 15(2)(dd)'));
    const refused = run(
      [
        cmd({
          type: 'DecideAgencyRequest',
          at: '2025-07-16T10:00:00+07:00',
          by: actors.agency,
          requestId: 'TK03-2025-001',
          decision: { approve: false, reason: 'The request does not identify the proceeding.' },
        }),
      ],
      forwarded.state,
    );
    expect(basisOf(refused.events)).toEqual(['AgencyRequestRefused Art. 15(2)(dd)']);
    expect(refused.events[0]).toMatchObject({ reason: 'The request does not identify the proceeding.', late: false });
    expect(isLocked(refused.state)).toBe(false);
  });

  it('cannot be decided before it is forwarded (15(2)(d)-(dd))', () => {
    const r = decide(
      cmd({
        type: 'DecideAgencyRequest',
        at: '2025-07-11T16:00:00+07:00',
        by: actors.agency,
        requestId: 'TK03-2025-001',
        decision: { approve: true },
      }),
      received.state,
    );
    expect(rejection(r)).toEqual(rejectedWith('NotForwarded', 'Art. 15(2)(dd)'));
  });

  it('is forwarded once, received once, and must exist', () => {
    expect(
      rejection(
        decide(
          cmd({
            type: 'ForwardAgencyRequest',
            at: '2025-07-15T10:00:00+07:00',
            by: actors.police,
            requestId: 'TK03-2025-001',
          }),
          forwarded.state,
        ),
      ),
    ).toEqual(rejectedWith('AlreadyForwarded', 'Art. 15(2)(d)'));
    expect(
      rejection(
        decide(
          cmd({
            type: 'ReceiveAgencyRequest',
            at: '2025-07-15T10:00:00+07:00',
            by: actors.police,
            requestId: 'TK03-2025-001',
            action: 'lock',
            target: 'account',
            agency: court,
          }),
          forwarded.state,
        ),
      ),
    ).toEqual(rejectedWith('DuplicateRequest', 'Art. 15(2)(c)'));
    expect(
      rejection(
        decide(
          cmd({ type: 'ForwardAgencyRequest', at: '2025-07-15T10:00:00+07:00', by: actors.police, requestId: 'nope' }),
          forwarded.state,
        ),
      ),
    ).toEqual(rejectedWith('UnknownRequest', 'Art. 15(2)(d)'));
  });

  it('a foreigner has no electronic identity card to lock (Art. 28(2))', () => {
    const r = decide(
      cmd({
        type: 'ReceiveAgencyRequest',
        at: '2025-07-11T15:00:00+07:00',
        by: actors.police,
        requestId: 'TK03-X',
        action: 'lock',
        target: 'electronic-identity-card',
        agency: court,
      }),
      annaGranted.state,
    );
    expect(rejection(r)).toEqual(rejectedWith('WrongTarget', 'Art. 28(2)'));
  });
});

describe('a foreigner asks to lock their own account: the nearest thing to opting out (seed 000; Arts. 15(2)(a), 17)', () => {
  const locked = run(
    [cmd({ type: 'RequestLock', at: '2025-08-01T10:00:00+07:00', by: actors.subject })],
    annaGranted.state,
  );

  it('the account is locked on the own-request ground (15(2)(a))', () => {
    expect(basisOf(locked.events)).toEqual(['AccountLocked(own-request) Art. 15(2)(a)']);
    expect(locked.state.lockGrounds).toEqual(['own-request']);
    expect(accountStatus(locked.state)).toBe('locked');
  });

  it('the identity stays stored: the state still holds the subject and the stream still holds every event (Art. 17(1))', () => {
    expect(locked.state.subject).toEqual(anna);
    const stream = [...annaGranted.events, ...locked.events];
    expect(fold(initialState, stream).subject).toEqual(anna);
    const requested = stream.find((e) => e.type === 'AccountRequested');
    expect(requested?.type === 'AccountRequested' && requested.request.subject).toEqual(anna);
  });

  it('withdrawing the request unlocks it (15(3)(a))', () => {
    const unlocked = run(
      [cmd({ type: 'RequestUnlock', at: '2025-09-01T10:00:00+07:00', by: actors.subject })],
      locked.state,
    );
    expect(basisOf(unlocked.events)).toEqual(['AccountUnlocked(own-request) Art. 15(3)(a)']);
  });

  it('while locked, the account cannot be activated and no request is taken (Art. 15)', () => {
    const notActivated = run([
      cmd({ type: 'RequestAccount', at: '2025-07-02T09:00:00+07:00', by: actors.subject, request: level1OnApp(anna) }),
      cmd({
        type: 'VerifyIdentity',
        at: '2025-07-02T09:05:00+07:00',
        by: actors.system,
        outcome: faceOnly('national-immigration-database'),
      }),
      cmd({ type: 'GrantAccount', at: '2025-07-02T10:00:00+07:00', by: actors.system }),
      cmd({ type: 'RequestLock', at: '2025-07-02T11:00:00+07:00', by: actors.subject }),
    ]).state;
    expect(
      rejection(
        decide(
          cmd({ type: 'ActivateAccount', at: '2025-07-03T09:00:00+07:00', by: actors.subject, channel: 'app' }),
          notActivated,
        ),
      ),
    ).toEqual(rejectedWith('AccountLocked', 'Art. 15'));
    expect(
      rejection(
        decide(
          cmd({
            type: 'RequestAccount',
            at: '2025-07-03T09:00:00+07:00',
            by: actors.officer,
            request: level2InPerson(anna),
          }),
          notActivated,
        ),
      ),
    ).toEqual(rejectedWith('AccountLocked', 'Art. 15'));
  });
});

describe('a foreigner dies (Art. 15(2)(a))', () => {
  const dead = { ...anna, diedOn: day('2025-09-01') };
  const died = run(
    [
      cmd({
        type: 'UpdateIdentity',
        at: '2025-09-02T09:00:00+07:00',
        by: actors.system,
        subject: dead,
        source: 'NIDB',
      }),
    ],
    annaGranted.state,
  );

  it('the account is locked on death, and an update erasing the death is refused', () => {
    expect(basisOf(died.events)).toEqual(['IdentityUpdated Art. 8(1)', 'AccountLocked(death) Art. 15(2)(a)']);
    const r = decide(
      cmd({
        type: 'UpdateIdentity',
        at: '2025-09-03T09:00:00+07:00',
        by: actors.system,
        subject: anna,
        source: 'NIDB',
      }),
      died.state,
    );
    expect(rejection(r)).toEqual(rejectedWith('DeathIsPermanent', 'Art. 15(2)(a)'));
  });

  it('an own request made before death can be withdrawn, but the death ground stays (Art. 15(3)(a))', () => {
    const r = run(
      [
        cmd({ type: 'RequestLock', at: '2025-08-01T09:00:00+07:00', by: actors.subject }),
        cmd({
          type: 'UpdateIdentity',
          at: '2025-09-02T09:00:00+07:00',
          by: actors.system,
          subject: dead,
          source: 'NIDB',
        }),
        cmd({ type: 'RequestUnlock', at: '2025-09-04T09:00:00+07:00', by: actors.subject }),
      ],
      annaGranted.state,
    );
    expect(r.events.map((e) => e.type)).toEqual([
      'AccountLocked',
      'IdentityUpdated',
      'LockGroundAdded',
      'LockGroundCeased',
    ]);
    expect(r.state.lockGrounds).toEqual(['death']);
  });
});

describe('a citizen without a card applies with the card application (Arts. 10(3), 13(2))', () => {
  const noCard = aCitizen({ identityCard: null });
  const pending = run([
    cmd({
      type: 'RequestAccount',
      at: '2025-07-07T09:00:00+07:00',
      by: actors.officer,
      request: level2InPerson(noCard, { withCardApplication: true }),
    }),
    cmd({
      type: 'VerifyIdentity',
      at: '2025-07-07T09:10:00+07:00',
      by: actors.officer,
      outcome: faceAndFingerprints('identity-database'),
    }),
  ]);

  it('the request runs on 7 working days (13(2))', () => {
    expect(pending.events[0]).toMatchObject({
      timeLimitId: 'grant.citizen.noValidCard',
      dueBy: '2025-07-17T00:00:00+07:00',
    });
  });

  it('the account is granted once the card is issued, not before (Art. 7(1))', () => {
    expect(
      rejection(
        decide(cmd({ type: 'GrantAccount', at: '2025-07-08T09:00:00+07:00', by: actors.agency }), pending.state),
      ),
    ).toEqual(rejectedWith('NoValidIdentityCard', 'Art. 7(1)'));
    const withCard = {
      ...noCard,
      identityCard: {
        type: 'citizen-identity-card',
        number: '001090012345',
        validUntil: day('2040-03-02'),
        status: 'valid',
      },
    } as const;
    const r = run(
      [
        cmd({
          type: 'UpdateIdentity',
          at: '2025-07-14T09:00:00+07:00',
          by: actors.system,
          subject: withCard,
          source: 'Identity Database',
        }),
        cmd({ type: 'GrantAccount', at: '2025-07-14T10:00:00+07:00', by: actors.agency }),
      ],
      pending.state,
    );
    expect(basisOf(r.events)).toEqual([
      'IdentityUpdated Art. 8(1)',
      'AccountGranted Art. 10(2)(d)',
      'ElectronicIdentityCardIssued Art. 28(2)',
    ]);
    expect(r.events[1]).toMatchObject({ late: false });
  });
});

describe('Art. 13 limits in the decider: late grants are recorded, not refused (DESIGN idea 7)', () => {
  // Friday 24 January 2025, before the Tet break: 3 working days end on Wednesday 5 February.
  const requested = run([
    cmd({ type: 'RequestAccount', at: '2025-01-24T15:00:00+07:00', by: actors.officer, request: level2InPerson(anna) }),
    cmd({
      type: 'VerifyIdentity',
      at: '2025-01-24T15:10:00+07:00',
      by: actors.officer,
      outcome: faceAndFingerprints('national-immigration-database'),
    }),
  ]);

  it('the request is due by 24:00 on 5 February 2025 (13(3)(b))', () => {
    expect(requested.events[0]).toMatchObject({
      dueBy: '2025-02-06T00:00:00+07:00',
      timeLimit: { article: 13, clause: 3, point: 'b' },
    });
  });

  it('a grant on 5 February is on time', () => {
    const r = run([cmd({ type: 'GrantAccount', at: '2025-02-05T16:00:00+07:00', by: actors.agency })], requested.state);
    expect(r.events[0]).toMatchObject({ type: 'AccountGranted', late: false, dueBy: '2025-02-06T00:00:00+07:00' });
  });

  it('a grant on 6 February is accepted with late = true', () => {
    const r = run([cmd({ type: 'GrantAccount', at: '2025-02-06T08:00:00+07:00', by: actors.agency })], requested.state);
    expect(basisOf(r.events)).toEqual(['AccountGranted Art. 11(2)(dd)']);
    expect(r.events[0]).toMatchObject({ late: true, timeLimit: { article: 13, clause: 3, point: 'b' } });
  });

  it('a second request while one is pending is refused (Art. 13)', () => {
    const r = decide(
      cmd({
        type: 'RequestAccount',
        at: '2025-01-24T16:00:00+07:00',
        by: actors.officer,
        request: level2InPerson(anna),
      }),
      requested.state,
    );
    expect(rejection(r)).toEqual(rejectedWith('RequestPending', 'Art. 13'));
  });

  it('a refused request may be made again', () => {
    const refused = run(
      [
        cmd({
          type: 'RefuseAccount',
          at: '2025-01-27T09:00:00+07:00',
          by: actors.agency,
          reason: 'Passport number does not match.',
        }),
      ],
      requested.state,
    );
    expect(basisOf(refused.events)).toEqual(['AccountRefused Art. 11(2)(dd)']);
    const again = decide(
      cmd({
        type: 'RequestAccount',
        at: '2025-02-03T09:00:00+07:00',
        by: actors.officer,
        request: level2InPerson(anna),
      }),
      refused.state,
    );
    expect(E.isRight(again)).toBe(true);
  });
});

describe('from level 1 to level 2 (Arts. 7(1), 10(2), 28(2))', () => {
  const an = aCitizen();
  const level1 = run([
    cmd({ type: 'RequestAccount', at: '2025-07-02T09:00:00+07:00', by: actors.subject, request: level1OnApp(an) }),
    cmd({
      type: 'VerifyIdentity',
      at: '2025-07-02T09:01:00+07:00',
      by: actors.system,
      outcome: faceOnly('identity-database'),
    }),
    cmd({ type: 'GrantAccount', at: '2025-07-02T10:00:00+07:00', by: actors.system }),
    cmd({ type: 'ActivateAccount', at: '2025-07-02T10:30:00+07:00', by: actors.subject, channel: 'app' }),
  ]);

  it('a level-1 holder may ask for level 2 in person; the grant raises the level and issues the card', () => {
    const r = run(
      [
        cmd({
          type: 'RequestAccount',
          at: '2025-08-04T09:00:00+07:00',
          by: actors.officer,
          request: level2InPerson(an),
        }),
        cmd({
          type: 'VerifyIdentity',
          at: '2025-08-04T09:10:00+07:00',
          by: actors.officer,
          outcome: faceAndFingerprints('identity-database'),
        }),
        cmd({ type: 'GrantAccount', at: '2025-08-05T09:00:00+07:00', by: actors.agency }),
      ],
      level1.state,
    );
    expect(basisOf(r.events)).toEqual([
      'AccountRequested Art. 10(2)',
      'IdentityVerified Art. 10(2)(c)',
      'AccountGranted Art. 10(2)(d)',
      'ElectronicIdentityCardIssued Art. 28(2)',
    ]);
    expect(r.state.account).toMatchObject({ level: 2, activatedAt: '2025-07-02T10:30:00+07:00' });
  });

  it('a second level-1 account, or a level-1 request by a level-2 holder, is refused (Art. 7)', () => {
    const again = decide(
      cmd({ type: 'RequestAccount', at: '2025-08-04T09:00:00+07:00', by: actors.subject, request: level1OnApp(an) }),
      level1.state,
    );
    expect(rejection(again)).toEqual(rejectedWith('AccountExists', 'Art. 7'));
  });

  it('a level-2 grant without the fingerprints matched is refused (Art. 10(2)(c))', () => {
    const s = run(
      [
        cmd({
          type: 'RequestAccount',
          at: '2025-08-04T09:00:00+07:00',
          by: actors.officer,
          request: level2InPerson(an),
        }),
        cmd({
          type: 'VerifyIdentity',
          at: '2025-08-04T09:10:00+07:00',
          by: actors.officer,
          outcome: faceOnly('identity-database'),
        }),
      ],
      level1.state,
    ).state;
    const r = decide(cmd({ type: 'GrantAccount', at: '2025-08-05T09:00:00+07:00', by: actors.agency }), s);
    expect(rejection(r)).toEqual(rejectedWith('BiometricsNotVerified', 'Art. 10(2)(c)'));
  });

  it('a level-2 grant with no verification at all, or after a failed one, is refused (Art. 10(2)(d))', () => {
    const pending = run(
      [
        cmd({
          type: 'RequestAccount',
          at: '2025-08-04T09:00:00+07:00',
          by: actors.officer,
          request: level2InPerson(an),
        }),
      ],
      level1.state,
    ).state;
    expect(
      rejection(decide(cmd({ type: 'GrantAccount', at: '2025-08-05T09:00:00+07:00', by: actors.agency }), pending)),
    ).toEqual(rejectedWith('NotVerified', 'Art. 10(2)(d)'));
    const failed = run(
      [
        cmd({
          type: 'VerifyIdentity',
          at: '2025-08-04T09:10:00+07:00',
          by: actors.officer,
          outcome: { result: 'failed', reason: 'fingerprints do not match the Identity Database' },
        }),
      ],
      pending,
    );
    expect(basisOf(failed.events)).toEqual(['IdentityVerificationFailed Art. 10(2)(c)']);
    expect(
      rejection(
        decide(cmd({ type: 'GrantAccount', at: '2025-08-05T09:00:00+07:00', by: actors.agency }), failed.state),
      ),
    ).toEqual(rejectedWith('NotVerified', 'Art. 10(2)(d)'));
  });

  it('a foreigner’s level-2 grant verified against the Identity Database instead of the National Immigration Database is refused (Art. 11(2)(c))', () => {
    const s = run([
      cmd({
        type: 'RequestAccount',
        at: '2025-07-02T09:00:00+07:00',
        by: actors.officer,
        request: level2InPerson(anna),
      }),
      cmd({
        type: 'VerifyIdentity',
        at: '2025-07-02T09:10:00+07:00',
        by: actors.officer,
        outcome: faceAndFingerprints('identity-database'),
      }),
    ]).state;
    const r = decide(cmd({ type: 'GrantAccount', at: '2025-07-03T09:00:00+07:00', by: actors.agency }), s);
    expect(rejection(r)).toEqual(rejectedWith('BiometricsNotVerified', 'Art. 11(2)(c)'));
  });
});

describe('history is appended in time order (Art. 17(1))', () => {
  it('a command dated before the last event is refused', () => {
    const r = decide(
      cmd({ type: 'RequestLock', at: '2025-07-03T11:00:00+07:00', by: actors.subject }),
      annaGranted.state,
    );
    expect(rejection(r)).toEqual(rejectedWith('OutOfOrder', 'Art. 17(1)'));
  });
});
