import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { accountDecider } from '../account/decide.js';
import type { AccountEvent } from '../account/events.js';
import { isLocked } from '../account/state.js';
import { aCitizen, aForeigner, actors, anOrganisation, cmd, organisationOnApp } from '../testing/fixtures.js';
import { citationExists } from './catalogue.js';
import { type Citation, formatCitation } from './citation.js';
import {
  ACCOUNT_LOCK_GROUNDS,
  type AccountLockGround,
  CARD_LOCK_GROUNDS,
  DERIVED_ACCOUNT_GROUNDS,
  DERIVED_CARD_GROUNDS,
  accountGroundCitation,
  derivedAccountGrounds,
  derivedCardGrounds,
  isPermanentGround,
} from './locking.js';
import { day, run } from '../../test/helpers.js';

const printed = (c: Citation | undefined) => (c === undefined ? undefined : formatCitation(c));
const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe('Art. 15: the grounds each kind of subject has, with the clause that gives them', () => {
  it('citizens (15(1)): the electronic identity card locked, the identity card expired; death (see interpretations)', () => {
    const c = ACCOUNT_LOCK_GROUNDS.citizen;
    expect(Object.keys(c).sort()).toEqual(['death', 'electronic-identity-card-locked', 'identity-card-expired']);
    for (const g of Object.values(c)) expect(printed(g)).toBe('69/2024/ND-CP Art. 15(1)');
  });

  it('foreigners (15(2)(a)): own request, violation, passport expired, residence expired, death; agency request (15(2)(dd))', () => {
    const f = ACCOUNT_LOCK_GROUNDS.foreigner;
    const byGround = Object.fromEntries(Object.entries(f).map(([g, c]) => [g, printed(c)]));
    expect(byGround).toEqual({
      'own-request': '69/2024/ND-CP Art. 15(2)(a)',
      'agreement-violation': '69/2024/ND-CP Art. 15(2)(a)',
      'travel-document-expired': '69/2024/ND-CP Art. 15(2)(a)',
      'residence-expired': '69/2024/ND-CP Art. 15(2)(a)',
      death: '69/2024/ND-CP Art. 15(2)(a)',
      'competent-agency-request': '69/2024/ND-CP Art. 15(2)(dd)',
    });
  });

  it('organisations (15(2)(b)): own request, violation, ceased operation; agency request (15(2)(dd))', () => {
    const o = ACCOUNT_LOCK_GROUNDS.organisation;
    const byGround = Object.fromEntries(Object.entries(o).map(([g, c]) => [g, printed(c)]));
    expect(byGround).toEqual({
      'own-request': '69/2024/ND-CP Art. 15(2)(b)',
      'agreement-violation': '69/2024/ND-CP Art. 15(2)(b)',
      'ceased-operation': '69/2024/ND-CP Art. 15(2)(b)',
      'competent-agency-request': '69/2024/ND-CP Art. 15(2)(dd)',
    });
  });

  it('a ground the decree does not give a kind has no citation', () => {
    expect(accountGroundCitation('citizen', 'own-request')).toBeUndefined(); // a citizen locks the card (Art. 29(2))
    expect(accountGroundCitation('organisation', 'travel-document-expired')).toBeUndefined();
    expect(accountGroundCitation('organisation', 'death')).toBeUndefined();
    expect(accountGroundCitation('foreigner', 'identity-card-expired')).toBeUndefined();
    expect(printed(accountGroundCitation('foreigner', 'own-request'))).toBe('69/2024/ND-CP Art. 15(2)(a)');
  });

  it('every citation exists in the decree', () => {
    for (const kind of Object.values(ACCOUNT_LOCK_GROUNDS)) {
      for (const c of Object.values(kind)) expect(citationExists(c), formatCitation(c)).toBe(true);
    }
  });
});

describe('Law on Identity 2023 Art. 34(1), via Art. 29: the grounds for locking an electronic identity card', () => {
  it('(a) own request, (b) violation, (c) card revoked or seized, (d) death, (dd) competent agency', () => {
    expect(Object.fromEntries(Object.entries(CARD_LOCK_GROUNDS).map(([g, c]) => [g, formatCitation(c)]))).toEqual({
      'own-request': '26/2023/QH15 Art. 34(1)(a)',
      'agreement-violation': '26/2023/QH15 Art. 34(1)(b)',
      'card-revoked-or-seized': '26/2023/QH15 Art. 34(1)(c)',
      death: '26/2023/QH15 Art. 34(1)(d)',
      'competent-agency-request': '26/2023/QH15 Art. 34(1)(dd)',
    });
  });

  it('revoked or seized card and death arise from the data; own and agency requests are declared', () => {
    expect(sorted(DERIVED_CARD_GROUNDS)).toEqual(['card-revoked-or-seized', 'death']);
    const citizen = aCitizen();
    expect(sorted(derivedCardGrounds(citizen, day('2025-07-02')))).toEqual([]);
    const seized = aCitizen({ identityCard: { ...citizen.identityCard!, status: 'seized' } });
    expect(sorted(derivedCardGrounds(seized, day('2025-07-02')))).toEqual(['card-revoked-or-seized']);
    const revoked = aCitizen({ identityCard: { ...citizen.identityCard!, status: 'revoked' } });
    expect(sorted(derivedCardGrounds(revoked, day('2025-07-02')))).toEqual(['card-revoked-or-seized']);
    const dead = aCitizen({ diedOn: day('2025-07-02') });
    expect(sorted(derivedCardGrounds(dead, day('2025-07-01')))).toEqual([]);
    expect(sorted(derivedCardGrounds(dead, day('2025-07-02')))).toEqual(['death']);
  });
});

