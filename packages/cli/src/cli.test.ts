import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dinhdanh, scratch } from './testSupport.js';

describe('dinhdanh: conventions of a command line', () => {
  it('prints help for the program and every command, exit 0', async () => {
    const top = await dinhdanh('--help');
    expect(top.code).toBe(0);
    for (const c of ['demo', 'simulate', 'verify', 'audit', 'export', 'import']) expect(top.out).toContain(c);
    for (const c of ['demo', 'simulate', 'verify', 'audit', 'export', 'import']) {
      const r = await dinhdanh(c, '--help');
      expect(r.code, c).toBe(0);
      expect(r.out, c).toContain(`Usage: dinhdanh ${c}`);
    }
  });

  it('exits 2 with a hint on a usage error', async () => {
    const unknown = await dinhdanh('audti', 'log.ndjson');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown command 'audti'/);
    expect(unknown.err).toMatch(/Did you mean audit\?/);

    const badInstant = await dinhdanh('audit', 'log.ndjson', '--as-of', 'yesterday');
    expect(badInstant.code).toBe(2);
    expect(badInstant.err).toContain('2025-08-19T17:00:00+07:00');

    const badShare = await dinhdanh('simulate', '--subjects', '10', '--out', 'x', '--violations', 'nonsense=0.1');
    expect(badShare.code).toBe(2);
    expect(badShare.err).toContain('unknown kind "nonsense"');

    const badStore = await dinhdanh('export', '--store', 'mysql://x', '--out', 'x');
    expect(badStore.code).toBe(2);
    expect(badStore.err).toContain('postgres://');
  });

  it('exits 2 naming the file when a digest cannot be used', async () => {
    const dir = await scratch();
    const log = join(dir, 'log.ndjson');
    expect((await dinhdanh('simulate', '--subjects', '5', '--out', log)).code).toBe(0);
    await writeFile(join(dir, 'bad.json'), '{"version":2}');
    const r = await dinhdanh('verify', log, '--digest', join(dir, 'bad.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`the digest ${join(dir, 'bad.json')} is not a dinhdanh digest`);
  });
});

describe('dinhdanh simulate, verify (Art. 17)', () => {
  it('writes the same log for the same seed, and a log that verifies against its digest', async () => {
    const dir = await scratch();
    const [a, b, digest] = [join(dir, 'a.ndjson'), join(dir, 'b.ndjson'), join(dir, 'a.digest.json')];
    const ra = await dinhdanh('simulate', '--subjects', '40', '--seed', '7', '--out', a, '--digest-out', digest);
    expect(ra.code, ra.err).toBe(0);
    expect(ra.out).toMatch(/simulated 40 subjects \(seed 7\)/);
    expect(ra.out).toContain('commands refused by the decider: 0');
    expect((await dinhdanh('simulate', '--subjects', '40', '--seed', '7', '--out', b)).code).toBe(0);
    expect(await readFile(b, 'utf8')).toBe(await readFile(a, 'utf8'));

    const ok = await dinhdanh('verify', a, '--digest', digest);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toContain('OK:');
    expect(ok.out).toContain('against the digest: matches');
  });

  it('names the line, stream and revision of an edited event, and notices a cut tail against the digest', async () => {
    const dir = await scratch();
    const [log, digest] = [join(dir, 'log.ndjson'), join(dir, 'digest.json')];
    expect((await dinhdanh('simulate', '--subjects', '30', '--out', log, '--digest-out', digest)).code).toBe(0);
    const lines = (await readFile(log, 'utf8')).trimEnd().split('\n');
    const k = lines.findIndex((l) => l.includes('"type":"AccountGranted"') && l.includes('"late":false'));
    expect(k).toBeGreaterThan(0);
    const { streamId, revision } = JSON.parse(lines[k] ?? '') as { streamId: string; revision: number };
    const edited = [...lines];
    edited[k] = (lines[k] ?? '').replace('"late":false', '"late":true');
    expect(edited[k]).not.toBe(lines[k]);
    await writeFile(join(dir, 'edited.ndjson'), `${edited.join('\n')}\n`);
    const bad = await dinhdanh('verify', join(dir, 'edited.ndjson'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('FAILED');
    expect(bad.out).toContain(`line ${k + 1}`);
    expect(bad.out).toContain(`stream ${streamId}, revision ${revision}`);

    // Cutting whole events off the end leaves every chain intact: only the digest kept outside can tell.
    const cut = lines.slice(0, lines.length - 3);
    await writeFile(join(dir, 'cut.ndjson'), `${cut.join('\n')}\n`);
    expect((await dinhdanh('verify', join(dir, 'cut.ndjson'))).code).toBe(0);
    const against = await dinhdanh('verify', join(dir, 'cut.ndjson'), '--digest', digest);
    expect(against.code).toBe(1);
  });
});

describe('dinhdanh audit', () => {
  it('reports injected violations with their clauses (exit 1), the same JSON every time', async () => {
    const dir = await scratch();
    const log = join(dir, 'log.ndjson');
    const sim = await dinhdanh(
      'simulate',
      '--subjects',
      '200',
      '--seed',
      '3',
      '--out',
      log,
      '--violations',
      '0.02',
      '--json',
    );
    expect(sim.code, sim.err).toBe(0);
    const injected = (JSON.parse(sim.out) as { injected: { expectedCheck: string }[] }).injected;
    expect(injected.length).toBeGreaterThan(0);

    const asOf = ['--as-of', '2026-01-01T00:00:00+07:00'];
    const r1 = await dinhdanh('audit', log, ...asOf, '--format', 'json');
    const r2 = await dinhdanh('audit', log, ...asOf, '--format', 'json');
    expect(r1.code).toBe(1);
    expect(r2.out).toBe(r1.out);
    const report = JSON.parse(r1.out) as { countsByCheck: Record<string, number>; findings: { clause: string }[] };
    for (const v of injected) expect(report.countsByCheck[v.expectedCheck], v.expectedCheck).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.clause.startsWith('69/2024/ND-CP Art. '))).toBe(true);

    const text = await dinhdanh('audit', log, ...asOf);
    expect(text.out).toContain('Audit under Decree 69/2024/ND-CP as of 2026-01-01T00:00:00+07:00');
  });

  it('writes a self-contained HTML report with its charts', async () => {
    const dir = await scratch();
    const log = join(dir, 'log.ndjson');
    expect((await dinhdanh('simulate', '--subjects', '120', '--out', log, '--violations', '0.02')).code).toBe(0);
    const html = join(dir, 'audit.html');
    const r = await dinhdanh('audit', log, '--as-of', '2026-01-01T00:00:00+07:00', '--format', 'html', '--out', html);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`report written to ${html}`);
    const page = await readFile(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).not.toMatch(/<script|src="http|href="http/);
    expect(page.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(page).toContain('href="#clause-69-2024-ND-CP-Art-');
  });
});

describe('dinhdanh demo', () => {
  it('prints a summary with the audit by check and writes the reports, the log and its digest', async () => {
    const dir = await scratch();
    const r = await dinhdanh('demo', '--subjects', '300', '--violations', '0.01', '--out-dir', dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/demo: 300 identity subjects through 2025/);
    expect(r.out).toContain('Read models rebuilt from the log');
    expect(r.out).toContain('Audit under Decree 69/2024/ND-CP as of 2026-01-01T00:00:00+07:00');
    for (const f of ['log.ndjson', 'digest.json', 'audit.txt', 'audit.json', 'audit.html']) {
      expect((await readFile(join(dir, f), 'utf8')).length, f).toBeGreaterThan(0);
    }
    const verified = await dinhdanh('verify', join(dir, 'log.ndjson'), '--digest', join(dir, 'digest.json'));
    expect(verified.code).toBe(0);
    const audit = JSON.parse(await readFile(join(dir, 'audit.json'), 'utf8')) as { findings: unknown[] };
    expect(audit.findings.length).toBeGreaterThan(0);
  }, 60_000);
});

const DATABASE_URL = process.env['DATABASE_URL'] || undefined;
if (DATABASE_URL === undefined) {
  console.warn('dinhdanh import/export on PostgreSQL skipped: DATABASE_URL is not set (see docs/postgresql.md)');
}

describe.skipIf(DATABASE_URL === undefined)('dinhdanh import and export with PostgreSQL', () => {
  // The schemas the commands create, dropped after the suite so that runs leave nothing in the database.
  const schemas: string[] = [];
  const freshSchema = (): string => {
    const schema = `cli_${Math.random().toString(36).slice(2, 10)}`;
    schemas.push(schema);
    return schema;
  };
  afterAll(async () => {
    const pool = new pg.Pool({ connectionString: DATABASE_URL });
    try {
      for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await pool.end();
    }
  });

  it('imports a verified log, exports it back unchanged against its digest, and resumes rather than duplicates', async () => {
    const dir = await scratch();
    const [log, digest, back] = [join(dir, 'log.ndjson'), join(dir, 'digest.json'), join(dir, 'back.ndjson')];
    expect((await dinhdanh('simulate', '--subjects', '25', '--out', log, '--digest-out', digest)).code).toBe(0);
    const url = new URL(DATABASE_URL ?? '');
    url.searchParams.set('schema', freshSchema());
    const store = url.toString();

    const imported = await dinhdanh('import', log, '--store', store);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/events appended, 0 already there/);
    const again = await dinhdanh('import', log, '--store', store);
    expect(again.out).toMatch(/: 0 events appended, \d+ already there/);

    expect((await dinhdanh('export', '--store', store, '--out', back)).code).toBe(0);
    const verified = await dinhdanh('verify', back, '--digest', digest);
    expect(verified.code, verified.out).toBe(0);

    const tampered = (await readFile(log, 'utf8')).replace('"late":false', '"late":true');
    await writeFile(join(dir, 'tampered.ndjson'), tampered);
    url.searchParams.set('schema', freshSchema());
    const refused = await dinhdanh('import', join(dir, 'tampered.ndjson'), '--store', url.toString());
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/was not imported into .*: line \d+/);
  }, 60_000);
});
