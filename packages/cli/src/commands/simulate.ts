import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import {
  type Digest,
  type EventStore,
  type LogEvent,
  LogEventCodec,
  describeLogError,
  exportNdjson,
  printDigest,
} from '@dinhdanh/core';
import {
  type SimulationResult,
  VIOLATION_KIND_IDS,
  type ViolationKind,
  type ViolationRates,
  simulate,
} from '@dinhdanh/core/testing';
import { CliFailure, EXIT, type ExitCode } from '../exit.js';
import type { CliIo } from '../io.js';
import { progressReporter } from '../progress.js';

/** Options of `dinhdanh simulate`. */
export interface SimulateCommand {
  readonly subjects: number;
  readonly seed: number;
  readonly out: string;
  readonly from?: string;
  readonly to?: string;
  readonly violations?: ViolationRates;
  readonly digestOut?: string;
  readonly json?: boolean;
}

/**
 * Reads `--violations`: one share for every kind (`0.01`), or shares by kind (`left-unlocked=0.01,grant-late=0.02`).
 * Shares are of subjects, 0 to 1.
 */
export const parseViolations = (spec: string): ViolationRates => {
  const share = (s: string, what: string): number => {
    const n = Number(s);
    if (s.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
      throw new CliFailure(`--violations: ${what} "${s}" is not a share between 0 and 1`);
    }
    return n;
  };
  if (!spec.includes('=')) {
    const n = share(spec, 'the share');
    return Object.fromEntries(VIOLATION_KIND_IDS.map((k) => [k, n])) as ViolationRates;
  }
  const rates: Partial<Record<ViolationKind, number>> = {};
  for (const part of spec.split(',')) {
    const [kind = '', value = ''] = part.split('=');
    if (!(VIOLATION_KIND_IDS as readonly string[]).includes(kind)) {
      throw new CliFailure(`--violations: unknown kind "${kind}"; the kinds are ${VIOLATION_KIND_IDS.join(', ')}`);
    }
    rates[kind as ViolationKind] = share(value, `the share of ${kind}`);
  }
  return rates as ViolationRates;
};

/** Runs the simulator with the command's options, turning a bad option into a usage error. */
export const runSimulation = async (
  cmd: Omit<SimulateCommand, 'out'>,
): Promise<SimulationResult<EventStore<LogEvent>>> => {
  try {
    return await simulate({
      seed: cmd.seed,
      subjects: cmd.subjects,
      ...(cmd.from === undefined ? {} : { from: cmd.from }),
      ...(cmd.to === undefined ? {} : { to: cmd.to }),
      ...(cmd.violations === undefined ? {} : { violations: cmd.violations }),
    });
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) throw new CliFailure(e.message);
    throw e;
  }
};

/** Exports a store to a file and returns the digest of what was written. */
export const exportToFile = async (store: EventStore<LogEvent>, out: string, io: CliIo): Promise<Digest> => {
  const progress = progressReporter(io);
  const sink = createWriteStream(out);
  const written = await exportNdjson(store, sink, {
    encode: (d) => LogEventCodec.encode(d),
    onProgress: (p) => progress.update(p.phase, p.events),
  })();
  progress.stop();
  if (written._tag === 'Left') {
    sink.destroy();
    throw new CliFailure(`cannot write ${out}: ${describeLogError(written.left)}`, EXIT.findings);
  }
  return written.right.digest;
};

/**
 * `dinhdanh simulate --subjects N --seed S --out log.ndjson`: a lawful population (or one with the chosen share of
 * violations) decided by the real decider, written as an NDJSON log with hashes.
 */
export const simulateCommand = async (cmd: SimulateCommand, io: CliIo): Promise<ExitCode> => {
  const result = await runSimulation(cmd);
  const digest = await exportToFile(result.store, cmd.out, io);
  if (cmd.digestOut !== undefined) await writeFile(cmd.digestOut, `${JSON.stringify(digest, null, 2)}\n`);
  if (cmd.json === true) {
    io.stdout.write(`${JSON.stringify({ summary: result.summary, injected: result.injected, digest }, null, 2)}\n`);
  } else {
    const s = result.summary;
    io.stdout.write(
      [
        `simulated ${s.subjects} subjects (seed ${s.seed}) from ${s.from} to ${s.to}: ${s.events} events written to ${cmd.out}`,
        `  by kind: ${Object.entries(s.subjectsByKind)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}; minors ${s.minors}`,
        `  violations injected: ${result.injected.length}; commands refused by the decider: ${s.refusals}`,
        printDigest(digest),
        '',
      ].join('\n'),
    );
  }
  return result.refusals.length === 0 ? EXIT.ok : EXIT.findings;
};