describe('derivedAccountGrounds: grounds that arise from identity data and the date (Art. 8; Art. 15(1), 15(2)(a)-(b))', () => {
  it('only the data-driven grounds are derived; own request, violation and agency request are declared', () => {
    expect(sorted(DERIVED_ACCOUNT_GROUNDS)).toEqual(
      [
        'ceased-operation',
        'death',
        'electronic-identity-card-locked',
        'identity-card-expired',
        'residence-expired',
        'travel-document-expired',
      ].sort(),
    );
  });

  describe('foreigners (15(2)(a))', () => {
    const passportUntil = day('2030-01-09');
    const f = aForeigner({
      travelDocument: { ...aForeigner().travelDocument, expiresOn: passportUntil },
      residenceCard: { type: 'temporary', number: 'TT-1', expiresOn: day('2030-06-30') },
    });

    it('a passport expiring on 9 January 2030 is valid on 9 January and expired on 10 January', () => {
      expect(sorted(derivedAccountGrounds(f, false, day('2030-01-09')))).toEqual([]);
      expect(sorted(derivedAccountGrounds(f, false, day('2030-01-10')))).toEqual(['travel-document-expired']);
    });

    it('the residence period expires the day after the residence card’s expiry date', () => {
      expect(sorted(derivedAccountGrounds(f, false, day('2030-06-30')))).toEqual(['travel-document-expired']);
      expect(sorted(derivedAccountGrounds(f, false, day('2030-07-01')))).toEqual([
        'residence-expired',
        'travel-document-expired',
      ]);
    });

    it('no residence card at all: the residence ground', () => {
      expect(sorted(derivedAccountGrounds(aForeigner({ residenceCard: null }), false, day('2025-07-02')))).toEqual([
        'residence-expired',
      ]);
    });

    it('death, from the day of death', () => {
      const dead = aForeigner({ diedOn: day('2025-07-02') });
      expect(sorted(derivedAccountGrounds(dead, false, day('2025-07-01')))).toEqual([]);
      expect(sorted(derivedAccountGrounds(dead, false, day('2025-07-02')))).toEqual(['death']);
    });
  });

  describe('citizens (15(1))', () => {
    it('the electronic identity card locked', () => {
      expect(sorted(derivedAccountGrounds(aCitizen(), true, day('2025-07-02')))).toEqual([
        'electronic-identity-card-locked',
      ]);
      expect(sorted(derivedAccountGrounds(aCitizen(), false, day('2025-07-02')))).toEqual([]);
    });

    it('the citizen identity card valid through 2 March 2030 has expired on 3 March 2030', () => {
      expect(sorted(derivedAccountGrounds(aCitizen(), false, day('2030-03-02')))).toEqual([]);
      expect(sorted(derivedAccountGrounds(aCitizen(), false, day('2030-03-03')))).toEqual(['identity-card-expired']);
    });

    it('a card without expiry never expires', () => {
      const c = aCitizen({ identityCard: { ...aCitizen().identityCard!, validUntil: null } });
      expect(sorted(derivedAccountGrounds(c, false, day('2090-01-01')))).toEqual([]);
    });

    it('death', () => {
      expect(sorted(derivedAccountGrounds(aCitizen({ diedOn: day('2025-07-01') }), false, day('2025-07-02')))).toEqual([
        'death',
      ]);
    });
  });

  describe('organisations (15(2)(b))', () => {
    it.each(['dissolved', 'bankrupt', 'suspended', 'terminated'] as const)('%s: ceased operation', (status) => {
      expect(sorted(derivedAccountGrounds(anOrganisation({ status }), false, day('2025-07-02')))).toEqual([
        'ceased-operation',
      ]);
    });

    it('operating: none', () => {
      expect(sorted(derivedAccountGrounds(anOrganisation(), false, day('2025-07-02')))).toEqual([]);
    });
  });
});

