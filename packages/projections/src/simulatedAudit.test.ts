import { formatCitation } from '@dinhdanh/core';
import { VIOLATION_KIND_IDS, simulate } from '@dinhdanh/core/testing';
import { describe, expect, it } from 'vitest';
import { AUDIT_CHECKS, auditStore } from './index.js';

// The simulator (core) and the audit (projections) are two readings of the decree that meet here: every subject the
// simulator keeps lawful passes the audit, and each violation it injects is reported by its check, on its stream.
const AS_OF = '2026-01-01T00:00:00+07:00';

const auditOf = async (seed: number, subjects: number, rate: number) => {
  const sim = await simulate({
    seed,
    subjects,
    from: '2025-01-01T00:00:00+07:00',
    to: '2025-12-31T23:59:59+07:00',
    violations: Object.fromEntries(VIOLATION_KIND_IDS.map((k) => [k, rate])),
  });
  const report = await auditStore(sim.store, { asOf: AS_OF })();
  if (report._tag === 'Left') throw new Error(JSON.stringify(report.left));
  return { sim, report: report.right };
};

describe('the audit of simulated populations', () => {
  it('finds nothing in a lawful population', async () => {
    const { sim, report } = await auditOf(101, 600, 0);
    expect(sim.refusals).toEqual([]);
    expect(sim.injected).toEqual([]);
    expect(report.findings.map((f) => `${f.check} ${f.streamId}`)).toEqual([]);
  });

  it('reports every injected violation by the check for its clause, on its stream, and nothing on lawful subjects', async () => {
    const { sim, report } = await auditOf(202, 1200, 0.004);
    expect(new Set(sim.injected.map((v) => v.kind))).toEqual(new Set(VIOLATION_KIND_IDS));
    const catalogue = new Map(AUDIT_CHECKS.map((c) => [c.id, c]));
    for (const v of sim.injected) {
      expect(catalogue.has(v.expectedCheck), v.expectedCheck).toBe(true);
      const hits = report.findings.filter((f) => f.check === v.expectedCheck && f.streamId === v.streamId);
      expect(hits.length, `${v.kind} on ${v.streamId}`).toBeGreaterThan(0);
      expect(
        hits.some((f) => formatCitation(f.citation) === formatCitation(v.citation)),
        v.kind,
      ).toBe(true);
    }
    const violating = new Set(sim.injected.map((v) => v.subjectId));
    expect(report.findings.filter((f) => !violating.has(f.subjectId)).map((f) => `${f.check} ${f.streamId}`)).toEqual(
      [],
    );
  });
});
