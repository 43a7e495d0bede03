import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { accountDecider } from '../account/decide.js';
import type { AccountEvent } from '../account/events.js';
import { accountStatus, initialState } from '../account/state.js';
import { aCitizen, aForeigner, actors, anOrganisation, cmd, level1OnApp } from '../testing/fixtures.js';
import { formatCitation } from './citation.js';
import { DECREE_IN_FORCE_FROM, checkInForce, isBeforeDecree } from './effect.js';
import { rejectedWith, rejection, run } from '../../test/helpers.js';

const basisOf = (events: readonly AccountEvent[]) => events.map((e) => `${e.type} ${formatCitation(e.legalBasis)}`);

describe('Art. 40(1): the decree takes effect on 1 July 2024, at 00:00 in Vietnam', () => {
  it('the instant is 2024-07-01T00:00+07:00, that is 17:00 UTC on 30 June', () => {
    expect(Date.parse(DECREE_IN_FORCE_FROM)).toBe(Date.parse('2024-06-30T17:00:00Z'));
  });

  it('one second before is refused; the instant itself is in force', () => {
    expect(rejection(checkInForce(Date.parse('2024-06-30T23:59:59+07:00')))).toEqual(
      rejectedWith('DecreeNotInForce', 'Art. 40(1)'),
    );
    expect(E.isRight(checkInForce(Date.parse('2024-07-01T00:00:00+07:00')))).toBe(true);
    expect(isBeforeDecree(Date.parse('2024-06-30T16:59:59Z'))).toBe(true);
    expect(isBeforeDecree(Date.parse('2024-06-30T17:00:00Z'))).toBe(false);
  });

  it('the decider refuses a command dated before the decree (40(1)) and decides one dated on 1 July 2024', () => {
    const request = level1OnApp(aCitizen());
    const early = accountDecider.decide(
      cmd({ type: 'RequestAccount', at: '2024-06-30T16:59:59Z', by: actors.subject, request }),
      initialState,
    );
    expect(rejection(early)).toEqual(rejectedWith('DecreeNotInForce', 'Art. 40(1)'));
    expect(E.isLeft(early) && early.left.message).toContain('59/2022/ND-CP');
    const onTheDay = accountDecider.decide(
      cmd({ type: 'RequestAccount', at: '2024-06-30T17:00:00Z', by: actors.subject, request }),
      initialState,
    );
    expect(E.isRight(onTheDay)).toBe(true);
  });
});

