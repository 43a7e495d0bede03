import { art } from '@dinhdanh/core';
import { actors, cmd } from '@dinhdanh/core/testing';
import { describe, expect, it } from 'vitest';
import { lockHistory, lockRegisterProjection, lockedAccounts, lockedOnGround, whatHappened } from './lockRegister.js';
import { ANNA, BEN, COURT, EVA, evaLockedLater, modelOf, record, story } from './story.testSupport.js';

describe('the lock register', () => {
  it('answers seed 000: a foreigner who asked to be locked is locked (Art. 15(2)(a)), and everything about her is still stored (Art. 17(1)-(2))', async () => {
    const model = modelOf(lockRegisterProjection, await record(story()));
    const told = whatHappened(model, ANNA);
    expect(told).toMatchObject({
      subjectId: ANNA,
      kind: 'foreigner',
      locked: true,
      askedToBeLocked: true,
      standingGrounds: [{ ground: 'own-request', since: '2025-08-01T20:00:00+07:00', legalBasis: art(15, 2, 'a') }],
      history: [
        {
          at: '2025-08-01T20:00:00+07:00',
          target: 'account',
          event: 'locked',
          ground: 'own-request',
          legalBasis: art(15, 2, 'a'),
          askedBy: { actor: { role: 'subject', id: 'subject' }, agency: null, requestId: null },
        },
      ],
      stillStored: {
        identity: {
          events: 5,
          eventTypes: {
            AccountRequested: 1,
            IdentityVerified: 1,
            AccountGranted: 1,
            AccountActivated: 1,
            AccountLocked: 1,
          },
          since: '2025-07-02T09:00:00+07:00',
          retention: 'eternal',
          legalBasis: art(17, 1),
        },
        logins: {
          events: 2,
          lastLoginAt: '2025-07-20T08:00:00+07:00',
          keptAtLeastUntil: '2030-07-20T08:00:00+07:00',
          legalBasis: art(17, 2),
        },
      },
      optOut: { exists: false, legalBasis: [art(15, 2, 'a'), art(15, 3, 'a'), art(17, 1), art(17, 2)] },
    });
    expect(told?.optOut.explanation).toContain('no opt-out and no erasure');
    expect(whatHappened(model, 'nobody')).toBeUndefined();
  });

  it('unlocked on her own request (Art. 15(3)(a)): the history keeps both steps and nothing stored is gone', async () => {
    const model = modelOf(
      lockRegisterProjection,
      await record([
        ...story(),
        cmd({ type: 'RequestUnlock', subjectId: ANNA, at: '2025-09-01T10:00:00+07:00', by: actors.subject }),
      ]),
    );
    const told = whatHappened(model, ANNA);
    expect(told?.locked).toBe(false);
    expect(told?.askedToBeLocked).toBe(true);
    expect(told?.history.map((h) => [h.event, h.ground, h.legalBasis])).toEqual([
      ['locked', 'own-request', art(15, 2, 'a')],
      ['unlocked', 'own-request', art(15, 3, 'a')],
    ]);
    expect(told?.stillStored.identity.events).toBe(6);
    expect(lockedAccounts(model)).toEqual([]);
  });

  it('names the competent agency and its Form TK03 request behind a lock it asked for (Art. 15(2)(c)-(dd))', async () => {
    const model = modelOf(lockRegisterProjection, await record([...story(), ...evaLockedLater()]));
    expect(lockedAccounts(model).map((r) => r.subjectId)).toEqual([ANNA, EVA]);
    expect(lockedOnGround(model, 'competent-agency-request').map((r) => r.subjectId)).toEqual([EVA]);
    expect(lockHistory(model, EVA)).toMatchObject([
      {
        event: 'locked',
        ground: 'competent-agency-request',
        legalBasis: art(15, 2, 'dd'),
        askedBy: { actor: { role: 'management-agency', id: 'C06' }, agency: COURT, requestId: 'TK03-2025-002' },
      },
    ]);
    expect(lockHistory(model, BEN)).toEqual([]);
    expect(whatHappened(model, EVA)?.askedToBeLocked).toBe(false);
  });
});
