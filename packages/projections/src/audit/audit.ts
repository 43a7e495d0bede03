import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import {
  type AccountEvent,
  type CivilDate,
  type Digest,
  type EventStore,
  type Instant,
  type StoreError,
  type StoredEvent,
  type WorkingCalendar,
  endOfVietnamDayMs,
  formatVietnamInstant,
  parseInstant,
  parseStreamName,
  startOfVietnamDayMs,
  streamKind,
  vietnamDateOfMs,
  vietnamWorkingCalendar,
} from '@dinhdanh/core';
import { agencyRequestChecks } from './checks/agencyRequests.js';
import { competenceChecks } from './checks/competence.js';
import { checkLogin } from './checks/consent.js';
import { effectChecks } from './checks/effect.js';
import { eligibilityChecks } from './checks/eligibility.js';
import type { CheckFamily } from './checks/family.js';
import { IntegrityTracker, retentionClause } from './checks/integrity.js';
import { lockingCheckpoint, lockingChecks } from './checks/locking.js';
import { timeLimitChecks } from './checks/timeLimits.js';
import { verificationChecks } from './checks/verification.js';
import { decodeAccountEvent, decodeLogin } from './decode.js';
import { type AuditReport, type Finding, makeReport } from './finding.js';
import { type AuditEnv, type EventCtx, type SubjectTrack, applyEvent, newTrack } from './model.js';
import { type AuditInput, StoreReadFailed, storeLog } from './source.js';

/** Options of {@link audit}. */
export interface AuditOptions {
  /** Judge the log as of this instant: events recorded later are left out, and time-driven checks take it as now. */
  readonly asOf: Instant;
  /** The legal calendar for working days (default: Vietnam's, as shipped). */
  readonly calendar?: WorkingCalendar;
  /**
   * The digest an auditor kept (`digest`, `exportNdjson` or `printDigest` of `@dinhdanh/core`): the log's global chain
   * must reach its count of events with its head, or events vanished or changed (Art. 17). Checked against every
   * event read, including those recorded after `asOf`.
   */
  readonly digest?: Digest;
}

/** The check families over identity-subject streams, in the order they see each event. */
const FAMILIES: readonly CheckFamily[] = [
  effectChecks,
  competenceChecks,
  eligibilityChecks,
  verificationChecks,
  timeLimitChecks,
  lockingChecks,
  agencyRequestChecks,
];

const undecodable = (
  e: StoredEvent<unknown>,
  subjectId: string,
  line: number | undefined,
  reason: string,
): Finding => ({
  check: 'integrity.undecodable',
  severity: 'integrity',
  subjectId,
  streamId: e.streamId,
  revision: e.revision,
  ...(line === undefined ? {} : { line }),
  at: e.recordedAt,
  citation: retentionClause(e.streamId),
  required: 'Every stored event (every line of an export) reads as an event of its stream',
  found: `${e.type} at revision ${e.revision}${line === undefined ? '' : ` (line ${line})`} does not decode: ${reason}`,
});

/**
 * Replays a log and reports what the decree required and the history does not show (see docs/audit.md). The log is
 * read once, in the order given, which should be the store's global order (`readAll`, or an export of it): a login
 * is judged against its subject's history as read so far. Only per-subject and per-stream state is kept.
 *
 * This is a reading of the decree of its own: it shares the legal calendar, the time-limit table and the citation
 * catalogue with the decider, not its rules. Undecodable events and unreadable lines are findings, not errors.
 * Deterministic for a given log, options and `asOf`. Throws a `RangeError` if `asOf` is not an ISO 8601 instant
 * with an offset.
 */
