import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatVietnamInstant } from '@dinhdanh/core';
import { type Lifecycle, lifecycleArb } from '@dinhdanh/core/testing';
import { audit } from './audit.js';
import { auditCheck } from './checks.js';
import { findingText } from './format.js';
import { recordLives, storedEvents } from './history.testSupport.js';
import { type Injected, MUTATIONS, SEALED_MUTATIONS, inject, injectSealed, lawfulOf } from './injection.testSupport.js';

// Histories the decider produced, with one violation injected (injection.testSupport.ts), are caught by the check for
// the clause broken, on the event (or stream) broken. Each mutation runs over generated lawful lifecycles, recorded
// through the command handler with the daily review of lock grounds; those that offer no place for it are skipped.

const DAY = 86_400_000;

const livesArb = fc.uniqueArray(lifecycleArb({ maxMoves: 12 }), {
  minLength: 1,
  maxLength: 3,
  selector: (l) => l.subjectId,
});

/** Judged 400 days after the last command: every injected event (moved at most 60 days) is in view. */
const horizon = (lives: readonly Lifecycle[]): number =>
  Math.max(...lives.flatMap((l) => l.commands.map((c) => Date.parse(c.at))), Date.parse('2024-07-01T00:00:00+07:00')) +
  400 * DAY;

const lawful = async (lives: readonly Lifecycle[]) =>
  lawfulOf(storedEvents(await recordLives(lives, { review: true, until: horizon(lives) })));

const caught = async (x: Injected, asOfMs: number): Promise<void> => {
  expect(auditCheck(x.check), `${x.check} is not in AUDIT_CHECKS`).toBeDefined();
  const report = await audit(x.log, {
    asOf: formatVietnamInstant(asOfMs),
    ...(x.digest === undefined ? {} : { digest: x.digest }),
  });
  const hit = report.findings.find(
    (f) =>
      f.check === x.check &&
      (x.target.streamId === '' || f.streamId === x.target.streamId) &&
      (x.target.revision === undefined || f.revision === x.target.revision),
  );
  expect(
    hit,
    `${x.mutation}: no ${x.check} at ${JSON.stringify(x.target)}\n${report.findings.map(findingText).join('\n')}`,
  ).toBeDefined();
};

describe('injected violations are caught by the check for their clause', () => {
  for (const m of MUTATIONS) {
    it(`${m.name}`, async () => {
      await fc.assert(
        fc.asyncProperty(livesArb, fc.nat(), async (lives, pick) => {
          const x = inject(await lawful(lives), m, pick);
          fc.pre(x !== null);
          if (x !== null) await caught(x, horizon(lives));
        }),
        { numRuns: 8 },
      );
    });
  }

  for (const name of SEALED_MUTATIONS) {
    it(`Art. 17(1): ${name}`, async () => {
      await fc.assert(
        fc.asyncProperty(livesArb, fc.nat(), async (lives, pick) => {
          const x = await injectSealed(await lawful(lives), name, pick);
          fc.pre(x !== null);
          if (x !== null) await caught(x, horizon(lives));
        }),
        { numRuns: 8 },
      );
    });
  }
});
