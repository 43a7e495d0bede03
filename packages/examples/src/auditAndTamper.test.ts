import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './auditAndTamper.js';

let dir = '';
const lines: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dinhdanh-example-audit-'));
  await main((l) => lines.push(l.replace(/\s+/g, ' ').trim()), dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the audit and tamper example', () => {
  it('injects two unlawful events, hash-chained by the store', () => {
    expect(lines).toContain('subject-900000000402@1 AccountGranted, hash-chained by the store');
    expect(lines).toContain('subject-900000000403@4 AccountUnlocked, hash-chained by the store');
  });

  it('audits them: a grant without verification (Art. 11(2)(c)), an unlock while a ground remains (Art. 15(3)(a))', () => {
    expect(lines).toContain('10 events, 3 subjects: 2 findings (2 violations, 0 lateness, 0 integrity problems)');
    expect(lines).toContain(
      '[violation] verification.biometrics — 69/2024/ND-CP Art. 11(2)(c) — subject-900000000402@1 — 2025-07-04T11:00:00+07:00',
    );
    expect(lines).toContain(
      '[violation] locking.unlock-while-ground — 69/2024/ND-CP Art. 15(3)(a) — subject-900000000403@4 — 2025-07-18T08:00:00+07:00',
    );
    expect(lines).toContain(
      'found: travel-document-expired was recorded as ceasing on 2025-07-18 while its fact remained',
    );
  });

  it('exports with a digest that verifies, then names the edited line, stream and revision', () => {
    expect(lines.find((l) => l.startsWith('Exported'))).toContain(join(dir, 'log.ndjson'));
    expect(lines.find((l) => l.startsWith('{"algorithm"'))).toContain('"count":10');
    expect(lines).toContain('verifyLog(file, digest) before any edit: ok');
    expect(lines).toContain('Someone edits line 3 of the file: "level":2 -> "level":1 (one byte)');
    expect(lines).toContain('verifyLog(file, digest) after the edit: FAILED');
    expect(lines).toContain(
      'hash: line 3, stream subject-900000000401, revision 2: the hash does not match the content (edited)',
    );
    expect(lines).toContain('integrity.hash-chain at subject-900000000401@2 line 3');
  });
});
