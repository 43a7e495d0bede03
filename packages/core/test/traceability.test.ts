import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRACEABILITY_DOC, generateTraceability } from './traceability.js';

describe('docs/traceability.md', () => {
  const { markdown, unknown } = generateTraceability();

  it('every clause the code cites exists in the decree', () => {
    expect(unknown).toEqual([]);
  });

  it('every clause the code cites is checked by at least one test', () => {
    const untested = markdown.split('\n').filter((l) => l.endsWith('| **none** |'));
    expect(untested).toEqual([]);
  });

  it('is what the sources generate (run `npm run traceability` after changing rules or tests)', () => {
    expect(readFileSync(TRACEABILITY_DOC, 'utf8')).toBe(markdown);
  });
});
