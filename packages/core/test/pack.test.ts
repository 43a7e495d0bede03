import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// Packs @dinhdanh/core as npm would publish it, unpacks it where a consumer's node_modules would hold it, and uses
// it from plain JavaScript and from TypeScript: what a user installing from npm gets.
const pkgDir = dirname(dirname(fileURLToPath(import.meta.url)));
const root = join(pkgDir, '.pack-test');
const installed = join(root, 'node_modules', '@dinhdanh', 'core');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let files: string[] = [];

beforeAll(() => {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  const out = execFileSync(npm, ['pack', '--json', '--pack-destination', root], { cwd: pkgDir, encoding: 'utf8' });
  const packed = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  const first = packed[0];
  if (first === undefined) throw new Error(`npm pack printed no package: ${out}`);
  files = first.files.map((f) => f.path);
  execFileSync('tar', ['-xzf', join(root, first.filename), '-C', installed, '--strip-components=1']);
}, 180_000);

describe('the published @dinhdanh/core package', () => {
  it('ships the compiled code and its type declarations, not the sources or tests', () => {
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('package.json');
    expect(files.filter((f) => f.endsWith('.test.js') || f.startsWith('src/'))).toEqual([]);
  });

  it('is importable from JavaScript and computes a deadline', () => {
    const script = join(root, 'consumer.mjs');
    writeFileSync(
      script,
      `import { periodEnd, workingDays } from '@dinhdanh/core';
       import { lifecycleArb } from '@dinhdanh/core/testing';
       const r = periodEnd('2025-01-24T15:00:00+07:00', workingDays(3));
       if (typeof lifecycleArb !== 'function') throw new Error('@dinhdanh/core/testing has no lifecycleArb');
       console.log(JSON.stringify(r));`,
    );
    const result = JSON.parse(execFileSync(process.execPath, [script], { cwd: root, encoding: 'utf8' })) as {
      right: { lastDay: string };
    };
    expect(result.right.lastDay).toBe('2025-02-05');
  });

  it('type-checks a TypeScript consumer against the shipped declarations', () => {
    writeFileSync(
      join(root, 'consumer.ts'),
      `import { type PeriodEnd, GRANT_TIME_LIMITS, periodEnd } from '@dinhdanh/core';
       const r = periodEnd('2025-01-24T15:00:00+07:00', GRANT_TIME_LIMITS.citizenLevel2.period);
       export const lastDay: string | undefined = r._tag === 'Right' ? (r.right satisfies PeriodEnd).lastDay : undefined;`,
    );
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const tsc = join(pkgDir, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [
      '--ignoreConfig',
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--types',
      'node',
    ];
    expect(() =>
      execFileSync(process.execPath, [tsc, ...args, 'consumer.ts'], { cwd: root, encoding: 'utf8' }),
    ).not.toThrow();
    expect(readdirSync(installed)).toContain('dist');
  });
});
