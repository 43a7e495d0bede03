import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventsCheck, ISO_INSTANT, isIsoInstant, isPlainInstant } from './requestChecks.js';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Texts shaped like instants, their fields a little beyond their ranges, and some that are not instants at all. */
const instantLike = fc.oneof(
  fc
    .record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 61 }),
      second: fc.option(fc.integer({ min: 0, max: 61 }), { nil: undefined }),
      fraction: fc.option(fc.stringMatching(/^\d{0,4}$/), { nil: undefined }),
      zone: fc.constantFrom('Z', '+07:00', '-00:30', '+24:00', '+07:60', '+0700', ''),
    })
    .map(
      (f) =>
        `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:${pad(f.minute, 2)}` +
        (f.second === undefined ? '' : `:${pad(f.second, 2)}${f.fraction === undefined ? '' : `.${f.fraction}`}`) +
        f.zone,
    ),
  fc.string(),
);

describe('request checks', () => {
  it('let the fast path admit only instants that the full check admits', () => {
    fc.assert(
      fc.property(instantLike, (s) => {
        if (isPlainInstant(s)) expect(ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s))).toBe(true);
        expect(isIsoInstant(s)).toBe(ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s)));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuse a batch whose recordedAt is not an instant even after a valid one was remembered', () => {
    const check = eventsCheck();
    const event = (recordedAt: unknown) => ({ eventId: 'e-1', type: 'Noted', data: {}, recordedAt });
    expect(check('s-1', [event('2024-07-01T08:00:00+07:00')])).toBeUndefined();
    expect(check('s-1', [event('2024-07-01T08:00:00+07:00'), event('2024-02-30T08:00')])).toMatchObject({
      _tag: 'InvalidArgument',
      reason: expect.stringContaining('stream s-1, event 1: recordedAt') as unknown,
    });
  });

  it('apply an adapter rule on event ids in place of the common one, and a rule on types after it', () => {
    const check = eventsCheck({
      eventId: (id) => (id === 'ok' ? undefined : ': eventId refused'),
      type: (type) => (type.startsWith('$') ? ': type refused' : undefined),
    });
    expect(check('s-1', [{ eventId: 'ok', type: 'Noted', data: {} }])).toBeUndefined();
    expect(check('s-1', [{ eventId: '', type: 'Noted', data: {} }])).toMatchObject({
      reason: expect.stringContaining('stream s-1, event 0: eventId refused') as unknown,
    });
    expect(check('s-1', [{ eventId: 'ok', type: '', data: {} }])).toMatchObject({
      reason: expect.stringContaining('stream s-1, event 0 has no type') as unknown,
    });
    expect(check('s-1', [{ eventId: 'ok', type: '$metadata', data: {} }])).toMatchObject({
      reason: expect.stringContaining('stream s-1, event 0: type refused') as unknown,
    });
  });
});
