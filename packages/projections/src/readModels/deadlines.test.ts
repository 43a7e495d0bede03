import { type AccountCommand, art } from '@dinhdanh/core';
import { actors, cmd } from '@dinhdanh/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { deadlinesOnVietnamCalendar, obligationsOf, openObligations, overdue } from './deadlines.js';
import { BEN, CHI, COURT, DUC, EVA, evaLockedLater, modelOf, record, story } from './story.testSupport.js';

const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(JSON.stringify(e.left));
  return e.right;
};

describe('the deadlines read model: every open legal obligation with its due instant and clause', () => {
  it('lists what is still owed, earliest due first: a grant (Art. 13(3)(a)), an app activation (Art. 14(1)), forwarding (Art. 15(2)(d)) and deciding (Art. 15(2)(dd)) a court request', async () => {
    const model = modelOf(deadlinesOnVietnamCalendar, await record(story()));
    expect(openObligations(model).map((o) => [o.subjectId, o.kind, o.dueBy, o.citation])).toEqual([
      [BEN, 'grant', '2025-07-04T00:00:00+07:00', art(13, 3, 'a')],
      [CHI, 'activation', '2025-07-11T00:00:00+07:00', art(14, 1)],
      [DUC, 'forward-agency-request', '2025-07-15T00:00:00+07:00', art(15, 2, 'd')],
      [EVA, 'decide-agency-request', '2025-07-17T00:00:00+07:00', art(15, 2, 'dd')],
    ]);
    expect(obligationsOf(model, DUC)).toMatchObject([
      {
        id: 'forward:TK03-2025-001',
        owedBy: 'public-security',
        since: '2025-07-11T15:00:00+07:00',
        agencyRequest: { requestId: 'TK03-2025-001', action: 'lock', target: 'account', agency: COURT },
      },
    ]);
  });

  it('closes an obligation when it is met: the decision on the court request leaves nothing open for Eva', async () => {
    const model = modelOf(deadlinesOnVietnamCalendar, await record([...story(), ...evaLockedLater()]));
    expect(obligationsOf(model, EVA)).toEqual([]);
  });

  it('overdue as of an instant, late by working days on the Vietnamese calendar (Civil Code Art. 148)', async () => {
    const model = modelOf(deadlinesOnVietnamCalendar, await record(story()));
    // Ben's grant was due by the end of Thursday 3 July; on Monday 7 July two working days (Fri, Mon) have passed.
    expect(right(overdue(model, '2025-07-07T12:00:00+07:00')).map((o) => [o.subjectId, o.workingDaysLate])).toEqual([
      [BEN, 2],
    ]);
    // On Friday 4 July at noon the grant is overdue by the day under way.
    expect(right(overdue(model, '2025-07-04T12:00:00+07:00'))).toMatchObject([{ subjectId: BEN, workingDaysLate: 1 }]);
    // Wednesday 16 July: the activation window ended with Thursday 10 July (Fri, Mon, Tue, Wed), forwarding with Monday 14.
    expect(right(overdue(model, '2025-07-16T09:00:00+07:00')).map((o) => [o.kind, o.workingDaysLate])).toEqual([
      ['grant', 9],
      ['activation', 4],
      ['forward-agency-request', 2],
    ]);
    // At the very end of a period nothing is late yet.
    expect(right(overdue(model, '2025-07-04T00:00:00+07:00'))).toEqual([]);
  });

  it('a court request to unlock owes forwarding (Art. 15(3)(c)) and then a decision (Art. 15(3)(d))', async () => {
    const unlock = (): AccountCommand =>
      cmd({
        type: 'ReceiveAgencyRequest',
        subjectId: EVA,
        at: '2025-09-01T09:00:00+07:00',
        by: actors.police,
        requestId: 'TK03-2025-003',
        action: 'unlock',
        target: 'account',
        agency: COURT,
      });
    const forward = (): AccountCommand =>
      cmd({
        type: 'ForwardAgencyRequest',
        subjectId: EVA,
        at: '2025-09-03T09:00:00+07:00',
        by: actors.police,
        requestId: 'TK03-2025-003',
      });
    const steps = [...story(), ...evaLockedLater(), unlock()];
    const received = modelOf(deadlinesOnVietnamCalendar, await record(steps));
    expect(obligationsOf(received, EVA).map((o) => [o.kind, o.citation])).toEqual([
      ['forward-agency-request', art(15, 3, 'c')],
    ]);
    const forwarded = modelOf(deadlinesOnVietnamCalendar, await record([...steps, forward()]));
    expect(obligationsOf(forwarded, EVA).map((o) => [o.kind, o.citation])).toEqual([
      ['decide-agency-request', art(15, 3, 'd')],
    ]);
  });

  it('refuses an as-of that is not an instant', async () => {
    const model = modelOf(deadlinesOnVietnamCalendar, await record(story()));
    expect(overdue(model, 'yesterday')).toMatchObject(E.left({ _tag: 'InvalidDeadlineQuery' }));
  });
});