describe('Art. 15(3)(a): an account unlocks when no ground remains, except death', () => {
  it('death is permanent; every other ground can cease', () => {
    expect(isPermanentGround('death')).toBe(true);
    const others: AccountLockGround[] = [
      'own-request',
      'agreement-violation',
      'travel-document-expired',
      'residence-expired',
      'ceased-operation',
      'competent-agency-request',
      'electronic-identity-card-locked',
      'identity-card-expired',
    ];
    for (const g of others) expect(isPermanentGround(g), g).toBe(false);
    expect(isPermanentGround('card-revoked-or-seized')).toBe(false);
  });
});

describe('Art. 15 through the decider', () => {
  const basisOf = (events: readonly AccountEvent[]) =>
    events.map((e) => `${e.type}${'ground' in e ? `(${e.ground})` : ''} ${formatCitation(e.legalBasis)}`);

  const org = anOrganisation();
  const grantedOrg = run([
    cmd({
      type: 'RequestAccount',
      at: '2025-07-02T09:00:00+07:00',
      by: actors.legalRepresentative,
      request: organisationOnApp(org),
    }),
    cmd({
      type: 'VerifyIdentity',
      at: '2025-07-02T09:05:00+07:00',
      by: actors.system,
      outcome: {
        result: 'verified',
        verification: { against: 'national-databases', faceMatched: false, fingerprintsMatched: false },
      },
    }),
    cmd({ type: 'GrantAccount', at: '2025-07-02T10:00:00+07:00', by: actors.agency }),
  ]).state;

  it('an organisation that goes bankrupt is locked automatically (15(2)(b)); back to operating, unlocked (15(3)(a))', () => {
    const bankrupt = run(
      [
        cmd({
          type: 'UpdateIdentity',
          at: '2025-08-01T09:00:00+07:00',
          by: actors.system,
          subject: { ...org, status: 'bankrupt' },
          source: 'National Enterprise Registration Database',
        }),
      ],
      grantedOrg,
    );
    expect(basisOf(bankrupt.events)).toEqual([
      'IdentityUpdated 69/2024/ND-CP Art. 8(2)',
      'AccountLocked(ceased-operation) 69/2024/ND-CP Art. 15(2)(b)',
    ]);
    const back = run(
      [
        cmd({
          type: 'UpdateIdentity',
          at: '2025-09-01T09:00:00+07:00',
          by: actors.system,
          subject: org,
          source: 'National Enterprise Registration Database',
        }),
      ],
      bankrupt.state,
    );
    expect(basisOf(back.events)).toEqual([
      'IdentityUpdated 69/2024/ND-CP Art. 8(2)',
      'AccountUnlocked(ceased-operation) 69/2024/ND-CP Art. 15(3)(a)',
    ]);
    expect(isLocked(back.state)).toBe(false);
  });

  it('an organisation’s own request locks it (15(2)(b)) and its withdrawal unlocks it (15(3)(a))', () => {
    const locked = run(
      [cmd({ type: 'RequestLock', at: '2025-08-01T09:00:00+07:00', by: actors.legalRepresentative })],
      grantedOrg,
    );
    expect(basisOf(locked.events)).toEqual(['AccountLocked(own-request) 69/2024/ND-CP Art. 15(2)(b)']);
    const again = accountDecider.decide(
      cmd({ type: 'RequestLock', at: '2025-08-01T10:00:00+07:00', by: actors.legalRepresentative }),
      locked.state,
    );
    expect(E.isLeft(again) && { code: again.left.code, citation: formatCitation(again.left.citation) }).toEqual({
      code: 'AlreadyLocked',
      citation: '69/2024/ND-CP Art. 15(2)(b)',
    });
    const unlocked = run(
      [cmd({ type: 'RequestUnlock', at: '2025-08-02T09:00:00+07:00', by: actors.legalRepresentative })],
      locked.state,
    );
    expect(basisOf(unlocked.events)).toEqual(['AccountUnlocked(own-request) 69/2024/ND-CP Art. 15(3)(a)']);
  });

  it('only the management agency or the system records a violation (Art. 16); it locks (15(2)(b)) until remedied', () => {
    const byRep = accountDecider.decide(
      cmd({ type: 'RecordAgreementViolation', at: '2025-08-01T09:00:00+07:00', by: actors.legalRepresentative }),
      grantedOrg,
    );
    expect(E.isLeft(byRep) && { code: byRep.left.code, citation: formatCitation(byRep.left.citation) }).toEqual({
      code: 'NotCompetent',
      citation: '69/2024/ND-CP Art. 16',
    });
    const violated = run(
      [cmd({ type: 'RecordAgreementViolation', at: '2025-08-01T09:00:00+07:00', by: actors.agency })],
      grantedOrg,
    );
    expect(basisOf(violated.events)).toEqual(['AccountLocked(agreement-violation) 69/2024/ND-CP Art. 15(2)(b)']);
    const remedied = run(
      [cmd({ type: 'RecordViolationRemedied', at: '2025-08-05T09:00:00+07:00', by: actors.agency })],
      violated.state,
    );
    expect(basisOf(remedied.events)).toEqual(['AccountUnlocked(agreement-violation) 69/2024/ND-CP Art. 15(3)(a)']);
  });

  it('a withdrawn own request does not unlock while another ground remains (15(3)(a))', () => {
    const s = run(
      [
        cmd({ type: 'RequestLock', at: '2025-08-01T09:00:00+07:00', by: actors.legalRepresentative }),
        cmd({
          type: 'UpdateIdentity',
          at: '2025-08-02T09:00:00+07:00',
          by: actors.system,
          subject: { ...org, status: 'suspended' },
          source: 'NERD',
        }),
      ],
      grantedOrg,
    ).state;
    const r = run([cmd({ type: 'RequestUnlock', at: '2025-08-03T09:00:00+07:00', by: actors.legalRepresentative })], s);
    expect(r.events.map((e) => e.type)).toEqual(['LockGroundCeased']);
    expect(r.state.lockGrounds).toEqual(['ceased-operation']);
  });

  it('a ground that is not there cannot be withdrawn (15(3)(a))', () => {
    const r = accountDecider.decide(
      cmd({ type: 'RequestUnlock', at: '2025-08-03T09:00:00+07:00', by: actors.legalRepresentative }),
      grantedOrg,
    );
    expect(E.isLeft(r) && { code: r.left.code, citation: formatCitation(r.left.citation) }).toEqual({
      code: 'NoSuchGround',
      citation: '69/2024/ND-CP Art. 15(3)(a)',
    });
  });

  it('a citizen’s account is not locked by an own request on the account: there is no card on a level-1 account (Art. 29(2))', () => {
    const citizen = aCitizen();
    const s = run([
      cmd({
        type: 'CarryOverAccount',
        at: '2025-07-02T09:00:00+07:00',
        by: actors.system,
        subject: citizen,
        level: 1,
        grantedAt: '2024-03-01T09:00:00+07:00',
      }),
    ]).state;
    const r = accountDecider.decide(
      cmd({ type: 'RequestLock', at: '2025-07-03T09:00:00+07:00', by: actors.subject }),
      s,
    );
    expect(E.isLeft(r) && { code: r.left.code, citation: formatCitation(r.left.citation) }).toEqual({
      code: 'NoElectronicIdentityCard',
      citation: '69/2024/ND-CP Art. 29(2)',
    });
  });

  it('a citizen’s account locks when the identity card expires and unlocks when the renewed card arrives (15(1))', () => {
    const citizen = aCitizen({ identityCard: { ...aCitizen().identityCard!, validUntil: day('2025-08-01') } });
    const s = run([
      cmd({
        type: 'CarryOverAccount',
        at: '2025-07-02T09:00:00+07:00',
        by: actors.system,
        subject: citizen,
        level: 1,
        grantedAt: '2024-03-01T09:00:00+07:00',
      }),
    ]).state;
    const onExpiry = run([cmd({ type: 'ReviewLockGrounds', at: '2025-08-01T23:00:00+07:00', by: actors.system })], s);
    expect(onExpiry.events).toEqual([]);
    const expired = run([cmd({ type: 'ReviewLockGrounds', at: '2025-08-02T00:00:00+07:00', by: actors.system })], s);
    expect(basisOf(expired.events)).toEqual(['AccountLocked(identity-card-expired) 69/2024/ND-CP Art. 15(1)']);
    const renewed = { ...citizen, identityCard: { ...citizen.identityCard!, validUntil: day('2040-08-01') } };
    const after = run(
      [
        cmd({
          type: 'UpdateIdentity',
          at: '2025-08-10T09:00:00+07:00',
          by: actors.system,
          subject: renewed,
          source: 'Identity Database',
        }),
      ],
      expired.state,
    );
    expect(basisOf(after.events)).toEqual([
      'IdentityUpdated 69/2024/ND-CP Art. 8(1)',
      'AccountUnlocked(identity-card-expired) 69/2024/ND-CP Art. 15(1)',
    ]);
  });

  it('the lock review is automatic: only the system runs it (15(3)(a))', () => {
    const r = accountDecider.decide(
      cmd({ type: 'ReviewLockGrounds', at: '2025-08-01T09:00:00+07:00', by: actors.agency }),
      grantedOrg,
    );
    expect(E.isLeft(r) && { code: r.left.code, citation: formatCitation(r.left.citation) }).toEqual({
      code: 'NotAutomatic',
      citation: '69/2024/ND-CP Art. 15(3)(a)',
    });
  });
});
