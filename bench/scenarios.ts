/**
 * The scenarios of one size, contender by contender on the same prepared workload, yielding a record as each ends.
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  type KeyedProjection,
  accountsProjection,
  deadlinesOnVietnamCalendar,
  lockRegisterProjection,
  loginHistoryProjection,
  rebuild,
  statisticsOnVietnamCalendar,
} from '@dinhdanh/projections';
import { AUDIT_AS_OF, type AuditRun, auditInChild, exportLog } from './audit.js';
import { type Contender, type Deadline, type Outcome, type Prepared, deadlineIn, timed } from './contender.js';
import { baselineContender } from './contenders/baseline.js';
import { castoreContender } from './contenders/castore.js';
import { dinhdanhContender } from './contenders/dinhdanh.js';
import { emmettContender } from './contenders/emmett.js';
import { runPostgres } from './postgres.js';
import { type BenchRecord, recordOf } from './record.js';

/** Options of {@link runScenarios}. */
export interface RunOptions {
  readonly contenders: ReadonlyArray<string>;
  /** The time box of each peer scenario and each PostgreSQL scenario. */
  readonly budgetSeconds: number;
  /** At most this many events go to PostgreSQL. */
  readonly pgEvents: number;
  /** Run the audits (in child processes started with this process's Node options). */
  readonly audits: boolean;
  /** Run the PostgreSQL scenarios (when DATABASE_URL names a server that answers). */
  readonly postgres: boolean;
  /** Runs of each short in-memory scenario, the fastest kept (default 3): one run is at the mercy of a busy machine. */
  readonly repeat?: number;
}

/** The fastest of up to `n` runs; a run that was time-boxed or took over 10 s is not repeated. */
const fastest = async (n: number, run: () => Promise<Outcome>): Promise<Outcome> => {
  let best = await run();
  for (let k = 1; k < n && best.note === undefined && best.seconds < 10; k++) {
    const next = await run();
    if (next.seconds < best.seconds) best = next;
  }
  return best;
};

const NO_DEADLINE: Deadline = { at: Number.POSITIVE_INFINITY, budgetSeconds: Number.POSITIVE_INFINITY };

const collect = (): void => {
  const gc = globalThis.gc;
  if (typeof gc === 'function') {
    gc();
    gc();
  }
};

/** What the heap and the typed arrays (the dinhdanh store's columns live outside the JS heap) hold now. */
const memory = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** Runs `importLog` and measures the store's growth per event after collecting garbage on both sides. */
const measuredImport = async (
  c: Contender,
  p: Prepared,
  deadline: Deadline,
): Promise<{ outcome: Outcome; bytesPerEvent: number | null }> => {
  collect();
  const before = memory();
  const outcome = await c.importLog(p, deadline);
  collect();
  const after = memory();
  const measurable = typeof globalThis.gc === 'function' && outcome.events > 0;
  return { outcome, bytesPerEvent: measurable ? (after - before) / outcome.events : null };
};

const ALL_READ_MODELS: ReadonlyArray<KeyedProjection<unknown>> = [
  accountsProjection,
  deadlinesOnVietnamCalendar,
  lockRegisterProjection,
  loginHistoryProjection,
  statisticsOnVietnamCalendar,
] as unknown as ReadonlyArray<KeyedProjection<unknown>>;

