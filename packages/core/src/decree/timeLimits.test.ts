import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { accountDecider } from '../account/decide.js';
import { initialState } from '../account/state.js';
import type { Subject } from '../account/subject.js';
import { type CivilDate } from '../calendar/civilDate.js';
import { type Period, periodEnd } from '../calendar/periods.js';
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
import { citationExists } from './catalogue.js';
import { formatCitation } from './citation.js';
import type { Actor } from './competence.js';
import type { AccountLevel } from './eligibility.js';
import type { AccountRequest } from './procedures.js';
import {
  ACTIVATION_WINDOW,
  AGENCY_REQUEST_TIME_LIMITS,
  DECREE_TIME_LIMITS,
  GRANT_TIME_LIMITS,
  type TimeLimit,
  grantTimeLimit,
} from './timeLimits.js';
import { day } from '../../test/helpers.js';

const on = day('2025-07-02');
const summary = (l: TimeLimit) => ({
  id: l.id,
  period: `${l.period.length} ${l.period.unit}`,
  citation: formatCitation(l.citation).replace('69/2024/ND-CP ', ''),
});
const limitFor = (subject: Subject, level: AccountLevel, date: CivilDate = on) =>
  summary(grantTimeLimit(subject, level, date));

const dueBy = (at: string, period: Period) => {
  const r = periodEnd(at, period);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

describe('Art. 13(1): citizens whose card remains valid', () => {
  it('(a) level 1: one working day', () => {
    expect(limitFor(aCitizen(), 1)).toEqual({
      id: 'grant.citizen.level1',
      period: '1 working-days',
      citation: 'Art. 13(1)(a)',
    });
  });

  it('(b) level 2: three working days', () => {
    expect(limitFor(aCitizen(), 2)).toEqual({
      id: 'grant.citizen.level2',
      period: '3 working-days',
      citation: 'Art. 13(1)(b)',
    });
  });
});

describe('Art. 13(2): citizens whose card has expired or who have no card: seven working days', () => {
  const expected = { id: 'grant.citizen.noValidCard', period: '7 working-days', citation: 'Art. 13(2)' };

  it.each([1, 2] as const)('level %i without any card', (level) => {
    expect(limitFor(aCitizen({ identityCard: null }), level)).toEqual(expected);
  });

  it('a card valid through 1 July 2025 has expired on 2 July', () => {
    const c = aCitizen({ identityCard: { ...aCitizen().identityCard!, validUntil: day('2025-07-01') } });
    expect(limitFor(c, 2)).toEqual(expected);
    expect(limitFor(c, 2, day('2025-07-01'))).toEqual({
      id: 'grant.citizen.level2',
      period: '3 working-days',
      citation: 'Art. 13(1)(b)',
    });
  });
});

describe('Art. 13(3): foreigners', () => {
  it('(a) level 1: one working day, whether or not biometrics are on file', () => {
    const expected = { id: 'grant.foreigner.level1', period: '1 working-days', citation: 'Art. 13(3)(a)' };
    expect(limitFor(aForeigner(), 1)).toEqual(expected);
    expect(limitFor(aForeigner({ biometricsOnFile: false }), 1)).toEqual(expected);
  });

  it('(b) level 2 with face photo and fingerprints in the National Immigration Database: three working days', () => {
    expect(limitFor(aForeigner(), 2)).toEqual({
      id: 'grant.foreigner.level2.biometricsOnFile',
      period: '3 working-days',
      citation: 'Art. 13(3)(b)',
    });
  });

  it('(c) level 2 with biometrics not yet on file: seven working days', () => {
    expect(limitFor(aForeigner({ biometricsOnFile: false }), 2)).toEqual({
      id: 'grant.foreigner.level2.biometricsNotOnFile',
      period: '7 working-days',
      citation: 'Art. 13(3)(c)',
    });
  });
});

describe('Art. 13(4): organisations', () => {
  it('(a) information in national or specialised databases: three working days', () => {
    expect(limitFor(anOrganisation(), null)).toEqual({
      id: 'grant.organisation.inDatabases',
      period: '3 working-days',
      citation: 'Art. 13(4)(a)',
    });
  });

  it('(b) not yet in the databases: fifteen days (calendar days, not working days)', () => {
    expect(limitFor(anOrganisation({ inNationalDatabases: false }), null)).toEqual({
      id: 'grant.organisation.notInDatabases',
      period: '15 days',
      citation: 'Art. 13(4)(b)',
    });
  });
});

describe('Art. 13: due instants for a dossier received on Friday 24 January 2025, before the Tet break', () => {
  // The Tet break ran from Saturday 25 January to Sunday 2 February 2025 (Notice 6150/TB-BLDTBXH).
  const received = '2025-01-24T15:00:00+07:00';

  it('1 working day (13(1)(a), 13(3)(a)): Monday 3 February, due by 24:00', () => {
    const r = dueBy(received, GRANT_TIME_LIMITS.citizenLevel1.period);
    expect(r.lastDay).toBe('2025-02-03');
    expect(r.endsAt).toBe('2025-02-04T00:00:00+07:00');
  });

  it('3 working days (13(1)(b), 13(3)(b), 13(4)(a)): Wednesday 5 February', () => {
    expect(dueBy(received, GRANT_TIME_LIMITS.citizenLevel2.period).endsAt).toBe('2025-02-06T00:00:00+07:00');
    expect(dueBy(received, GRANT_TIME_LIMITS.organisationInDatabases.period).lastDay).toBe('2025-02-05');
  });

  it('7 working days (13(2), 13(3)(c)): Tuesday 11 February', () => {
    const r = dueBy(received, GRANT_TIME_LIMITS.foreignerLevel2BiometricsNotOnFile.period);
    expect(r.lastDay).toBe('2025-02-11');
    expect(r.endsAt).toBe('2025-02-12T00:00:00+07:00');
  });

  it('15 days (13(4)(b)): the 15th day is Saturday 8 February, which moves to Monday 10 February (Civil Code 148(5))', () => {
    const r = dueBy(received, GRANT_TIME_LIMITS.organisationNotInDatabases.period);
    expect(r.movedFrom).toBe('2025-02-08');
    expect(r.lastDay).toBe('2025-02-10');
    expect(r.endsAt).toBe('2025-02-11T00:00:00+07:00');
  });

  it('a dossier received at 23:30 UTC on Thursday 23 January is received on Friday 24 January in Vietnam', () => {
    expect(dueBy('2025-01-23T23:30:00Z', GRANT_TIME_LIMITS.citizenLevel1.period).lastDay).toBe('2025-02-03');
    expect(dueBy('2025-01-23T16:30:00Z', GRANT_TIME_LIMITS.citizenLevel1.period).lastDay).toBe('2025-01-24');
  });
});

describe('Art. 13 through the decider: the request records its limit and due instant', () => {
  const received = '2025-01-24T15:00:00+07:00';
  const requested = (request: AccountRequest, by: Actor = actors.officer) => {
    const r = accountDecider.decide(cmd({ type: 'RequestAccount', at: received, by, request }), initialState);
    if (E.isLeft(r)) throw new Error(r.left.message);
    const e = r.right[0];
    if (e?.type !== 'AccountRequested') throw new Error('expected AccountRequested');
    return { dueBy: e.dueBy, timeLimitId: e.timeLimitId, timeLimit: formatCitation(e.timeLimit) };
  };

  it('a citizen’s level 1 on the app', () => {
    expect(requested(level1OnApp(aCitizen()), actors.subject)).toEqual({
      dueBy: '2025-02-04T00:00:00+07:00',
      timeLimitId: 'grant.citizen.level1',
      timeLimit: '69/2024/ND-CP Art. 13(1)(a)',
    });
  });

  it('a foreigner’s level 2 with biometrics not on file', () => {
    expect(requested(level2InPerson(aForeigner({ biometricsOnFile: false })))).toEqual({
      dueBy: '2025-02-12T00:00:00+07:00',
      timeLimitId: 'grant.foreigner.level2.biometricsNotOnFile',
      timeLimit: '69/2024/ND-CP Art. 13(3)(c)',
    });
  });

  it('a citizen without a card applying with the card application: 7 working days (13(2))', () => {
    expect(requested(level2InPerson(aCitizen({ identityCard: null }), { withCardApplication: true }))).toEqual({
      dueBy: '2025-02-12T00:00:00+07:00',
      timeLimitId: 'grant.citizen.noValidCard',
      timeLimit: '69/2024/ND-CP Art. 13(2)',
    });
  });

  it('an organisation not in the databases: 15 days', () => {
    expect(
      requested(organisationOnApp(anOrganisation({ inNationalDatabases: false })), actors.legalRepresentative),
    ).toEqual({
      dueBy: '2025-02-11T00:00:00+07:00',
      timeLimitId: 'grant.organisation.notInDatabases',
      timeLimit: '69/2024/ND-CP Art. 13(4)(b)',
    });
  });
});

describe('the other time limits of the decree', () => {
  it('Art. 14(1): 7 days to activate on the app after the notice of grant', () => {
    expect(summary(ACTIVATION_WINDOW)).toEqual({ id: 'activation.app', period: '7 days', citation: 'Art. 14(1)' });
  });

  it('competent agencies’ requests: 1 working day to forward, 2 to decide (Arts. 15(2)(d)-(dd), 15(3)(c)-(d), 29(4)-(5), 30(4)-(5))', () => {
    const t = AGENCY_REQUEST_TIME_LIMITS;
    expect(
      [
        t.forwardAccountLock,
        t.decideAccountLock,
        t.forwardAccountUnlock,
        t.decideAccountUnlock,
        t.forwardCardLock,
        t.decideCardLock,
        t.forwardCardUnlock,
        t.decideCardUnlock,
      ].map((l) => `${summary(l).citation}: ${summary(l).period}`),
    ).toEqual([
      'Art. 15(2)(d): 1 working-days',
      'Art. 15(2)(dd): 2 working-days',
      'Art. 15(3)(c): 1 working-days',
      'Art. 15(3)(d): 2 working-days',
      'Art. 29(4): 1 working-days',
      'Art. 29(5): 2 working-days',
      'Art. 30(4): 1 working-days',
      'Art. 30(5): 2 working-days',
    ]);
  });

  it('every time limit cites a clause the decree has, and has its own id', () => {
    for (const l of DECREE_TIME_LIMITS) expect(citationExists(l.citation), l.id).toBe(true);
    expect(new Set(DECREE_TIME_LIMITS.map((l) => l.id)).size).toBe(DECREE_TIME_LIMITS.length);
  });
});
