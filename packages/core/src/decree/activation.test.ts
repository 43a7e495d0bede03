import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { accountDecider } from '../account/decide.js';
import { accountStatus, initialState } from '../account/state.js';
import { aForeigner, actors, anOrganisation, cmd, level1OnApp, organisationOnApp } from '../testing/fixtures.js';
import { activationWindowEnd, checkActivation } from './activation.js';
import { formatCitation } from './citation.js';
import { rejectedWith, rejection, run } from '../../test/helpers.js';

const windowEnd = (noticeAt: string) => {
  const r = activationWindowEnd(noticeAt);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const onApp = (noticeAt: string, at: string) => checkActivation('app', noticeAt, Date.parse(at));

describe('Art. 14(1): activation on the app within 7 days after the notice of grant', () => {
  // Notice on Monday 3 March 2025: the day of the notice is not counted (Civil Code 147(2)); day 7 is Monday 10 March.
  const notice = '2025-03-03T10:00:00+07:00';

  it('the window ends at 24:00 on day 7 in Vietnam', () => {
    expect(windowEnd(notice)).toMatchObject({ lastDay: '2025-03-10', endsAt: '2025-03-11T00:00:00+07:00' });
  });

  it('activation on day 7, up to its last minute, is allowed', () => {
    expect(onApp(notice, '2025-03-10T09:00:00+07:00')).toEqual(E.right(expect.anything()));
    expect(onApp(notice, '2025-03-10T23:59:59+07:00')).toEqual(E.right(expect.anything()));
    expect(E.isRight(onApp(notice, '2025-03-10T16:59:59Z'))).toBe(true);
  });

  it('after the window, activation on the app is refused and points to the hotline', () => {
    const r = onApp(notice, '2025-03-11T00:00:00+07:00');
    expect(rejection(r)).toEqual(rejectedWith('ActivationWindowClosed', 'Art. 14(1)'));
    expect(E.isLeft(r) && r.left.message).toMatch(/hotline/);
    expect(E.isLeft(r) && r.left.message).toContain('2025-03-11T00:00:00+07:00');
  });

  it('the hotline may be used at any time, within the window or long after it', () => {
    expect(E.isRight(checkActivation('hotline', notice, Date.parse('2025-03-04T09:00:00+07:00')))).toBe(true);
    expect(E.isRight(checkActivation('hotline', notice, Date.parse('2026-03-04T09:00:00+07:00')))).toBe(true);
  });

  it('a notice at 18:00 UTC on Sunday 2 March is received on Monday 3 March in Vietnam', () => {
    expect(windowEnd('2025-03-02T18:00:00Z').lastDay).toBe('2025-03-10');
  });
});

describe('Art. 14(1) with Civil Code 2015 Art. 148(5): a last day off moves to the next working day', () => {
  it('a notice on Saturday 1 March: day 7 is Saturday 8 March, moved to Monday 10 March', () => {
    const end = windowEnd('2025-03-01T10:00:00+07:00');
    expect(end).toMatchObject({ movedFrom: '2025-03-08', lastDay: '2025-03-10', endsAt: '2025-03-11T00:00:00+07:00' });
    expect(E.isRight(onApp('2025-03-01T10:00:00+07:00', '2025-03-10T20:00:00+07:00'))).toBe(true);
    expect(rejection(onApp('2025-03-01T10:00:00+07:00', '2025-03-11T00:00:01+07:00'))).toEqual(
      rejectedWith('ActivationWindowClosed', 'Art. 14(1)'),
    );
  });

  it('a notice on Wednesday 23 April 2025: day 7 is the 30 April holiday; the break runs to Sunday 4 May, so Monday 5 May', () => {
    expect(windowEnd('2025-04-23T10:00:00+07:00')).toMatchObject({ movedFrom: '2025-04-30', lastDay: '2025-05-05' });
  });

  it('a window that ends on a working day does not move', () => {
    expect(windowEnd('2025-03-03T10:00:00+07:00').movedFrom).toBeUndefined();
  });
});

describe('Art. 14(1) through the decider', () => {
  const granted = (grantAt: string) =>
    run([
      cmd({
        type: 'RequestAccount',
        at: '2025-02-28T09:00:00+07:00',
        by: actors.subject,
        request: level1OnApp(aForeigner()),
      }),
      cmd({
        type: 'VerifyIdentity',
        at: '2025-02-28T09:05:00+07:00',
        by: actors.system,
        outcome: {
          result: 'verified',
          verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: false },
        },
      }),
      cmd({ type: 'GrantAccount', at: grantAt, by: actors.system }),
    ]).state;

  it('on the app on day 7 after a Monday grant: activated, recording when the window ends', () => {
    const s = granted('2025-03-03T10:00:00+07:00');
    const r = run(
      [cmd({ type: 'ActivateAccount', at: '2025-03-10T22:00:00+07:00', by: actors.subject, channel: 'app' })],
      s,
    );
    expect(r.events).toMatchObject([
      { type: 'AccountActivated', channel: 'app', windowEndsAt: '2025-03-11T00:00:00+07:00' },
    ]);
    expect(formatCitation(r.events[0]!.legalBasis)).toBe('69/2024/ND-CP Art. 14(1)');
    expect(accountStatus(r.state)).toBe('activated');
  });

  it('on the app after the window: refused; through the hotline: activated', () => {
    const s = granted('2025-03-03T10:00:00+07:00');
    const late = accountDecider.decide(
      cmd({ type: 'ActivateAccount', at: '2025-03-11T08:00:00+07:00', by: actors.subject, channel: 'app' }),
      s,
    );
    expect(rejection(late)).toEqual(rejectedWith('ActivationWindowClosed', 'Art. 14(1)'));
    const hotline = run(
      [cmd({ type: 'ActivateAccount', at: '2025-03-11T08:00:00+07:00', by: actors.agency, channel: 'hotline' })],
      s,
    );
    expect(hotline.events).toMatchObject([{ type: 'AccountActivated', channel: 'hotline' }]);
  });

  it('a grant on Saturday 1 March: the app still works on Monday 10 March', () => {
    const s = granted('2025-03-01T10:00:00+07:00');
    const r = run(
      [cmd({ type: 'ActivateAccount', at: '2025-03-10T20:00:00+07:00', by: actors.subject, channel: 'app' })],
      s,
    );
    expect(r.events).toMatchObject([{ type: 'AccountActivated', windowEndsAt: '2025-03-11T00:00:00+07:00' }]);
  });

  it('an account is activated once', () => {
    const s = run(
      [cmd({ type: 'ActivateAccount', at: '2025-03-04T08:00:00+07:00', by: actors.subject, channel: 'app' })],
      granted('2025-03-03T10:00:00+07:00'),
    ).state;
    const again = accountDecider.decide(
      cmd({ type: 'ActivateAccount', at: '2025-03-05T08:00:00+07:00', by: actors.agency, channel: 'hotline' }),
      s,
    );
    expect(rejection(again)).toEqual(rejectedWith('AlreadyActivated', 'Art. 14(1)'));
  });

  it('nothing to activate before the grant', () => {
    const r = accountDecider.decide(
      cmd({ type: 'ActivateAccount', at: '2025-03-04T08:00:00+07:00', by: actors.subject, channel: 'app' }),
      initialState,
    );
    expect(rejection(r)).toEqual(rejectedWith('NoAccount', 'Art. 14(1)'));
  });

  it('an organisation activates too (Art. 14(1): "individuals, agencies or organizations")', () => {
    const org = anOrganisation();
    const s = run([
      cmd({
        type: 'RequestAccount',
        at: '2025-03-03T09:00:00+07:00',
        by: actors.legalRepresentative,
        request: organisationOnApp(org),
      }),
      cmd({
        type: 'VerifyIdentity',
        at: '2025-03-03T09:05:00+07:00',
        by: actors.system,
        outcome: {
          result: 'verified',
          verification: { against: 'national-databases', faceMatched: false, fingerprintsMatched: false },
        },
      }),
      cmd({ type: 'GrantAccount', at: '2025-03-03T10:00:00+07:00', by: actors.agency }),
    ]).state;
    const r = run(
      [
        cmd({
          type: 'ActivateAccount',
          at: '2025-03-05T10:00:00+07:00',
          by: actors.legalRepresentative,
          channel: 'app',
        }),
      ],
      s,
    );
    expect(accountStatus(r.state)).toBe('activated');
  });
});