/** Every scenario of one size; the NDJSON log is exported to `logPath` for the audits. */
export async function* runScenarios(p: Prepared, options: RunOptions, logPath: string): AsyncGenerator<BenchRecord> {
  const subjects = p.workload.subjects;
  const want = (name: string): boolean => options.contenders.includes(name);
  const peerDeadline = (): Deadline => deadlineIn(options.budgetSeconds);
  let exported = false;

  const repeat = options.repeat ?? 3;
  const runContender = async function* (
    c: Contender,
    deadline: () => Deadline,
    more?: () => AsyncGenerator<BenchRecord>,
  ): AsyncGenerator<BenchRecord> {
    collect();
    yield recordOf('append-per-command', c.name, subjects, await c.appendPerCommand(p, deadline()));
    // The fastest import is kept for its rate; the store measured (and read by the next scenarios) is the last one.
    const first = await measuredImport(c, p, deadline());
    let outcome = first.outcome;
    for (let k = 1; k < repeat && outcome.note === undefined && outcome.seconds < 10; k++) {
      const again = (await measuredImport(c, p, deadline())).outcome;
      if (again.seconds < outcome.seconds) outcome = again;
    }
    yield recordOf('append-bulk-import', c.name, subjects, outcome, { bytesPerEvent: first.bytesPerEvent });
    yield recordOf('aggregate-subject', c.name, subjects, await fastest(repeat, () => c.aggregate(p, deadline())));
    yield recordOf('rebuild-accounts', c.name, subjects, await fastest(repeat, () => c.rebuild(p, deadline())));
    if (more !== undefined) yield* more();
    c.release();
    collect();
  };

  if (want('baseline')) yield* runContender(baselineContender(), () => NO_DEADLINE);

  if (want('dinhdanh')) {
    const d = dinhdanhContender();
    yield* runContender(
      d,
      () => NO_DEADLINE,
      async function* () {
        const store = d.store();
        // Each model is timed on its own, garbage collected between them (outside the timing): otherwise a model
        // pays for the collector's backlog of the ones before it, 3-4x its own cost at 100k subjects.
        let seconds = 0;
        for (const projection of ALL_READ_MODELS) {
          collect();
          const one = await timed(async () => {
            const r = await rebuild(projection, store)();
            if (E.isLeft(r)) throw new Error(`rebuild ${projection.name}: ${JSON.stringify(r.left)}`);
            return { events: store.eventCount() };
          });
          seconds += one.seconds;
        }
        const all = { events: store.eventCount(), seconds };
        yield recordOf('rebuild-all-read-models', d.name, subjects, all, {
          note: `${ALL_READ_MODELS.length} read models (${ALL_READ_MODELS.map((m) => m.name).join(', ')}), one after another, collected between`,
        });
        yield recordOf('export-ndjson', d.name, subjects, await exportLog(store, logPath), {
          note: 'exportNdjson to a file, hash chain included',
        });
        exported = true;
      },
    );
    const unfrozen = dinhdanhContender({ freeze: false });
    const imported = await measuredImport(unfrozen, p, NO_DEADLINE);
    yield recordOf('append-bulk-import', unfrozen.name, subjects, imported.outcome, {
      bytesPerEvent: imported.bytesPerEvent,
      note: 'freeze: false, for bulk replays whose values nobody else holds',
    });
    unfrozen.release();
    collect();
  }

  if (want('emmett')) yield* runContender(emmettContender(), peerDeadline);
  if (want('castore')) yield* runContender(castoreContender(), peerDeadline);

  if (exported && options.audits) {
    let oneCore: AuditRun | undefined;
    for (const mode of ['baseline', 'dinhdanh', 'parallel'] as const) {
      if (!want(mode === 'parallel' ? 'dinhdanh' : mode)) continue;
      const r = await auditInChild(mode, logPath);
      if (mode === 'dinhdanh') oneCore = r;
      const speedup = oneCore === undefined ? '' : `, ${(oneCore.seconds / r.seconds).toFixed(2)}x the one-core audit`;
      yield recordOf('audit-ndjson', mode === 'parallel' ? 'dinhdanh (2 workers)' : mode, subjects, r, {
        peakRss: r.peakRss,
        note:
          mode === 'baseline'
            ? 'JSON.parse and SHA-256 per line only; own process'
            : mode === 'dinhdanh'
              ? `audit(ndjsonFileLog) as of ${AUDIT_AS_OF}, ${r.findings} findings; own process, one core`
              : `auditInParallel on 2 worker threads, ${r.findings} findings${speedup}; own process`,
      });
    }
  }

  if (want('dinhdanh') && options.postgres) {
    const pgRun = await runPostgres(p, options.pgEvents, peerDeadline);
    if ('skipped' in pgRun) {
      console.log(`PostgreSQL scenarios skipped: ${pgRun.skipped}`);
    } else {
      yield recordOf('postgres-append', 'dinhdanh', subjects, pgRun.append, {
        note: 'one event per append, in log order, one connection',
      });
      yield recordOf('postgres-read-all', 'dinhdanh', subjects, pgRun.readAll, { note: 'readAll pages of 5000' });
    }
  }
}
