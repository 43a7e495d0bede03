/**
 * The benchmark's records and how they are printed. One record per scenario and contender; `ratioToBaseline` is the
 * contender's events per second over the baseline's in the same scenario of the same run.
 */
import type { Outcome } from './contender.js';

/** One measured scenario of one contender. */
export interface BenchRecord {
  /** The scenario (see bench/README.md). */
  readonly name: string;
  readonly contender: string;
  readonly subjects: number;
  /** Events the scenario processed (fewer than the log's when it was time-boxed). */
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Heap (and typed-array) growth of the store per event it holds, beyond the payloads (import scenarios only). */
  readonly bytesPerEvent: number | null;
  /** The process's resident set high-water mark when the scenario ended, in bytes (see bench/README.md). */
  readonly peakRss: number;
  /** events/s over the baseline's events/s in the same scenario; `null` when the scenario has no baseline. */
  readonly ratioToBaseline: number | null;
  readonly note?: string;
}

/** The resident set high-water mark of this process so far, in bytes. */
export const peakRssNow = (): number => process.resourceUsage().maxRSS * 1024;

/** A record from an outcome; the ratio is filled in once the baseline of the scenario is known. */
export const recordOf = (
  name: string,
  contender: string,
  subjects: number,
  o: Outcome,
  extra: { readonly bytesPerEvent?: number | null; readonly peakRss?: number; readonly note?: string } = {},
): BenchRecord => {
  const note = [o.note, extra.note].filter((n) => n !== undefined).join('; ');
  return {
    name,
    contender,
    subjects,
    events: o.events,
    seconds: Math.round(o.seconds * 1000) / 1000,
    eventsPerSecond: o.seconds > 0 ? Math.round(o.events / o.seconds) : 0,
    bytesPerEvent: extra.bytesPerEvent ?? null,
    peakRss: extra.peakRss ?? peakRssNow(),
    ratioToBaseline: null,
    ...(note === '' ? {} : { note }),
  };
};

/** The records with each one's ratio to the baseline record of the same scenario and size, when there is one. */
export const withRatios = (records: ReadonlyArray<BenchRecord>): BenchRecord[] =>
  records.map((r) => {
    const base = records.find(
      (b) => b.contender === 'baseline' && b.name === r.name && b.subjects === r.subjects && b.eventsPerSecond > 0,
    );
    return base === undefined
      ? r
      : { ...r, ratioToBaseline: Math.round((r.eventsPerSecond / base.eventsPerSecond) * 1000) / 1000 };
  });

const si = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(Math.round(n));

/** The records as a Markdown table (the same text goes to the terminal and to bench/README.md). */
export const table = (records: ReadonlyArray<BenchRecord>): string => {
  const head = ['subjects', 'scenario', 'contender', 'events', 'events/s', 'B/event', 'peak RSS', 'x baseline', 'note'];
  const rows = records.map((r) => [
    si(r.subjects),
    r.name,
    r.contender,
    si(r.events),
    si(r.eventsPerSecond),
    r.bytesPerEvent === null ? '' : String(Math.round(r.bytesPerEvent)),
    `${Math.round(r.peakRss / 2 ** 20)} MiB`,
    r.ratioToBaseline === null ? '' : r.ratioToBaseline.toFixed(2),
    r.note ?? '',
  ]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
};
