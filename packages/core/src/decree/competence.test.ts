import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { AccountCommand } from '../account/commands.js';
import { accountDecider } from '../account/decide.js';
import { fold } from '../account/evolve.js';
import { initialState } from '../account/state.js';
import { aCitizen, aForeigner, actors, cmd, level2InPerson } from '../testing/fixtures.js';
import { formatCitation } from './citation.js';
import { type Actor, type ReservedAct, type Role, RoleCodec, checkCompetence } from './competence.js';
import { rejectedWith, rejection, run } from '../../test/helpers.js';

const ROLES = Object.keys(RoleCodec.keys) as Role[];
const actor = (role: Role): Actor => ({ role, id: `${role}-1` });
const allowed = (act: ReservedAct) => ROLES.filter((r) => E.isRight(checkCompetence(act, actor(r))));

describe('Art. 16: only the management agency grants, locks and unlocks (the system acting for it, Art. 15)', () => {
  it.each(['grant', 'refuse', 'lock', 'unlock'] as const)('%s: the management agency or the system', (act) => {
    expect(allowed(act)).toEqual(['management-agency', 'system']);
  });

  it.each([
    'subject',
    'guardian',
    'representative',
    'legal-representative',
    'receiving-officer',
    'public-security',
    'competent-agency',
  ] as const)('a %s may not grant, lock or unlock (Art. 16)', (role) => {
    for (const act of ['grant', 'lock', 'unlock'] as const) {
      expect(rejection(checkCompetence(act, actor(role)))).toEqual(rejectedWith('NotCompetent', 'Art. 16'));
    }
  });
});

describe('Art. 15(2)(d), 15(3)(c): the receiving Public Security agency forwards a competent agency’s request', () => {
  it('only the Public Security agency forwards', () => {
    expect(allowed('forward')).toEqual(['public-security']);
    expect(rejection(checkCompetence('forward', actor('management-agency')))).toEqual(
      rejectedWith('NotCompetent', 'Art. 15(2)(d)'),
    );
    expect(rejection(checkCompetence('forward', actor('competent-agency')))).toEqual(
      rejectedWith('NotCompetent', 'Art. 15(2)(d)'),
    );
  });
});

describe('Art. 15(2)(dd), 15(3)(d): the head of the Ministry’s identity management agency decides', () => {
  it('only the management agency decides; not the system, not the Public Security agency that forwarded', () => {
    expect(allowed('decide-agency-request')).toEqual(['management-agency']);
    expect(rejection(checkCompetence('decide-agency-request', actor('public-security')))).toEqual(
      rejectedWith('NotCompetent', 'Art. 15(2)(dd)'),
    );
    expect(rejection(checkCompetence('decide-agency-request', actor('system')))).toEqual(
      rejectedWith('NotCompetent', 'Art. 15(2)(dd)'),
    );
  });
});

describe('Arts. 10(1)(c), 10(2)(c), 11(2)(c): the agency, the system or the receiving officer verifies', () => {
  it('verification is not done by the applicant', () => {
    expect(allowed('verify')).toEqual(['receiving-officer', 'management-agency', 'system']);
    expect(rejection(checkCompetence('verify', actor('subject')))).toEqual(
      rejectedWith('NotCompetent', 'Art. 10(1)(c)'),
    );
  });
});

