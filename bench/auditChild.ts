/**
 * One audit of an NDJSON log, in a process of its own so that its peak RSS is the audit's and not the benchmark's
 * (the parent holds the whole workload in memory). Prints one JSON line: events, seconds, peakRss, findings.
 *
 *   node --conditions=@dinhdanh/source --import tsx bench/auditChild.ts dinhdanh|baseline <file> <asOf>
 *
 * `dinhdanh` is the full audit of `@dinhdanh/projections` (parse, decode, verify the hash chain, project, check);
 * `baseline` is the physical limit of its first steps: split the lines, `JSON.parse` each, and chain SHA-256 over
 * each line per stream, with nothing decoded or checked.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { audit, ndjsonFileLog } from '@dinhdanh/projections';

const baselineAudit = async (path: string): Promise<{ events: number; findings: number }> => {
  const heads = new Map<string, string>();
  let events = 0;
  let rest = '';
  const line = (text: string): void => {
    if (text === '') return;
    const e = JSON.parse(text) as { streamId: string };
    const h = createHash('sha256')
      .update(heads.get(e.streamId) ?? '')
      .update(text)
      .digest('hex');
    heads.set(e.streamId, h);
    events++;
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    rest += chunk as string;
    let start = 0;
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      line(rest.slice(start, nl));
      start = nl + 1;
      nl = rest.indexOf('\n', start);
    }
    rest = rest.slice(start);
  }
  line(rest);
  return { events, findings: 0 };
};

const dinhdanhAudit = async (path: string, asOf: string): Promise<{ events: number; findings: number }> => {
  const report = await audit(ndjsonFileLog(path), { asOf });
  return { events: report.events, findings: report.findings.length };
};

const [mode, path, asOf] = process.argv.slice(2);
if (path === undefined || asOf === undefined || (mode !== 'dinhdanh' && mode !== 'baseline')) {
  console.error('usage: auditChild.ts dinhdanh|baseline <file> <asOf>');
  process.exit(2);
}
const start = performance.now();
const r = mode === 'dinhdanh' ? await dinhdanhAudit(path, asOf) : await baselineAudit(path);
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({ ...r, seconds, peakRss: process.resourceUsage().maxRSS * 1024 }));
