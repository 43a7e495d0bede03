import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from './inMemory.js';
import { describeEventStoreModel, ModelEventCodec as Counted } from './modelConformance.js';

// Art. 17(1) stored eternally, as a property of the in-memory store: the port's model-based suite, which every
// adapter runs (positions here run without gaps).
describeEventStoreModel(
  'in-memory',
  (codec) =>
    Promise.resolve({ store: createInMemoryEventStore({ codec, hashChain: true }), contiguousPositions: true }),
  { numRuns: 100, maxCommands: 60 },
);

// The instant check reads the everyday forms by hand; whatever it is given, it must answer as the regular expression
// and `Date.parse` do: instant-like texts with fields in and out of range, and with a character dropped, added or
// replaced.
const two = (max: number): fc.Arbitrary<string> => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
const instantLike = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    two(13),
    two(32),
    two(25),
    two(61),
    fc.option(fc.tuple(two(61), fc.option(fc.stringMatching(/^[0-9]{0,10}$/)))),
    fc.oneof(
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-', '~'), two(25), two(61)).map((z) => `${z[0]}${z[1]}:${z[2]}`),
    ),
  )
  .map(([y, mo, d, h, mi, sec, zone]) => {
    const s = sec === null ? '' : `:${sec[0]}${sec[1] === null ? '' : `.${sec[1]}`}`;
    return `${y}-${mo}-${d}T${h}:${mi}${s}${zone}`;
  });
const edited = fc.oneof(
  instantLike,
  fc
    .tuple(instantLike, fc.nat(), fc.constantFrom('', '0', '9', '-', ':', 'T', 'Z', '+', '.', ' '))
    .map(([s, i, c]) => s.slice(0, i % (s.length + 1)) + c + s.slice((i % (s.length + 1)) + 1)),
);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

describe('recordedAt', () => {
  it('is accepted exactly when it is an ISO-8601 instant with an offset that Date.parse reads', () => {
    fc.assert(
      fc.property(edited, (at) => {
        const store = createInMemoryEventStore({ codec: Counted });
        const r = store.appendSync(
          'subject-a',
          [{ eventId: randomUUID(), type: 'Counted', data: { type: 'Counted', n: 0, text: '' }, recordedAt: at }],
          'any',
        );
        expect(E.isRight(r)).toBe(ISO_8601.test(at) && !Number.isNaN(Date.parse(at)));
      }),
      { numRuns: 2000 },
    );
  });
});
