import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../inMemory.js';
import { importNdjson } from './ndjson.js';
import { exportText, textSource } from './testSupport.js';
import { verifyLog } from './verify.js';

const event = fc.record({
  stream: fc.constantFrom('subject-a', 'subject-b', 'subject-c', 'login-a', 'other-x'),
  extra: fc.jsonValue({ maxDepth: 2 }),
  value: fc.stringMatching(/^[a-z0-9]{1,12}$/),
  tagged: fc.boolean(),
});

type Noted = typeof event extends fc.Arbitrary<infer T> ? T : never;

const build = (events: ReadonlyArray<Noted>, hashChain: boolean) => {
  const store = createInMemoryEventStore({ codec: t.unknown, hashChain, clock: () => '2025-01-01T00:00:00.000Z' });
  events.forEach((e, i) => {
    const r = store.appendSync(
      e.stream,
      [
        {
          eventId: `e-${i}`,
          type: 'Noted',
          data: { extra: e.extra, zzvalue: e.value },
          ...(e.tagged ? { metadata: { i } } : {}),
        },
      ],
      'any',
    );
    if (E.isLeft(r)) throw new Error(r.left._tag);
  });
  return store;
};

describe('NDJSON export properties (Art. 17(1): a log survives any round trip, and no change to it goes unnoticed)', () => {
  it('for any history, export-import-export is byte-identical and the file verifies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 30 }), fc.boolean(), async (events, hashChain) => {
        const text = await exportText(build(events, hashChain));
        const report = await verifyLog(textSource(text, 97))();
        expect(report).toMatchObject(E.right({ ok: true, events: events.length }));
        const target = createInMemoryEventStore({ codec: t.unknown, hashChain: !hashChain });
        const imported = await importNdjson(() => textSource(text, 97), target, { codec: t.unknown })();
        expect(E.isRight(imported)).toBe(true);
        expect(await exportText(target)).toBe(text);
      }),
      { numRuns: 60 },
    );
  });

  it('any single-character change inside a data value of any line is detected at that line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
        async (events, lineSeed, charSeed, replacement) => {
          const text = await exportText(build(events, false));
          const lines = text.split('\n').slice(0, -1);
          const k = lineSeed % lines.length;
          const l = lines[k] as string;
          const start = l.lastIndexOf('"zzvalue":"', l.indexOf(',"metadata":')) + '"zzvalue":"'.length;
          const length = l.indexOf('"', start) - start;
          const at = start + (charSeed % length);
          fc.pre(l[at] !== replacement);
          lines[k] = l.slice(0, at) + replacement + l.slice(at + 1);
          const report = await verifyLog(textSource(lines.map((x) => `${x}\n`).join('')))();
          expect(report).toMatchObject(E.right({ ok: false, failure: { kind: 'hash', line: k + 1 } }));
        },
      ),
      { numRuns: 100 },
    );
  });
});
