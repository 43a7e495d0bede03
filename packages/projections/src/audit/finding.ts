import { type Citation, type Instant, formatCitation } from '@dinhdanh/core';

/**
 * How grave a finding is:
 * - `violation`: the history shows what the decree forbids, or lacks what it requires;
 * - `lateness`: a required act happened after its time limit, or has not happened and the limit has passed (a late
 *   act is still a fact, DESIGN idea 7);
 * - `integrity`: the log itself is damaged (undecodable, a broken hash chain, a gap, events gone against a digest).
 */
export type Severity = 'violation' | 'lateness' | 'integrity';

/** One thing the audit found, with the clause and the difference between what it requires and what the log shows. */
export interface Finding {
  /** The stable id of the check, e.g. `activation.window` (see {@link AUDIT_CHECKS}). */
  readonly check: string;
  readonly severity: Severity;
  /** The id of the identity subject (the part of the stream name after `subject-` or `login-`); `''` if unknown. */
  readonly subjectId: string;
  /** The stream the finding is about; `''` for a line of a file that could not be read as an event. */
  readonly streamId: string;
  /** The revision of the event the finding is about, when it is about one event. */
  readonly revision?: number;
  /** The line of the NDJSON file, when the log was read from one. */
  readonly line?: number;
  /** The instant of the act or omission (for an omission, when the obligation arose). */
  readonly at: Instant;
  readonly citation: Citation;
  /** What the decree required, in a sentence. */
  readonly required: string;
  /** What the history shows. */
  readonly found: string;
}

/** The result of an audit: deterministic for a given log, options and `asOf`. */
export interface AuditReport {
  /** The instant the log was judged as of: later events were left out; time-driven checks take it as "now". */
  readonly asOf: Instant;
  /** The number of events considered (recorded at or before `asOf`). */
  readonly events: number;
  /** The number of identity subjects seen (subject and login streams). */
  readonly subjects: number;
  /** Every finding, in a fixed order: by instant, stream, revision, check, then text. */
  readonly findings: readonly Finding[];
  /** How many findings each check made, keys sorted. */
  readonly countsByCheck: Readonly<Record<string, number>>;
  /** How many findings cite each article (`69/2024/ND-CP Art. 15`), keys sorted. */
  readonly countsByArticle: Readonly<Record<string, number>>;
}

const instantMs = (i: Instant): number => {
  const ms = Date.parse(i);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
};

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** The fixed order of findings: instant, stream, revision (none first), line, check, citation, found, required. */
export const compareFindings = (a: Finding, b: Finding): number =>
  cmp(instantMs(a.at), instantMs(b.at)) ||
  cmp(a.at, b.at) ||
  cmp(a.streamId, b.streamId) ||
  cmp(a.revision ?? -1, b.revision ?? -1) ||
  cmp(a.line ?? -1, b.line ?? -1) ||
  cmp(a.check, b.check) ||
  cmp(formatCitation(a.citation), formatCitation(b.citation)) ||
  cmp(a.found, b.found) ||
  cmp(a.required, b.required);

/** The article a citation falls under, printed: `69/2024/ND-CP Art. 15`. */
export const articleOf = (c: Citation): string => `${c.instrument} Art. ${c.article}`;

const sortedCounts = (keys: readonly string[]): Record<string, number> => {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  const out: Record<string, number> = {};
  for (const k of [...counts.keys()].sort()) out[k] = counts.get(k) ?? 0;
  return out;
};

/** Builds a report: sorts the findings and counts them by check and by article. */
export const makeReport = (
  asOf: Instant,
  events: number,
  subjects: number,
  findings: readonly Finding[],
): AuditReport => {
  const sorted = [...findings].sort(compareFindings);
  return {
    asOf,
    events,
    subjects,
    findings: sorted,
    countsByCheck: sortedCounts(sorted.map((f) => f.check)),
    countsByArticle: sortedCounts(sorted.map((f) => articleOf(f.citation))),
  };
};