describe('competence through the decider', () => {
  const verified = run([
    cmd({
      type: 'RequestAccount',
      at: '2025-07-02T09:00:00+07:00',
      by: actors.officer,
      request: level2InPerson(aForeigner()),
    }),
    cmd({
      type: 'VerifyIdentity',
      at: '2025-07-02T09:10:00+07:00',
      by: actors.officer,
      outcome: {
        result: 'verified',
        verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: true },
      },
    }),
  ]).state;

  it('the receiving officer who took the dossier may not grant (Art. 16)', () => {
    const r = accountDecider.decide(
      cmd({ type: 'GrantAccount', at: '2025-07-03T09:00:00+07:00', by: actors.officer }),
      verified,
    );
    expect(rejection(r)).toEqual(rejectedWith('NotCompetent', 'Art. 16'));
  });

  it('the subject may not verify their own identity (Art. 10(1)(c))', () => {
    const r = accountDecider.decide(
      cmd({
        type: 'VerifyIdentity',
        at: '2025-07-02T09:20:00+07:00',
        by: actors.subject,
        outcome: { result: 'failed', reason: 'no match' },
      }),
      verified,
    );
    expect(rejection(r)).toEqual(rejectedWith('NotCompetent', 'Art. 10(1)(c)'));
  });

  it('the management agency grants (Art. 16); the grant cites the notice of result (Art. 11(2)(dd))', () => {
    const r = run([cmd({ type: 'GrantAccount', at: '2025-07-03T09:00:00+07:00', by: actors.agency })], verified);
    expect(r.events.map((e) => `${e.type} ${formatCitation(e.legalBasis)}`)).toEqual([
      'AccountGranted 69/2024/ND-CP Art. 11(2)(dd)',
    ]);
  });

  it('the subject may not refuse their own request (Art. 16)', () => {
    const r = accountDecider.decide(
      cmd({ type: 'RefuseAccount', at: '2025-07-03T09:00:00+07:00', by: actors.subject, reason: 'changed my mind' }),
      verified,
    );
    expect(rejection(r)).toEqual(rejectedWith('NotCompetent', 'Art. 16'));
  });

  it('a refusal states its reason (Art. 11(2)(dd))', () => {
    const r = accountDecider.decide(
      cmd({ type: 'RefuseAccount', at: '2025-07-03T09:00:00+07:00', by: actors.agency, reason: '  ' }),
      verified,
    );
    expect(rejection(r)).toEqual(rejectedWith('ReasonRequired', 'Art. 11(2)(dd)'));
  });

  describe('a competent agency’s request (Art. 15(2)(c)-(dd))', () => {
    const granted = run(
      [cmd({ type: 'GrantAccount', at: '2025-07-03T09:00:00+07:00', by: actors.agency })],
      verified,
    ).state;
    const court: Actor = { role: 'competent-agency', id: 'people-s-court-hanoi' };

    it('is received by a Public Security agency, not by the requesting agency itself (15(2)(c))', () => {
      const r = accountDecider.decide(
        cmd({
          type: 'ReceiveAgencyRequest',
          at: '2025-07-07T09:00:00+07:00',
          by: court,
          requestId: 'TK03-1',
          action: 'lock',
          target: 'account',
          agency: 'People’s Court of Hanoi',
        }),
        granted,
      );
      expect(rejection(r)).toEqual(rejectedWith('NotCompetent', 'Art. 15(2)(c)'));
    });

    const received = run(
      [
        cmd({
          type: 'ReceiveAgencyRequest',
          at: '2025-07-07T09:00:00+07:00',
          by: actors.police,
          requestId: 'TK03-1',
          action: 'lock',
          target: 'account',
          agency: 'People’s Court of Hanoi',
        }),
      ],
      granted,
    ).state;

    it('is forwarded by the Public Security agency only (15(2)(d))', () => {
      const r = accountDecider.decide(
        cmd({ type: 'ForwardAgencyRequest', at: '2025-07-07T10:00:00+07:00', by: actors.agency, requestId: 'TK03-1' }),
        received,
      );
      expect(rejection(r)).toEqual(rejectedWith('NotCompetent', 'Art. 15(2)(d)'));
    });

    it('is decided by the management agency only (15(2)(dd))', () => {
      const forwarded = run(
        [
          cmd({
            type: 'ForwardAgencyRequest',
            at: '2025-07-07T10:00:00+07:00',
            by: actors.police,
            requestId: 'TK03-1',
          }),
        ],
        received,
      ).state;
      for (const by of [actors.police, actors.system, court]) {
        const r = accountDecider.decide(
          cmd({
            type: 'DecideAgencyRequest',
            at: '2025-07-08T10:00:00+07:00',
            by,
            requestId: 'TK03-1',
            decision: { approve: true },
          }),
          forwarded,
        );
        expect(rejection(r)).toEqual(rejectedWith('NotCompetent', 'Art. 15(2)(dd)'));
      }
    });
  });
});

describe('a refusal for want of competence cites the clause of the request at hand (Arts. 15(3)(c)-(d), 29(4)-(5), 30(4)-(5))', () => {
  const run = (commands: AccountCommand[]) => {
    let state = initialState;
    for (const c of commands) {
      const r = accountDecider.decide(c, state);
      if (E.isLeft(r)) throw new Error(`${c.type} rejected: ${r.left.message}`);
      state = fold(state, r.right);
    }
    return state;
  };
  // A citizen's level-2 account carried over from Decree 59/2022, with its electronic identity card (Art. 40(6)).
  const received = run([
    cmd({
      type: 'CarryOverAccount',
      at: '2025-07-01T08:00:00+07:00',
      by: actors.system,
      subject: aCitizen(),
      level: 2,
      grantedAt: '2024-03-01T09:00:00+07:00',
    }),
    cmd({
      type: 'ReceiveAgencyRequest',
      at: '2025-07-02T09:00:00+07:00',
      by: actors.police,
      requestId: 'TK03-U',
      action: 'unlock',
      target: 'electronic-identity-card',
      agency: 'People’s Court of Hanoi',
    }),
  ]);

  it('forwarding a request to unlock a card by anyone but the Public Security agency: Art. 30(4)', () => {
    const r = accountDecider.decide(
      cmd({ type: 'ForwardAgencyRequest', at: '2025-07-02T10:00:00+07:00', by: actors.agency, requestId: 'TK03-U' }),
      received,
    );
    expect(rejection(r)).toEqual(rejectedWith('NotCompetent', 'Art. 30(4)'));
  });

  it('deciding a request to unlock a card by anyone but the management agency: Art. 30(5)', () => {
    const forward = accountDecider.decide(
      cmd({ type: 'ForwardAgencyRequest', at: '2025-07-02T10:00:00+07:00', by: actors.police, requestId: 'TK03-U' }),
      received,
    );
    const forwarded = E.isRight(forward) ? fold(received, forward.right) : received;
    expect(forwarded.agencyRequests['TK03-U']?.forwardedAt).toBe('2025-07-02T10:00:00+07:00');
    const r = accountDecider.decide(
      cmd({
        type: 'DecideAgencyRequest',
        at: '2025-07-02T11:00:00+07:00',
        by: actors.police,
        requestId: 'TK03-U',
        decision: { approve: true },
      }),
      forwarded,
    );
    expect(rejection(r)).toEqual(rejectedWith('NotCompetent', 'Art. 30(5)'));
  });
});
