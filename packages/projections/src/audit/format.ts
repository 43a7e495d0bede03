import { type Citation, describeCitation, formatCitation } from '@dinhdanh/core';
import { type AuditReport, type Finding, articleOf } from './finding.js';

const citationJson = (c: Citation) => ({
  instrument: c.instrument,
  article: c.article,
  ...(c.clause === undefined ? {} : { clause: c.clause }),
  ...(c.point === undefined ? {} : { point: c.point }),
});

const findingJson = (f: Finding) => ({
  check: f.check,
  severity: f.severity,
  subjectId: f.subjectId,
  streamId: f.streamId,
  ...(f.revision === undefined ? {} : { revision: f.revision }),
  ...(f.line === undefined ? {} : { line: f.line }),
  at: f.at,
  citation: citationJson(f.citation),
  clause: formatCitation(f.citation),
  required: f.required,
  found: f.found,
});

/**
 * The report as JSON text with a fixed key order (asOf, events, subjects, countsByArticle, countsByCheck, findings;
 * each finding's keys in the order of {@link Finding}, plus `clause`, its citation printed): equal reports give equal
 * text.
 */
export const toJson = (report: AuditReport): string =>
  JSON.stringify(
    {
      asOf: report.asOf,
      events: report.events,
      subjects: report.subjects,
      countsByArticle: report.countsByArticle,
      countsByCheck: report.countsByCheck,
      findings: report.findings.map(findingJson),
    },
    null,
    2,
  );

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** One finding as text: a heading line, then what was required and what was found. */
export const findingText = (f: Finding): string => {
  const where = `${f.streamId || '(file)'}${f.revision === undefined ? '' : `@${f.revision}`}${f.line === undefined ? '' : ` line ${f.line}`}`;
  return [
    `[${f.severity}] ${f.check} — ${formatCitation(f.citation)} — ${where} — ${f.at}`,
    `    required: ${f.required}`,
    `    found:    ${f.found}`,
  ].join('\n');
};

/**
 * A summary for people: totals, the count per article, then the findings grouped by article and check, each group in
 * the report's order.
 */
export const toText = (report: AuditReport): string => {
  const bySeverity = (s: Finding['severity']) => report.findings.filter((f) => f.severity === s).length;
  const out: string[] = [
    `Audit under Decree 69/2024/ND-CP as of ${report.asOf}`,
    `${plural(report.events, 'event')}, ${plural(report.subjects, 'subject')}: ${plural(report.findings.length, 'finding')} ` +
      `(${plural(bySeverity('violation'), 'violation')}, ${bySeverity('lateness')} lateness, ${plural(bySeverity('integrity'), 'integrity problem')})`,
  ];
  if (report.findings.length === 0) return [...out, '', 'No findings.', ''].join('\n');
  out.push('', 'By article:');
  for (const [article, n] of Object.entries(report.countsByArticle)) {
    const number = Number(article.split('Art. ')[1]);
    const title = describeCitation({ instrument: '69/2024/ND-CP', article: number });
    out.push(`  ${article.padEnd(24)} ${String(n).padStart(6)}${title === undefined ? '' : `  ${title}`}`);
  }
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = `${articleOf(f.citation)}\u0000${f.check}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [f]);
    else g.push(f);
  }
  for (const key of [...groups.keys()].sort()) {
    const [article, check] = key.split('\u0000') as [string, string];
    const fs = groups.get(key) ?? [];
    out.push('', `${article} — ${check} (${fs.length})`);
    for (const f of fs) out.push(findingText(f));
  }
  return [...out, ''].join('\n');
};
