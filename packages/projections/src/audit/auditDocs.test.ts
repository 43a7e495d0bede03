import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCitation } from '@dinhdanh/core';
import { AUDIT_CHECKS } from './checks.js';
import { EXAMPLES, exampleFinding, runExample } from './examples.testSupport.js';
import { findingText } from './format.js';

// docs/audit.md lists every check of AUDIT_CHECKS with its clauses and an example finding as findingText prints it.
// This test keeps the two in step: a check added, renamed or re-cited, or a finding's text changed, fails here.

const doc = readFileSync(new URL('../../../../docs/audit.md', import.meta.url), 'utf8');
const cell = (s: string): string => s.replace(/\|/g, '\\|');
/** The cells of the table rows that name a check (formatters pad them; an escaped `\\|` stays inside its cell). */
const rows = doc
  .split('\n')
  .filter((l) => /^\| `[a-z-]+\.[a-z-]+` +\|/.test(l))
  .map((l) =>
    l
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim()),
  );
const rowOf = (id: string): readonly string[] => rows.find((r) => r[0] === `\`${id}\``) ?? [];

describe('docs/audit.md and AUDIT_CHECKS (Arts. 7-17, 40)', () => {
  it('the table has one row per check, and no other', () => {
    expect(rows.map((r) => r[0])).toEqual(AUDIT_CHECKS.map((k) => `\`${k.id}\``));
  });

  for (const k of AUDIT_CHECKS) {
    it(`${k.id}: its row gives its severity, every clause it cites and what it requires; its example is printed`, async () => {
      const clauses = k.citations.map((c) => formatCitation(c).replace('69/2024/ND-CP ', '')).join(', ');
      const x = EXAMPLES.find((e) => e.check === k.id);
      if (x === undefined) throw new Error(`no example for ${k.id}`);
      const f = exampleFinding(x, await runExample(x));
      if (f === undefined) throw new Error(`the example of ${k.id} does not report it`);
      expect(rowOf(k.id)).toEqual([`\`${k.id}\``, k.severity, clauses, cell(k.requires), cell(f.found)]);
      expect(doc).toContain(`### \`${k.id}\`\n\n\`\`\`text\n${findingText(f)}\n\`\`\``);
    });
  }
});
