import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { digest } from './digest.js';
import { PROGRESS_EVERY, type Progress } from './drive.js';
import { exportNdjson, importNdjson } from './ndjson.js';
import { countingSink, generatedLog, passThroughStore } from './testSupport.js';
import { verifyLog } from './verify.js';

// Memory is shown by counting, not by timing or heap sizes: a lazily generated log counts the lines it has handed
// out, and the consumer's progress says how many it has processed. If the difference stays within one chunk (or one
// page, or one append batch) for the whole run, nothing accumulates but the per-stream state, which is reported: so a
// 10-million-event file needs the same memory as this one, plus one entry per stream.

const EVENTS = 2 * PROGRESS_EVERY + 3_000;
const STREAMS = 250;
const CHUNK = 100;

describe('streaming in bounded memory (Art. 17: a national log is verified, exported and imported without holding it)', () => {
  it('verification reads at most one chunk ahead, keeps one entry per stream, and reports progress', async () => {
    const log = generatedLog(EVENTS, STREAMS, CHUNK);
    const reports: Progress[] = [];
    let ahead = 0;
    const r = await verifyLog(log.open(), undefined, {
      onProgress: (p) => {
        reports.push(p);
        ahead = Math.max(ahead, log.produced() - p.events);
      },
    })();
    expect(r).toMatchObject(E.right({ ok: true, events: EVENTS, peakStreamStates: STREAMS }));
    expect(ahead).toBeLessThanOrEqual(CHUNK);
    expect(reports.map((p) => p.events)).toEqual([PROGRESS_EVERY, 2 * PROGRESS_EVERY, EVENTS]);
    expect(reports.at(-1)).toEqual({ phase: 'verify', events: EVENTS, line: EVENTS });
  });

  it('a digest of a generated log is taken in one pass and the log verifies against it', async () => {
    const log = generatedLog(EVENTS, STREAMS, CHUNK);
    const d = await digest(log.open(), { clock: () => '2030-01-01T00:00:00.000Z' })();
    expect(d).toMatchObject(E.right({ count: EVENTS, streams: STREAMS, position: EVENTS - 1 }));
    if (E.isLeft(d)) return;
    const r = await verifyLog(log.open(), d.right)();
    expect(r).toMatchObject(E.right({ ok: true, digestMatched: true }));
  });

  it('an export holds one readAll page at a time: a store of any size passes through to the file', async () => {
    const pageSize = 500;
    let ahead = 0;
    const { sink, lines } = countingSink(() => {
      ahead = Math.max(ahead, store.handedOut() - lines());
    });
    const store = passThroughStore(EVENTS, STREAMS);
    const progress: number[] = [];
    const r = await exportNdjson(store, sink, { pageSize, onProgress: (p) => progress.push(p.events) })();
    expect(r).toMatchObject(E.right({ events: EVENTS, digest: { count: EVENTS, streams: STREAMS } }));
    expect(lines()).toBe(EVENTS);
    expect(ahead).toBeLessThanOrEqual(pageSize);
    expect(progress.at(-1)).toBe(EVENTS);
  });

  it('an import reads the file twice, holding one chunk and at most one append batch, and appends everything', async () => {
    const log = generatedLog(EVENTS, STREAMS, CHUNK);
    const batchSize = 50;
    let ahead = 0;
    const target = passThroughStore(0, STREAMS, () => {
      ahead = Math.max(ahead, log.produced() - target.appended());
    });
    const phases = new Set<string>();
    const r = await importNdjson(log.open, target, {
      codec: t.unknown,
      batchSize,
      onProgress: (p) => phases.add(p.phase),
    })();
    expect(r).toMatchObject(E.right({ appended: EVENTS, skipped: 0 }));
    expect(target.appended()).toBe(EVENTS);
    expect(ahead).toBeLessThanOrEqual(CHUNK + batchSize);
    expect([...phases]).toEqual(['import-check', 'import-write']);
  });
});
