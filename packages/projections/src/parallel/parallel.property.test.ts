import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Digest, exportNdjson } from '@dinhdanh/core';
import { VIOLATION_KIND_IDS, type ViolationKind, simulate } from '@dinhdanh/core/testing';
import { audit, auditStore } from '../audit/audit.js';
import { toJson } from '../audit/format.js';
import { ndjsonFileLog } from '../audit/source.js';
import { accountsProjection } from '../readModels/accounts.js';
import { deadlinesOnVietnamCalendar } from '../readModels/deadlines.js';
import { lockRegisterProjection } from '../readModels/lockRegister.js';
import { loginHistoryProjection } from '../readModels/loginHistory.js';
import { statisticsOnVietnamCalendar } from '../readModels/statistics.js';
import type { KeyedProjection } from '../projection.js';
import { rebuild } from '../runner/runner.js';
import { serializeReadModel } from '../runner/serialize.js';
import { auditInParallel } from './auditInParallel.js';
import { type ReplayPool, createReplayPool } from './pool.js';
import { projectionRef, rebuildInParallel } from './rebuildInParallel.js';

// Partitioned replay must not change what the audit of Art. 17 and the decree's other articles reports, nor any read
// model: for N = 1..4 workers, the merged result equals the single-threaded one on simulated logs, lawful or with
// injected violations, exported as NDJSON and then, sometimes, damaged (so that the global chain and the digest,
// which stay in the coordinating thread, have something to find).

const SIZES = [1, 2, 3, 4] as const;
const pools = new Map<number, ReplayPool>();
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dinhdanh-parallel-'));
  for (const n of SIZES) pools.set(n, createReplayPool({ workers: n }));
});

afterAll(async () => {
  await Promise.all([...pools.values()].map((p) => p.close()));
  await rm(dir, { recursive: true, force: true });
});

const poolOf = (n: number): ReplayPool => pools.get(n) as ReplayPool;

const FROM = '2025-01-01T00:00:00+07:00';
const TO = '2025-06-30T23:59:59+07:00';

interface Population {
  readonly seed: number;
  readonly subjects: number;
  readonly violations: readonly ViolationKind[] | undefined;
}

const populationArb: fc.Arbitrary<Population> = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  subjects: fc.integer({ min: 1, max: 15 }),
  violations: fc.option(fc.subarray([...VIOLATION_KIND_IDS], { minLength: 1, maxLength: 4 }), { nil: undefined }),
});

/** As of the end of the period, a later instant, or the middle of it (later events are left out). */
const asOfArb = fc.constantFrom('2025-07-01T00:00:00+07:00', '2027-01-01T00:00:00+07:00', '2025-04-01T12:00:00+07:00');

/** What happens to the file after the export. */
type Damage =
  | { readonly kind: 'none' }
  | { readonly kind: 'drop' | 'edit' | 'garbage' | 'blank'; readonly at: number }
  | { readonly kind: 'swap'; readonly at: number }
  | { readonly kind: 'truncate'; readonly keep: number };

