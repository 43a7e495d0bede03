import { type Citation, describeCitation, formatCitation } from '@dinhdanh/core';
import type { AuditReport, Finding, LockRegisterModel, Statistics } from '@dinhdanh/projections';
import { type Column, escapeXml as esc, histogramSvg, stackedColumnsSvg } from './charts.js';

/** What the HTML report shows: the audit, and the read models its charts are drawn from. */
export interface HtmlReportInput {
  readonly report: AuditReport;
  /** Where the log came from, as the user named it. */
  readonly source: string;
  /** The statistics read model summed (processing times against the Art. 13 limits). */
  readonly statistics?: Statistics;
  /** The lock register (locks by ground over time). */
  readonly lockRegister?: LockRegisterModel;
  /** How many findings the table lists at most (the counts always cover all). Default 2000. */
  readonly maxRows?: number;
}

const anchor = (c: Citation): string => `clause-${formatCitation(c).replace(/[^A-Za-z0-9]+/g, '-')}`;

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f5f5f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
.sev-violation{color:#b00020}.sev-lateness{color:#a15c00}.sev-integrity{color:#5b2a86}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.4rem}
.chart{width:100%;max-width:640px;height:auto;display:block}.axis{stroke:#888}.tick{font-size:10px;fill:#555}
.title{font-size:11px;fill:#333}.bar{fill:#1b6ca8}.bar.late{fill:#d1495b}.limit{stroke:#b00020;stroke-dasharray:4 3}
.legend{font-size:12px;margin:.3rem 0 1rem}.key{margin-right:1rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
small{color:#666}`;

const findingRow = (f: Finding): string =>
  `<tr><td class="sev-${f.severity}">${f.severity}</td><td><code>${esc(f.check)}</code></td>` +
  `<td><a href="#${anchor(f.citation)}">${esc(formatCitation(f.citation))}</a></td>` +
  `<td>${esc(f.subjectId)}</td><td>${esc(f.streamId)}${f.revision === undefined ? '' : `@${f.revision}`}${f.line === undefined ? '' : ` <small>line ${f.line}</small>`}</td>` +
  `<td>${esc(f.at)}</td><td>${esc(f.required)}</td><td>${esc(f.found)}</td></tr>`;

const processingSection = (s: Statistics | undefined): string => {
  if (s === undefined || s.processing.length === 0) return '<p>No grants in this log.</p>';
  return s.processing
    .map((p) => {
      const limit = p.limit === null ? undefined : p.limit;
      const limitDays = limit?.length;
      const unit = 'working days'; // the statistics count working days taken (Art. 13's unit)
      const days = Object.keys(p.histogram).map(Number);
      const maxDay = Math.max(limitDays ?? 0, ...days);
      const bars = Array.from({ length: maxDay + 1 }, (_, d) => ({
        label: String(d),
        value: p.histogram[String(d)] ?? 0,
        late: limitDays !== undefined && d > limitDays,
      }));
      const marker = limitDays === undefined ? undefined : { after: String(limitDays), label: `limit ${limitDays}` };
      return (
        `<h3><code>${esc(p.timeLimitId)}</code> — <a href="#${anchor(p.citation)}">${esc(formatCitation(p.citation))}</a></h3>` +
        `<p>${p.grants} grants: ${p.withinLimit} within the limit, ${p.late} late; median ${p.p50}, 90th percentile ${p.p90}, ` +
        `max ${p.max} ${unit}.</p>` +
        histogramSvg(bars, `time taken (${unit})`, marker)
      );
    })
    .join('');
};

/** Locks (and grounds added to a locked account) per month of `at`, by ground. */
export const locksByGroundPerMonth = (model: LockRegisterModel): { columns: Column[]; grounds: string[] } => {
  const months = new Map<string, Record<string, number>>();
  const grounds = new Set<string>();
  for (const entry of model.values()) {
    for (const h of entry.history) {
      if (h.target !== 'account' || (h.event !== 'locked' && h.event !== 'ground-added')) continue;
      const month = h.at.slice(0, 7);
      const m = months.get(month) ?? {};
      m[h.ground] = (m[h.ground] ?? 0) + 1;
      months.set(month, m);
      grounds.add(h.ground);
    }
  }
  const columns = [...months.keys()].sort().map((label) => ({ label, values: months.get(label) ?? {} }));
  return { columns, grounds: [...grounds].sort() };
};

const locksSection = (model: LockRegisterModel | undefined): string => {
  if (model === undefined) return '<p>No lock register.</p>';
  const { columns, grounds } = locksByGroundPerMonth(model);
  if (columns.length === 0) return '<p>No account was locked in this log.</p>';
  return stackedColumnsSvg(columns, grounds, 'month of the lock');
};

const citedClauses = (findings: readonly Finding[], s: Statistics | undefined): string => {
  const all = new Map<string, Citation>();
  for (const f of findings) all.set(formatCitation(f.citation), f.citation);
  for (const p of s?.processing ?? []) all.set(formatCitation(p.citation), p.citation);
  return [...all.keys()]
    .sort()
    .map((k) => {
      const c = all.get(k) as Citation;
      return `<li id="${anchor(c)}"><b>${esc(k)}</b> — ${esc(describeCitation(c) ?? '')}</li>`;
    })
    .join('');
};

/**
 * The audit as one self-contained HTML page: a summary, the findings with links to the clauses they cite, and charts
 * of processing times against the legal limits (Art. 13) and of locks by ground over time (Art. 15). No script and
 * nothing fetched: it opens offline and prints.
 */
export const renderHtmlReport = (input: HtmlReportInput): string => {
  const { report } = input;
  const maxRows = input.maxRows ?? 2000;
  const count = (s: Finding['severity']) => report.findings.filter((f) => f.severity === s).length;
  const byArticle = Object.entries(report.countsByArticle)
    .map(([a, n]) => `<tr><td>${esc(a)}</td><td class="n">${n}</td></tr>`)
    .join('');
  const byCheck = Object.entries(report.countsByCheck)
    .map(([c, n]) => `<tr><td><code>${esc(c)}</code></td><td class="n">${n}</td></tr>`)
    .join('');
  const rows = report.findings.slice(0, maxRows).map(findingRow).join('');
  const more =
    report.findings.length > maxRows
      ? `<p><small>${report.findings.length - maxRows} more findings are in the JSON report.</small></p>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Audit under Decree 69/2024/ND-CP as of ${esc(report.asOf)}</title><style>${STYLE}</style></head>
<body>
<h1>Audit under Decree 69/2024/ND-CP</h1>
<p>Log <code>${esc(input.source)}</code>, judged as of <b>${esc(report.asOf)}</b>.</p>
<section id="summary"><h2>Summary</h2><div class="cards">
<div class="card"><b>${report.events}</b>events</div><div class="card"><b>${report.subjects}</b>subjects</div>
<div class="card sev-violation"><b>${count('violation')}</b>violations</div>
<div class="card sev-lateness"><b>${count('lateness')}</b>late acts</div>
<div class="card sev-integrity"><b>${count('integrity')}</b>integrity problems</div></div>
<table><thead><tr><th>Article</th><th>Findings</th></tr></thead><tbody>${byArticle}</tbody></table>
<table><thead><tr><th>Check</th><th>Findings</th></tr></thead><tbody>${byCheck}</tbody></table></section>
<section id="processing"><h2>Processing times against the legal limits (Art. 13)</h2>${processingSection(input.statistics)}</section>
<section id="locks"><h2>Locks by ground over time (Art. 15)</h2>${locksSection(input.lockRegister)}</section>
<section id="findings"><h2>Findings</h2>${
    report.findings.length === 0
      ? '<p>No findings.</p>'
      : `<table><thead><tr><th>Severity</th><th>Check</th><th>Clause</th><th>Subject</th><th>Where</th><th>When</th><th>Required</th><th>Found</th></tr></thead><tbody>${rows}</tbody></table>${more}`
  }</section>
<section id="clauses"><h2>Clauses cited</h2><ul>${citedClauses(report.findings, input.statistics)}</ul></section>
</body></html>
`;
};
