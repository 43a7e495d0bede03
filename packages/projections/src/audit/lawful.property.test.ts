import { Writable } from 'node:stream';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type Lifecycle, lifecycleArb } from '@dinhdanh/core/testing';
import { exportNdjson, formatVietnamInstant } from '@dinhdanh/core';
import { audit } from './audit.js';
import { AUDIT_CHECKS } from './checks.js';
import type { Finding } from './finding.js';
import { toJson } from './format.js';
import { ndjsonLog, storeLog } from './source.js';
import { recordLives, storedEvents } from './history.testSupport.js';

// The audit and the decider are two readings of the decree (DESIGN idea 9). These properties hold them against each
// other over generated lifecycles (`lifecycleArb`) recorded through the command handler into a hash-chained store.

const DAY = 86_400_000;

const livesArb = fc.uniqueArray(lifecycleArb({ maxMoves: 10 }), {
  minLength: 1,
  maxLength: 3,
  selector: (l) => l.subjectId,
});

/** Some instant at or after the last command: the same instant, within days, or years later. */
const laterArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 40 * DAY }),
  fc.integer({ min: 40 * DAY, max: 3 * 365 * DAY }),
);

const lastCommandMs = (lives: readonly Lifecycle[]): number =>
  Math.max(...lives.flatMap((l) => l.commands.map((c) => Date.parse(c.at))), Date.parse('2024-07-01T00:00:00+07:00'));

const show = (fs: readonly Finding[]): string =>
  fs.map((f) => `${f.check} ${f.streamId}@${f.revision ?? '-'} ${f.at}: ${f.found}`).join('\n');

/** Lateness is recorded, not refused (DESIGN idea 7): the only findings a decider history may carry. */
const LATENESS = new Set(AUDIT_CHECKS.filter((k) => k.severity === 'lateness').map((k) => k.id));

/** Locks the operator's daily review makes: without the review they are missing or late. */
const REVIEW = new Set(['locking.left-unlocked', 'locking.lock-late']);

/** An NDJSON sink that keeps what is written. */
const textSink = (): Writable & { readonly text: () => string } => {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(w, { text: () => chunks.join('') });
};

describe('the audit against the account decider (through the command handler)', () => {
  it('Arts. 7-17, 40: every decider history, with the daily review of lock grounds run through asOf, has only lateness findings (Arts. 13, 15(2)(d)-(dd), 29-30)', async () => {
    await fc.assert(
      fc.asyncProperty(livesArb, laterArb, async (lives, later) => {
        const asOfMs = lastCommandMs(lives) + later;
        const store = await recordLives(lives, { review: true, until: asOfMs });
        const report = await audit(storeLog(store, { pageSize: 7 }), { asOf: formatVietnamInstant(asOfMs) });
        const unlawful = report.findings.filter((f) => !LATENESS.has(f.check) || f.severity !== 'lateness');
        expect(unlawful, show(unlawful)).toEqual([]);
        expect(report.events).toBe(storedEvents(store).length);
      }),
      { numRuns: 80 },
    );
  });

  it('Art. 15: without the review, decider histories break only the checks the review serves (left unlocked, locked late)', async () => {
    await fc.assert(
      fc.asyncProperty(livesArb, laterArb, async (lives, later) => {
        const asOfMs = lastCommandMs(lives) + later;
        const store = await recordLives(lives, { review: false });
        const report = await audit(storeLog(store), { asOf: formatVietnamInstant(asOfMs) });
        const other = report.findings.filter((f) => !LATENESS.has(f.check) && !REVIEW.has(f.check));
        expect(other, show(other)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('Art. 17(1): a store and its NDJSON export (exportNdjson) give the same report, but for line numbers; the JSON is byte-identical run to run', async () => {
    await fc.assert(
      fc.asyncProperty(livesArb, laterArb, async (lives, later) => {
        const asOfMs = lastCommandMs(lives) + later;
        const asOf = formatVietnamInstant(asOfMs);
        const store = await recordLives(lives, { review: true, until: asOfMs });
        const sink = textSink();
        const exported = await exportNdjson(store, sink, { clock: () => asOf })();
        if (E.isLeft(exported)) throw new Error(`export failed: ${JSON.stringify(exported.left)}`);
        const fromStore = await audit(storeLog(store), { asOf });
        const fromFile = await audit(ndjsonLog([sink.text()]), { asOf, digest: exported.right.digest });
        const again = await audit(storeLog(store), { asOf });
        expect(toJson(again)).toBe(toJson(fromStore));
        expect(fromFile.findings.map(({ line: _line, ...f }) => f)).toEqual(fromStore.findings);
        expect(fromFile.events).toBe(fromStore.events);
      }),
      { numRuns: 25 },
    );
  });
});