const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Damage>({ kind: 'none' }) },
  fc.record({ kind: fc.constantFrom('drop', 'edit', 'garbage', 'blank', 'swap'), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate'), keep: fc.nat() }),
);

const damage = (text: string, d: Damage): string => {
  if (d.kind === 'none') return text;
  const lines = text.split('\n').slice(0, -1);
  if (lines.length === 0) return text;
  if (d.kind === 'truncate') return lines.slice(0, d.keep % lines.length).join('\n');
  const i = d.at % lines.length;
  const line = lines[i] as string;
  if (d.kind === 'drop') lines.splice(i, 1);
  else if (d.kind === 'edit') lines[i] = line.replace(/"at":"(\d{4})/, (_, y: string) => `"at":"${Number(y) - 1}`);
  else if (d.kind === 'garbage') lines.splice(i, 0, '{"streamId":"subject-x", truncated');
  else if (d.kind === 'blank') lines.splice(i, 0, '  \r');
  else if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1] as string, line];
  return `${lines.join('\r\n')}\n`;
};

let files = 0;

/** Simulates a population and exports its log; returns the store, the file and the export's digest. */
const simulated = async (p: Population, d: Damage) => {
  const { store } = await simulate({
    seed: p.seed,
    subjects: p.subjects,
    from: FROM,
    to: TO,
    ...(p.violations === undefined ? {} : { violations: Object.fromEntries(p.violations.map((k) => [k, 0.2])) }),
  });
  const file = join(dir, `log-${files++}.ndjson`);
  const exported = await exportNdjson(store, createWriteStream(file), { clock: () => TO })();
  if (E.isLeft(exported)) throw new Error(JSON.stringify(exported.left));
  await writeFile(file, damage(await readFile(file, 'utf8'), d));
  return { store, file, digest: exported.right.digest as Digest };
};

describe('partitioned replay (Arts. 7-17: the same audit and read models on 1 to 4 worker threads)', () => {
  it('Art. 17: the merged audit of an NDJSON file equals the single-threaded audit, digest included, for N = 1..4', async () => {
    await fc.assert(
      fc.asyncProperty(populationArb, asOfArb, damageArb, fc.boolean(), async (p, asOf, d, withDigest) => {
        const { file, digest } = await simulated(p, d);
        const options = { asOf, ...(withDigest ? { digest } : {}) };
        const expected = await audit(ndjsonFileLog(file), options);
        for (const n of SIZES) {
          const got = await auditInParallel(file, { ...options, pool: poolOf(n) })();
          expect(got).toEqual(E.right(expected));
          if (E.isRight(got)) expect(toJson(got.right)).toBe(toJson(expected));
        }
      }),
      { numRuns: 6 },
    );
  });

  it('Art. 17: the merged audit of a store read through readAll equals auditStore, for N = 1..4', async () => {
    await fc.assert(
      fc.asyncProperty(populationArb, asOfArb, async (p, asOf) => {
        const { store, digest } = await simulated(p, { kind: 'none' });
        const expected = await auditStore(store, { asOf, digest, pageSize: 50 })();
        for (const n of SIZES) {
          const got = await auditInParallel({ store, pageSize: 50 }, { asOf, digest, pool: poolOf(n) })();
          expect(got).toEqual(expected);
        }
      }),
      { numRuns: 5 },
    );
  });

  const readModels: readonly [string, KeyedProjection<unknown>][] = [
    ['accountsProjection', accountsProjection as KeyedProjection<unknown>],
    ['deadlinesOnVietnamCalendar', deadlinesOnVietnamCalendar as KeyedProjection<unknown>],
    ['lockRegisterProjection', lockRegisterProjection as KeyedProjection<unknown>],
    ['loginHistoryProjection', loginHistoryProjection as KeyedProjection<unknown>],
    ['statisticsOnVietnamCalendar', statisticsOnVietnamCalendar as KeyedProjection<unknown>],
  ];

  it('Arts. 7-17: every keyed read model rebuilt in parallel from the file or the store equals rebuild, for N = 1..4', async () => {
    await fc.assert(
      fc.asyncProperty(
        populationArb,
        fc.constantFrom(...readModels),
        fc.option(fc.constantFrom({ instant: '2025-04-01T12:00:00+07:00' }, { position: 40 }), { nil: undefined }),
        async (p, [name, projection], upTo) => {
          const { store, file } = await simulated(p, { kind: 'none' });
          const options = upTo === undefined ? {} : { upTo };
          const expected = await rebuild(projection, store, options)();
          if (E.isLeft(expected)) throw new Error(JSON.stringify(expected.left));
          for (const n of SIZES) {
            for (const source of [file, { store }]) {
              const got = await rebuildInParallel(projectionRef(name), source, { ...options, pool: poolOf(n) })();
              expect(got).toEqual(expected);
              if (E.isRight(got)) {
                expect([...got.right.state.keys()]).toEqual([...expected.right.state.keys()]);
                expect(serializeReadModel(got.right.state)).toBe(serializeReadModel(expected.right.state));
              }
            }
          }
        },
      ),
      { numRuns: 8 },
    );
  });
});
