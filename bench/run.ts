/**
 * `npm run bench`: dinhdanh against a plain-JavaScript baseline, Emmett and Castore, on one workload per size, in one
 * run. Writes bench/results.json, prints a table, and (for full runs) puts the table in bench/README.md.
 *
 *   npm run bench                      100k and 1M subjects
 *   npm run bench -- --quick           10k subjects (development)
 *   npm run bench -- --subjects 50000 --budget 60 --contenders baseline,dinhdanh
 *
 * See bench/README.md for the scenarios and how to read the ratios.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runScenarios, type RunOptions } from './scenarios.js';
import { type BenchRecord, table, withRatios } from './record.js';
import { workload } from './workload.js';
import { prepare } from './contender.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const CONTENDERS = ['baseline', 'dinhdanh', 'emmett', 'castore'] as const;
const WARM_UP_SUBJECTS = 2000;

const { values } = parseArgs({
  options: {
    subjects: { type: 'string' },
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '69' },
    budget: { type: 'string', default: '120' },
    contenders: { type: 'string', default: CONTENDERS.join(',') },
    'pg-events': { type: 'string', default: '20000' },
    out: { type: 'string', default: join(HERE, 'results.json') },
    readme: { type: 'boolean', default: true },
    help: { type: 'boolean', default: false },
  },
  allowNegative: true,
});

if (values.help) {
  console.log(`npm run bench -- [options]
  --subjects N[,N...]  population sizes (default 100000,1000000)
  --quick              10000 subjects, no README update (for development)
  --seed S             workload seed (default 69); the same for every contender
  --budget SECONDS     time box of each peer scenario and of the PostgreSQL ones (default 120)
  --contenders LIST    subset of ${CONTENDERS.join(',')} (default all)
  --pg-events N        events appended to PostgreSQL at most (default 20000)
  --out FILE           results file (default bench/results.json)
  --no-readme          do not put the table in bench/README.md`);
  process.exit(0);
}

const positive = (name: string, v: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) {
    console.error(`--${name} must be a whole number > 0, not ${v}`);
    process.exit(2);
  }
  return n;
};

const sizes = (values.quick ? '10000' : (values.subjects ?? '100000,1000000'))
  .split(',')
  .map((s) => positive('subjects', s.trim()));
const chosen = values.contenders.split(',').map((c) => c.trim());
const unknown = chosen.filter((c) => !(CONTENDERS as readonly string[]).includes(c));
if (unknown.length > 0) {
  console.error(`unknown contenders: ${unknown.join(', ')} (known: ${CONTENDERS.join(', ')})`);
  process.exit(2);
}
const options: RunOptions = {
  contenders: chosen,
  budgetSeconds: positive('budget', values.budget),
  pgEvents: positive('pg-events', values['pg-events']),
  audits: true,
  postgres: true,
};
const seed = positive('seed', values.seed);

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  totalMemoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
console.log(`machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB, Node ${machine.node}`);
if (typeof globalThis.gc !== 'function') console.log('(no --expose-gc: bytes per event are not measured)');

const dir = mkdtempSync(join(tmpdir(), 'dinhdanh-bench-'));
const records: BenchRecord[] = [];
let source = '';
const write = (): void => {
  const rated = withRatios(records);
  writeFileSync(
    values.out,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), machine, seed, workload: source, records: rated }, null, 2)}\n`,
  );
};
try {
  // Every contender runs its scenarios once on a small population first, so that what is timed is optimised code
  // and not the JIT compiler's first passes (the records of the warm-up are dropped).
  const warmStart = performance.now();
  const warm = prepare(workload(WARM_UP_SUBJECTS, seed + 1));
  for await (const _ of runScenarios(warm, { ...options, audits: false, postgres: false }, join(dir, 'warm.ndjson'))) {
    // Dropped.
  }
  console.log(`warm-up on ${WARM_UP_SUBJECTS} subjects: ${((performance.now() - warmStart) / 1000).toFixed(1)} s`);
  for (const subjects of sizes) {
    const start = performance.now();
    const w = workload(subjects, seed);
    source = w.source;
    const p = prepare(w);
    console.log(
      `\n${subjects} subjects: ${w.events.length} events (${p.subjectStreamEvents} in subject streams), ` +
        `${p.commands.length} commands, from ${w.source} in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
    for await (const r of runScenarios(p, options, join(dir, `log-${subjects}.ndjson`))) {
      records.push(r);
      const rated = withRatios(records).filter((x) => x.name === r.name && x.contender === r.contender);
      console.log(table(rated.slice(-1)).split('\n').pop());
      write();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const final = withRatios(records);
console.log(`\n${table(final)}\n\nwritten to ${values.out}`);

const readmePath = join(HERE, 'README.md');
if (values.readme && !values.quick) {
  const text = readFileSync(readmePath, 'utf8');
  const begin = '<!-- results:begin -->';
  const end = '<!-- results:end -->';
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i >= 0 && j > i) {
    const body =
      `Run of ${new Date().toISOString().slice(0, 10)} on ${machine.cpus} x ${machine.cpuModel}, ` +
      `${machine.totalMemoryGiB} GiB, Node ${machine.node}; workload: ${source}, seed ${seed}.\n\n${table(final)}\n`;
    const updated = `${text.slice(0, i + begin.length)}\n${body}${text.slice(j)}`;
    // Formatted as the repository's format check expects, so that committing the new table keeps CI green.
    writeFileSync(
      readmePath,
      await prettier.format(updated, { ...(await prettier.resolveConfig(readmePath)), filepath: readmePath }),
    );
    console.log(`table written to ${readmePath}`);
  }
}
