/**
 * The audit scenarios: the dinhdanh store exported to an NDJSON file with `exportNdjson`, then audited from the file
 * in a child process (see `auditChild.ts`), against the baseline of parsing and hashing the same file.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { type EventStore, exportNdjson } from '@dinhdanh/core';
import type { Outcome } from './contender.js';

/** The instant the log is audited as of: just after the simulated period (2025), so a lawful log has no finding. */
export const AUDIT_AS_OF = '2026-01-01T00:00:00+07:00';

/** Exports the store's whole log to `path`. */
export const exportLog = async <E>(store: EventStore<E>, path: string): Promise<Outcome> => {
  const start = performance.now();
  const r = await exportNdjson(store, createWriteStream(path), { pageSize: 10_000 })();
  if (E.isLeft(r)) throw new Error(`export: ${JSON.stringify(r.left)}`);
  return { events: r.right.events, seconds: (performance.now() - start) / 1000 };
};

/** What an audit child reports. */
export interface AuditRun extends Outcome {
  readonly peakRss: number;
  readonly findings: number;
}

const CHILD = fileURLToPath(new URL('./auditChild.ts', import.meta.url));

/** Runs one audit of the file in a child process with this process's Node options (source condition, tsx). */
export const auditInChild = (mode: 'dinhdanh' | 'parallel' | 'baseline', path: string): Promise<AuditRun> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, CHILD, mode, path, AUDIT_AS_OF], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`audit child (${mode}) exited with ${String(code)}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as AuditRun);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
