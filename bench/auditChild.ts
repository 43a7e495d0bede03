/**
 * One audit of an NDJSON log, in a process of its own so that its peak RSS is the audit's and not the benchmark's
 * (the parent holds the whole workload in memory). Prints one JSON line: events, seconds, peakRss, findings.
 *
 *   node --conditions=@dinhdanh/source --import tsx bench/auditChild.ts dinhdanh|parallel|baseline <file> <asOf>
 *
 * `dinhdanh` is the full audit of `@dinhdanh/projections` (parse, decode, verify the hash chain, project, check);
 * `parallel` is the same audit on two worker threads (`auditInParallel`);
 * `baseline` is the physical limit of its first steps: split the lines, `JSON.parse` each, and chain SHA-256 over
 * each line per stream, with nothing decoded or checked.
 */
import { hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { audit, auditInParallel, ndjsonFileLog } from '@dinhdanh/projections';

const baselineAudit = async (path: string): Promise<{ events: number; findings: number }> => {
  const heads = new Map<string, string>();
  let events = 0;
  let rest = '';
  const line = (text: string): void => {
    if (text === '') return;
    const e = JSON.parse(text) as { streamId: string };
    const h = hash('sha256', (heads.get(e.streamId) ?? '') + text, 'hex');
    heads.set(e.streamId, h);
    events++;
  };
  // Lines are cut from each chunk as it is, joining only a line that spans two chunks (as core's `lineBatches`).
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    const text = chunk as string;
    let nl = text.indexOf('\n');
    if (nl < 0) {
      rest += text;
      continue;
    }
    line(rest + text.slice(0, nl));
    let start = nl + 1;
    nl = text.indexOf('\n', start);
    while (nl >= 0) {
      line(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = text.slice(start);
  }
  line(rest);
  return { events, findings: 0 };
};

const dinhdanhAudit = async (path: string, asOf: string): Promise<{ events: number; findings: number }> => {
  const report = await audit(ndjsonFileLog(path), { asOf });
  return { events: report.events, findings: report.findings.length };
};

/** The same audit on two worker threads (`auditInParallel`), the coordinating thread reading the file. */
const parallelAudit = async (path: string, asOf: string): Promise<{ events: number; findings: number }> => {
  const report = await auditInParallel(path, { asOf, workers: 2 })();
  if (E.isLeft(report)) throw new Error(`auditInParallel: ${JSON.stringify(report.left)}`);
  return { events: report.right.events, findings: report.right.findings.length };
};

const MODES = { baseline: baselineAudit, dinhdanh: dinhdanhAudit, parallel: parallelAudit } as const;
const [mode, path, asOf] = process.argv.slice(2);
if (path === undefined || asOf === undefined || !(mode === 'dinhdanh' || mode === 'baseline' || mode === 'parallel')) {
  console.error('usage: auditChild.ts dinhdanh|parallel|baseline <file> <asOf>');
  process.exit(2);
}
const start = performance.now();
const r = await MODES[mode](path, asOf);
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ ...r, seconds, peakRss: process.resourceUsage().maxRSS * 1024 }));
