import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Digest, exportNdjson } from '@dinhdanh/core';
import { simulate } from '@dinhdanh/core/testing';
import { audit } from '../audit/audit.js';
import { ndjsonFileLog } from '../audit/source.js';
import { auditInParallel } from './auditInParallel.js';
import { partitionOfLine, partitionOfStream } from './partition.js';
import { type ReplayPool, createReplayPool } from './pool.js';
import { projectionRef, rebuildInParallel } from './rebuildInParallel.js';

const ASOF = '2026-01-01T00:00:00+07:00';
let pool: ReplayPool;
let dir = '';
let file = '';
let digest: Digest;

beforeAll(async () => {
  pool = createReplayPool({ workers: 3 });
  dir = await mkdtemp(join(tmpdir(), 'dinhdanh-parallel-'));
  file = join(dir, 'log.ndjson');
  const { store } = await simulate({ seed: 7, subjects: 40, violations: { 'activation-after-window': 0.1 } });
  const exported = await exportNdjson(store, createWriteStream(file), { clock: () => ASOF })();
  if (E.isLeft(exported)) throw new Error(JSON.stringify(exported.left));
  digest = exported.right.digest;
});

afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

const encoder = new TextEncoder();

describe('partitions', () => {
  it("a subject's identity and login streams share a partition, whatever the number of partitions", () => {
    for (const n of [1, 2, 3, 4, 7, 255])
      for (const id of ['001073000000', 'x', 'a-b-c', 'Đinh']) {
        expect(partitionOfStream(`login-${id}`, n)).toBe(partitionOfStream(`subject-${id}`, n));
        expect(partitionOfStream(`subject-${id}`, n)).toBeLessThan(n);
      }
  });

  it('a line is routed without parsing only when its first key is its only streamId, in plain ASCII', () => {
    const at = (text: string) => {
      const b = encoder.encode(text);
      return partitionOfLine(b, 0, b.length, 4);
    };
    expect(at('{"streamId":"subject-42","revision":0}')).toBe(partitionOfStream('subject-42', 4));
    expect(at('{"revision":0,"streamId":"subject-42"}')).toBeUndefined();
    expect(at('{"streamId":"subject-4\\u0032"}')).toBeUndefined();
    expect(at('{"streamId":"subject-Đ"}')).toBeUndefined();
    expect(at('{"streamId":"subject-1","data":{"streamId":"x"}}')).toBeUndefined();
  });
});

describe('auditInParallel (Art. 17: the global chain and the digest are checked in the coordinating thread)', () => {
  it('finds what the single-threaded audit finds in a log whose middle identity event was removed', async () => {
    const lines = (await readFile(file, 'utf8')).split('\n');
    const middle = lines.findIndex((l, i) => i >= lines.length / 2 && l.startsWith('{"streamId":"subject-'));
    lines.splice(middle, 1);
    const cut = join(dir, 'cut.ndjson');
    await writeFile(cut, lines.join('\n'));
    const expected = await audit(ndjsonFileLog(cut), { asOf: ASOF, digest });
    const got = await auditInParallel(cut, { asOf: ASOF, digest, pool })();
    expect(got).toEqual(E.right(expected));
    expect(expected.countsByCheck['integrity.digest']).toBe(1);
    expect(expected.countsByCheck['integrity.revision-gap']).toBe(1);
    expect(expected.countsByCheck['activation.window']).toBeGreaterThan(0);
  });

  it('starts and closes its own threads when given no pool', async () => {
    const got = await auditInParallel(file, { asOf: ASOF, digest, workers: 2 })();
    expect(got).toEqual(E.right(await audit(ndjsonFileLog(file), { asOf: ASOF, digest })));
  });

  it('a file that cannot be read is a SourceUnreadable, and a bad number of workers a RangeError', async () => {
    const got = await auditInParallel(join(dir, 'missing.ndjson'), { asOf: ASOF, pool })();
    expect(E.isLeft(got) && got.left._tag).toBe('SourceUnreadable');
    expect(() => auditInParallel(file, { asOf: ASOF, workers: 0 })).toThrow(RangeError);
    expect(() => auditInParallel(file, { asOf: 'tomorrow' })).toThrow(RangeError);
  });
});

describe('rebuildInParallel', () => {
  it('refuses a projection whose key is not the subject: its partitions would meet in two workers', async () => {
    const ref = projectionRef('countsByType', new URL('./keyedByType.testSupport.ts', import.meta.url));
    const got = await rebuildInParallel(ref, file, { pool })();
    expect(E.isLeft(got) && got.left._tag).toBe('KeyInTwoPartitions');
  });

  it('names the first line that is not a stored event', async () => {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.splice(5, 0, '{"streamId":"subject-1",');
    lines.splice(9, 0, 'not json');
    const bad = join(dir, 'bad.ndjson');
    await writeFile(bad, lines.join('\n'));
    const got = await rebuildInParallel(projectionRef('accountsProjection'), bad, { pool })();
    expect(got).toEqual(E.left(expect.objectContaining({ _tag: 'LineUnreadable', line: 6 })));
  });

  it('a projection the workers cannot load is a WorkerFailed, and the pool runs the next job', async () => {
    const got = await rebuildInParallel(projectionRef('noSuchProjection'), file, { pool })();
    expect(E.isLeft(got) && got.left._tag).toBe('WorkerFailed');
    const next = await rebuildInParallel(projectionRef('accountsProjection'), file, { pool })();
    expect(E.isRight(next)).toBe(true);
  });

  it('an as-of point that names no instant is an InvalidAsOf', async () => {
    const got = await rebuildInParallel(projectionRef('accountsProjection'), file, {
      pool,
      upTo: { instant: 'soon' },
    })();
    expect(E.isLeft(got) && got.left._tag).toBe('InvalidAsOf');
  });
});
