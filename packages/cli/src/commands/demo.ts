import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type EventStore, type LogEvent, formatCitation, printDigest } from '@dinhdanh/core';
import {
  accountsProjection,
  auditStore,
  deadlinesOnVietnamCalendar,
  lockRegisterProjection,
  overdue,
  rebuild,
  statistics,
  statisticsOnVietnamCalendar,
  toJson,
  toText,
} from '@dinhdanh/projections';
import { CliFailure, EXIT, type ExitCode } from '../exit.js';
import { renderHtmlReport } from '../html/report.js';
import type { CliIo } from '../io.js';
import { exportToFile, parseViolations, runSimulation } from './simulate.js';

/** Options of `dinhdanh demo`. */
export interface DemoCommand {
  readonly subjects: number;
  readonly seed: number;
  /** The share of subjects with an injected violation, for the audit to find. */
  readonly violations: number;
  readonly outDir: string;
}

/** The period the demo simulates, and the instant it audits as of. */
const FROM = '2025-01-01T00:00:00+07:00';
const TO = '2025-12-31T23:59:59+07:00';
const AS_OF = '2026-01-01T00:00:00+07:00';

const need = async <A>(
  what: string,
  task: () => Promise<{ _tag: 'Left'; left: unknown } | { _tag: 'Right'; right: A }>,
) => {
  const r = await task();
  if (r._tag === 'Left') throw new CliFailure(`${what} failed: ${JSON.stringify(r.left)}`, EXIT.findings);
  return r.right;
};

const modelsOf = async (store: EventStore<LogEvent>) => ({
  accounts: (await need('rebuilding the accounts', rebuild(accountsProjection, store))).state,
  deadlines: (await need('rebuilding the deadlines', rebuild(deadlinesOnVietnamCalendar, store))).state,
  locks: (await need('rebuilding the lock register', rebuild(lockRegisterProjection, store))).state,
  stats: (await need('rebuilding the statistics', rebuild(statisticsOnVietnamCalendar, store))).state,
});

/**
 * `dinhdanh demo` (what `npm start` runs): simulates a population for 2025 on the in-memory store, with a small share
 * of injected violations, rebuilds the read models, audits the log as of 1 January 2026, prints a summary and writes
 * the reports (text, JSON, HTML), the log and its digest to `--out-dir`.
 */
export const demoCommand = async (cmd: DemoCommand, io: CliIo): Promise<ExitCode> => {
  const say = (s: string) => io.stdout.write(`${s}\n`);
  const t0 = performance.now();
  const sim = await runSimulation({
    subjects: cmd.subjects,
    seed: cmd.seed,
    from: FROM,
    to: TO,
    violations: parseViolations(String(cmd.violations)),
  });
  const s = sim.summary;
  say(`Decree 69/2024/ND-CP demo: ${s.subjects} identity subjects through 2025 (seed ${s.seed})`);
  say(
    `  ${Object.entries(s.subjectsByKind)
      .map(([k, n]) => `${n} ${k}s`)
      .join(', ')}, ${s.minors} of them minors; ${s.events} events, every command decided by the decree's rules`,
  );
  say(`  ${sim.injected.length} violations injected behind the decider's back, for the audit to find`);

  const m = await modelsOf(sim.store);
  const st = statistics(m.stats);
  say('\nRead models rebuilt from the log:');
  say(
    `  accounts by status: ${Object.entries(st.byStatus)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
  for (const p of st.processing) {
    say(`  ${p.timeLimitId}: ${p.grants} grants, median ${p.p50} working days, ${p.late} past the limit`);
  }
  const late = overdue(m.deadlines, AS_OF);
  if (late._tag === 'Right') {
    const byCitation = new Map<string, number>();
    for (const o of late.right)
      byCitation.set(formatCitation(o.citation), (byCitation.get(formatCitation(o.citation)) ?? 0) + 1);
    say(`  open obligations overdue on ${AS_OF}: ${late.right.length}`);
    for (const [c, n] of [...byCitation].sort()) say(`    ${c}: ${n}`);
  }
  say(`  lock register: ${[...m.locks.values()].filter((e) => e.accountGrounds.length > 0).length} accounts locked`);

  const report = await need('the audit', auditStore(sim.store, { asOf: AS_OF }));
  say(`\n${toText(report).split('\n').slice(0, 2).join('\n')}`);
  for (const [check, n] of Object.entries(report.countsByCheck)) say(`  ${check.padEnd(34)} ${n}`);

  await mkdir(cmd.outDir, { recursive: true });
  const logFile = join(cmd.outDir, 'log.ndjson');
  const digest = await exportToFile(sim.store, logFile, io);
  await writeFile(join(cmd.outDir, 'digest.json'), `${JSON.stringify(digest, null, 2)}\n`);
  await writeFile(join(cmd.outDir, 'audit.txt'), toText(report));
  await writeFile(join(cmd.outDir, 'audit.json'), `${toJson(report)}\n`);
  await writeFile(
    join(cmd.outDir, 'audit.html'),
    renderHtmlReport({ report, source: logFile, statistics: st, lockRegister: m.locks }),
  );
  say(`\nWritten to ${cmd.outDir}/: log.ndjson, digest.json, audit.txt, audit.json, audit.html`);
  say(printDigest(digest));
  const verify = `verify ${logFile} --digest ${join(cmd.outDir, 'digest.json')}`;
  say(`Check it: dinhdanh ${verify}   (in the dinhdanh repository: npm run dinhdanh -- ${verify})`);
  say(`Done in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  return EXIT.ok;
};