export const audit = async (
  log: AsyncIterable<AuditInput> | Iterable<AuditInput>,
  options: AuditOptions,
): Promise<AuditReport> => {
  const asOfMs = parseInstant(options.asOf);
  if (E.isLeft(asOfMs)) throw new RangeError(`asOf: ${asOfMs.left.message}`);
  const findings: Finding[] = [];
  const env: AuditEnv = {
    calendar: options.calendar ?? vietnamWorkingCalendar,
    asOf: options.asOf,
    asOfMs: asOfMs.right,
    emit: (f) => findings.push(f),
  };
  const integrity = new IntegrityTracker(env.emit, env.asOfMs, options.digest);
  const tracks = new Map<string, SubjectTrack>();
  const subjects = new Set<string>();
  const loginLastAt = new Map<string, number>();
  let events = 0;
  // The Vietnamese day of the last instant asked: a log in global order stays on one day for many events.
  let dayStartMs = 0;
  let dayEndMs = -1;
  let dayText = '' as CivilDate;
  const dayOf = (ms: number): CivilDate => {
    if (ms >= dayStartMs && ms < dayEndMs) return dayText;
    dayText = vietnamDateOfMs(ms);
    dayStartMs = startOfVietnamDayMs(dayText);
    dayEndMs = endOfVietnamDayMs(dayText);
    return dayText;
  };
  // An event's instant is nearly always its recordedAt, already parsed.
  let recordedText = '';
  let recordedAtMs = Number.NaN;
  const msOf = (at: string): number => (at === recordedText ? recordedAtMs : Date.parse(at));

  const timeOrder = (ctx: EventCtx, lastMs: number | undefined | null): void => {
    if (lastMs === null || lastMs === undefined || ctx.atMs >= lastMs) return;
    env.emit({
      check: 'integrity.time-order',
      severity: 'integrity',
      subjectId: ctx.subjectId,
      streamId: ctx.streamId,
      revision: ctx.revision,
      ...(ctx.line === undefined ? {} : { line: ctx.line }),
      at: ctx.at,
      citation: retentionClause(ctx.streamId),
      required: "A stream's events are stored in the order of their instants",
      found: `the event is dated ${ctx.at}, before the event stored ahead of it (${formatVietnamInstant(lastMs)})`,
    });
  };

  const onSubjectEvent = (e: AccountEvent, stored: StoredEvent<unknown>, subjectId: string, line?: number): void => {
    let s = tracks.get(subjectId);
    if (s === undefined) tracks.set(subjectId, (s = newTrack(subjectId, stored.streamId)));
    const atMs = msOf(e.at);
    const ctx: EventCtx = {
      streamId: stored.streamId,
      subjectId,
      revision: stored.revision,
      ...(line === undefined ? {} : { line }),
      at: e.at,
      atMs,
      day: dayOf(atMs),
    };
    timeOrder(ctx, s.lastAtMs);
    lockingCheckpoint(s, atMs, env);
    for (const f of FAMILIES) f.onEvent?.(e, s, ctx, env);
    applyEvent(s, e, ctx, env);
    lockingCheckpoint(s, atMs, env);
    s.lastAtMs = Math.max(s.lastAtMs ?? atMs, atMs);
    s.lastRevision = stored.revision;
  };

  for await (const item of log) {
    if ('error' in item) {
      env.emit({
        check: 'integrity.undecodable',
        severity: 'integrity',
        subjectId: '',
        streamId: '',
        line: item.line,
        at: options.asOf,
        citation: retentionClause(''),
        required: 'Every line of an export is a stored event',
        found: `line ${item.line}: ${item.error}`,
      });
      continue;
    }
    const stored = 'event' in item ? item.event : item;
    const line = 'event' in item ? item.line : undefined;
    const recordedMs = parseInstant(stored.recordedAt);
    recordedText = E.isRight(recordedMs) ? stored.recordedAt : '';
    recordedAtMs = E.isRight(recordedMs) ? recordedMs.right : Number.NaN;
    const subjectId = parseStreamName(stored.streamId).id;
    const at = E.isRight(recordedMs) ? stored.recordedAt : options.asOf;
    const place = { subjectId, at, ...(line === undefined ? {} : { line }) };
    integrity.onChainedEvent(stored, place);
    if (E.isRight(recordedMs) && recordedMs.right > env.asOfMs) continue;
    events++;
    const kind = streamKind(stored.streamId);
    if (kind !== 'other') subjects.add(subjectId);
    integrity.onEvent(stored, place);
    if (E.isLeft(recordedMs)) {
      env.emit(
        undecodable(
          { ...stored, recordedAt: at },
          subjectId,
          line,
          `recordedAt ${JSON.stringify(stored.recordedAt)} is not an instant`,
        ),
      );
      continue;
    }
    if (kind === 'other') continue;
    const decoded = kind === 'subject' ? decodeAccountEvent(stored.data) : decodeLogin(stored.data);
    if (E.isLeft(decoded)) {
      env.emit(undecodable(stored, subjectId, line, decoded.left));
      continue;
    }
    if (decoded.right.type !== stored.type) {
      env.emit(
        undecodable(stored, subjectId, line, `the envelope says ${stored.type}, the data ${decoded.right.type}`),
      );
      continue;
    }
    if (decoded.right.type !== 'LoginRecorded') {
      onSubjectEvent(decoded.right, stored, subjectId, line);
      continue;
    }
    const atMs = msOf(decoded.right.at);
    const ctx: EventCtx = {
      streamId: stored.streamId,
      subjectId,
      revision: stored.revision,
      ...(line === undefined ? {} : { line }),
      at: decoded.right.at,
      atMs,
      day: dayOf(atMs),
    };
    timeOrder(ctx, loginLastAt.get(stored.streamId));
    loginLastAt.set(stored.streamId, Math.max(loginLastAt.get(stored.streamId) ?? atMs, atMs));
    checkLogin(decoded.right, tracks.get(subjectId), ctx, env);
  }

  for (const id of [...tracks.keys()].sort()) {
    const s = tracks.get(id) as SubjectTrack;
    for (const f of FAMILIES) f.finish?.(s, env);
  }
  integrity.finish(options.asOf);
  return makeReport(options.asOf, events, subjects.size, findings);
};

/**
 * Audits an event store through its `readAll`, in pages (see {@link audit}). A failure of the store is a `Left`.
 */
export const auditStore = (
  store: Pick<EventStore<unknown>, 'readAll'>,
  options: AuditOptions & { readonly pageSize?: number },
): TE.TaskEither<StoreError, AuditReport> =>
  TE.tryCatch(
    () => audit(storeLog(store, options.pageSize === undefined ? {} : { pageSize: options.pageSize }), options),
    (err) => {
      if (err instanceof StoreReadFailed) return err.error;
      throw err;
    },
  );
