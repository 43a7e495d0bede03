import { art } from '@dinhdanh/core';
import { describe, expect, it } from 'vitest';
import { statistics, statisticsOnVietnamCalendar } from './statistics.js';
import { evaLockedLater, modelOf, record, story } from './story.testSupport.js';

describe('statistics: the figures an operator reports upward', () => {
  it('counts subjects by kind, level and status, and events by month in Vietnam', async () => {
    const s = statistics(modelOf(statisticsOnVietnamCalendar, await record([...story(), ...evaLockedLater()])));
    expect(s.subjects).toBe(5);
    expect(s.byKind).toEqual({ foreigner: 5 });
    expect(s.byLevel).toEqual({ '1': 1, '2': 3, 'no-account': 1 });
    expect(s.byStatus).toEqual({ none: 0, requested: 0, verified: 1, granted: 1, activated: 1, locked: 2 });
    expect(s.byMonth).toEqual({
      '2025-07': { requested: 5, granted: 4, refused: 0, activated: 3, locked: 0, unlocked: 0 },
      '2025-08': { requested: 0, granted: 0, refused: 0, activated: 0, locked: 2, unlocked: 0 },
    });
  });

  it('gives processing times in working days against each Art. 13 limit (13(3)(a): 1 day; 13(3)(b): 3 days)', async () => {
    const s = statistics(modelOf(statisticsOnVietnamCalendar, await record(story())));
    expect(
      s.processing.map((p) => ({ citation: p.citation, grants: p.grants, late: p.late, histogram: p.histogram })),
    ).toEqual([
      { citation: art(13, 3, 'a'), grants: 1, late: 0, histogram: { '1': 1 } },
      { citation: art(13, 3, 'b'), grants: 3, late: 0, histogram: { '1': 3 } },
    ]);
    const level2 = s.processing.find((p) => p.citation.point === 'b');
    expect(level2).toMatchObject({ withinLimit: 3, p50: 1, p90: 1, p95: 1, max: 1 });
    expect(level2?.limit).not.toBeNull();
  });
});
