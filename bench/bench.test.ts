import { describe, expect, it } from 'vitest';
import { accountDecider } from '@dinhdanh/core';
import { baselineFold } from './baseline.js';
import { type BaselineRecord } from './baseline.js';
import { prepare } from './contender.js';
import { type BenchRecord, withRatios } from './record.js';
import { runScenarios } from './scenarios.js';
import { workload } from './workload.js';

// The harness's shape only: no timing is asserted (timings belong to `npm run bench`, never to tests).

describe('the benchmark workload', () => {
  it('is the same log for the same seed, and a different one for another seed', () => {
    const a = workload(20, 7).events;
    expect(workload(20, 7).events).toEqual(a);
    expect(workload(20, 8).events).not.toEqual(a);
  });

  it('numbers each stream gap-free from revision 0, in log order', () => {
    const next = new Map<string, number>();
    for (const e of workload(30, 1).events) {
      expect(e.revision).toBe(next.get(e.streamId) ?? 0);
      next.set(e.streamId, e.revision + 1);
    }
  });

  it("the baseline's switch fold gives the decider's state for every subject", () => {
    const streams = new Map<string, BaselineRecord[]>();
    for (const e of workload(25, 3).events) {
      const records = streams.get(e.streamId) ?? [];
      records.push({ ...e, position: 0 });
      streams.set(e.streamId, records);
    }
    for (const [streamId, records] of streams) {
      if (!streamId.startsWith('subject-')) continue;
      let s = accountDecider.initialState;
      for (const r of records) if (r.data.type !== 'LoginRecorded') s = accountDecider.evolve(s, r.data);
      expect(baselineFold(records)).toEqual(s);
    }
  });
});

describe('the benchmark harness', () => {
  it('produces one well-formed record per scenario and contender, with ratios to the baseline', async () => {
    const p = prepare(workload(40, 2));
    const records: BenchRecord[] = [];
    const options = {
      contenders: ['baseline', 'dinhdanh', 'emmett', 'castore'],
      budgetSeconds: 30,
      pgEvents: 1,
      audits: false,
      postgres: false,
    };
    for await (const r of runScenarios(p, options, '/dev/null')) records.push(r);
    const rated = withRatios(records);
    const scenarios = ['append-per-command', 'append-bulk-import', 'aggregate-subject', 'rebuild-accounts'];
    for (const contender of ['baseline', 'dinhdanh', 'emmett', 'castore']) {
      expect(rated.filter((r) => r.contender === contender).map((r) => r.name)).toEqual(
        expect.arrayContaining(scenarios),
      );
    }
    for (const r of rated) {
      expect(r.subjects).toBe(40);
      expect(r.events).toBeGreaterThan(0);
      expect(r.seconds).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(r.eventsPerSecond)).toBe(true);
      expect(r.peakRss).toBeGreaterThan(0);
      if (scenarios.includes(r.name)) expect(r.ratioToBaseline).not.toBeNull();
      if (r.contender === 'baseline') expect(r.ratioToBaseline).toBe(1);
    }
    const complete = rated.filter((r) => r.note === undefined || !r.note.startsWith('time-boxed'));
    const bulk = complete.filter((r) => r.name === 'append-bulk-import');
    for (const r of bulk) expect(r.events).toBe(p.workload.events.length);
  });
});