describe('Art. 40(5): accounts granted under Decree 59/2022/ND-CP remain valid', () => {
  const at = '2024-07-01T08:00:00+07:00';

  it('a foreigner’s level-2 account granted in March 2024 is carried over, activated as it was', () => {
    const r = run([
      cmd({
        type: 'CarryOverAccount',
        at,
        by: actors.system,
        subject: aForeigner(),
        level: 2,
        grantedAt: '2024-03-01T09:00:00+07:00',
      }),
    ]);
    expect(basisOf(r.events)).toEqual(['AccountCarriedOver 69/2024/ND-CP Art. 40(5)']);
    expect(r.state.account).toEqual({
      level: 2,
      grantedAt: '2024-03-01T09:00:00+07:00',
      activatedAt: '2024-03-01T09:00:00+07:00',
      carriedOver: true,
      guardian: null,
    });
    expect(r.state.card).toBeNull();
    expect(accountStatus(r.state)).toBe('activated');
  });

  it('Art. 40(6): a citizen’s level-2 account granted before 1 July 2024 gets an electronic identity card', () => {
    const r = run([
      cmd({
        type: 'CarryOverAccount',
        at,
        by: actors.system,
        subject: aCitizen(),
        level: 2,
        grantedAt: '2023-11-15T10:00:00+07:00',
      }),
    ]);
    expect(basisOf(r.events)).toEqual([
      'AccountCarriedOver 69/2024/ND-CP Art. 40(5)',
      'ElectronicIdentityCardIssued 69/2024/ND-CP Art. 40(6)',
    ]);
    expect(r.state.card).toEqual({ issuedAt: at, lockGrounds: [] });
  });

  it('a citizen’s level-1 account gets no electronic identity card (Art. 40(6) is for level 2)', () => {
    const r = run([
      cmd({
        type: 'CarryOverAccount',
        at,
        by: actors.system,
        subject: aCitizen(),
        level: 1,
        grantedAt: '2023-11-15T10:00:00+07:00',
      }),
    ]);
    expect(basisOf(r.events)).toEqual(['AccountCarriedOver 69/2024/ND-CP Art. 40(5)']);
  });

  it('an organisation’s account, without a level', () => {
    const r = run([
      cmd({
        type: 'CarryOverAccount',
        at,
        by: actors.system,
        subject: anOrganisation(),
        level: null,
        grantedAt: '2024-01-15T10:00:00+07:00',
      }),
    ]);
    expect(r.state.account?.level).toBeNull();
  });

  it('a grant at 23:59:59 on 30 June 2024 was under 59/2022; one at 00:00 on 1 July 2024 was not (refused)', () => {
    expect(
      E.isRight(
        accountDecider.decide(
          cmd({
            type: 'CarryOverAccount',
            at,
            by: actors.system,
            subject: aCitizen(),
            level: 2,
            grantedAt: '2024-06-30T23:59:59+07:00',
          }),
          initialState,
        ),
      ),
    ).toBe(true);
    const after = accountDecider.decide(
      cmd({
        type: 'CarryOverAccount',
        at,
        by: actors.system,
        subject: aCitizen(),
        level: 2,
        grantedAt: '2024-07-01T00:00:00+07:00',
      }),
      initialState,
    );
    expect(rejection(after)).toEqual(rejectedWith('NotUnderPreviousDecree', 'Art. 40(5)'));
  });

  it('a carry-over whose grant date is after 1 July 2024 is refused', () => {
    const r = accountDecider.decide(
      cmd({
        type: 'CarryOverAccount',
        at: '2025-01-02T08:00:00+07:00',
        by: actors.system,
        subject: aCitizen(),
        level: 2,
        grantedAt: '2024-09-01T09:00:00+07:00',
      }),
      initialState,
    );
    expect(rejection(r)).toEqual(rejectedWith('NotUnderPreviousDecree', 'Art. 40(5)'));
  });

  it('the carry-over itself is decided under this decree: dated before 1 July 2024, refused (40(1))', () => {
    const r = accountDecider.decide(
      cmd({
        type: 'CarryOverAccount',
        at: '2024-06-30T12:00:00+07:00',
        by: actors.system,
        subject: aCitizen(),
        level: 2,
        grantedAt: '2024-03-01T09:00:00+07:00',
      }),
      initialState,
    );
    expect(rejection(r)).toEqual(rejectedWith('DecreeNotInForce', 'Art. 40(1)'));
  });

  it('only the system carries over (40(5))', () => {
    const r = accountDecider.decide(
      cmd({
        type: 'CarryOverAccount',
        at,
        by: actors.agency,
        subject: aCitizen(),
        level: 2,
        grantedAt: '2024-03-01T09:00:00+07:00',
      }),
      initialState,
    );
    expect(rejection(r)).toEqual(rejectedWith('NotAutomatic', 'Art. 40(5)'));
  });

  it('not onto a stream that already has an account (40(5))', () => {
    const s = run([
      cmd({
        type: 'CarryOverAccount',
        at,
        by: actors.system,
        subject: aCitizen(),
        level: 1,
        grantedAt: '2024-03-01T09:00:00+07:00',
      }),
    ]).state;
    const r = accountDecider.decide(
      cmd({
        type: 'CarryOverAccount',
        at,
        by: actors.system,
        subject: aCitizen(),
        level: 2,
        grantedAt: '2024-03-01T09:00:00+07:00',
      }),
      s,
    );
    expect(rejection(r)).toEqual(rejectedWith('AccountExists', 'Art. 40(5)'));
  });

  it('an individual carries a level, an organisation none (Art. 7)', () => {
    const r = accountDecider.decide(
      cmd({
        type: 'CarryOverAccount',
        at,
        by: actors.system,
        subject: aCitizen(),
        level: null,
        grantedAt: '2024-03-01T09:00:00+07:00',
      }),
      initialState,
    );
    expect(rejection(r)).toEqual(rejectedWith('LevelNotAllowed', 'Art. 7'));
    const org = accountDecider.decide(
      cmd({
        type: 'CarryOverAccount',
        at,
        by: actors.system,
        subject: anOrganisation(),
        level: 2,
        grantedAt: '2024-03-01T09:00:00+07:00',
      }),
      initialState,
    );
    expect(rejection(org)).toEqual(rejectedWith('LevelNotAllowed', 'Art. 7'));
  });

  it('a carried-over foreigner whose residence card has since expired is locked at once (Art. 15(2)(a))', () => {
    const lapsed = aForeigner({
      residenceCard: { type: 'temporary', number: 'TT-1', expiresOn: '2024-05-31' as never },
    });
    const r = run([
      cmd({
        type: 'CarryOverAccount',
        at,
        by: actors.system,
        subject: lapsed,
        level: 2,
        grantedAt: '2024-03-01T09:00:00+07:00',
      }),
    ]);
    expect(r.events.map((e) => e.type)).toEqual(['AccountCarriedOver', 'AccountLocked']);
    expect(r.state.lockGrounds).toEqual(['residence-expired']);
  });
});
