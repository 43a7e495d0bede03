import { type AccountEvent, type Citation, art, endOfVietnamDayMs, formatVietnamInstant } from '@dinhdanh/core';
import {
  ACCOUNT_GROUNDS,
  type AuditEnv,
  CARD_GROUNDS,
  DERIVED_GROUNDS,
  type EventCtx,
  type SubjectTrack,
  conditionFromMs,
  conditionHolds,
  dayOfMs,
  groundCitation,
  recordedDerivedGrounds,
  report,
  reportOmission,
  wantedGrounds,
} from '../model.js';
import type { CheckFamily } from './family.js';

// Art. 15 (accounts) and Arts. 29-30 (citizens' electronic identity cards): an account or card is locked while a
// ground remains and unlocked when none does. Grounds that follow from recorded facts and the date (an expired
// document, a death, a revoked card, an organisation that ceased operating, a locked card) are the system's to
// record: the audit gives it until the end of the day on which the ground arose (a daily review), then reports the
// account left unlocked (or, for a ground gone, left locked).

type Scope = 'account' | 'card';
const scopeOf = (e: AccountEvent): Scope =>
  e.type.startsWith('ElectronicIdentityCard') || e.type.startsWith('Card') ? 'card' : 'account';
const what = (scope: Scope): string => (scope === 'card' ? 'electronic identity card' : 'account');
const show = (key: string): string => key.replace(':', ' ground ');
const list = (xs: Iterable<string>): string => [...xs].sort().join(', ');

const onLock = (ground: string, scope: Scope, s: SubjectTrack, ctx: EventCtx, env: AuditEnv): void => {
  const kind = s.identity?.kind;
  const key = `${scope}:${ground}`;
  const allowed =
    kind === undefined
      ? undefined
      : scope === 'card'
        ? kind === 'citizen'
          ? CARD_GROUNDS[ground]
          : undefined
        : ACCOUNT_GROUNDS[kind][ground];
  const fail = (citation: Citation, found: string): void =>
    report(
      env,
      ctx,
      'locking.without-ground',
      'violation',
      citation,
      `An ${what(scope)} is locked only on a ground the decree gives`,
      found,
    );
  if (scope === 'account' ? s.account === null : s.card === null)
    return fail(
      scope === 'card' ? art(29) : art(15),
      `locked on ${ground}, but no ${what(scope)} was granted or issued`,
    );
  if (allowed === undefined)
    return fail(
      scope === 'card' ? art(29) : art(15),
      `locked on ${ground}, which is not a ground for a ${kind ?? 'subject'}'s ${what(scope)}`,
    );
  if (DERIVED_GROUNDS.has(key) && !conditionHolds(s, key, ctx.atMs))
    return fail(allowed, `locked on ${ground} on ${ctx.day}, but the recorded identity shows no such fact on that day`);
  if (ground === 'competent-agency-request' && !s.approvals.has(`${scope}:lock`))
    return fail(
      allowed,
      `locked on a competent agency's request, but no such request to lock the ${what(scope)} was approved`,
    );
};

const onUnlock = (ground: string, last: boolean, scope: Scope, s: SubjectTrack, ctx: EventCtx, env: AuditEnv): void => {
  const kind = s.identity?.kind;
  const key = `${scope}:${ground}`;
  const grounds = scope === 'card' ? (s.card?.grounds ?? new Set<string>()) : s.grounds;
  const basis = scope === 'card' ? art(30, 1) : art(15, 3, 'a');
  if (ground === 'death') {
    report(
      env,
      ctx,
      'locking.death-unlocked',
      'violation',
      groundCitation(kind, key),
      'Death is a ground that never ceases',
      `the ${what(scope)}'s death ground was removed`,
    );
    return;
  }
  if (!grounds.has(ground)) {
    report(
      env,
      ctx,
      'locking.ceased-without-basis',
      'violation',
      basis,
      'Only a recorded ground can cease',
      `${ground} was recorded as ceasing, but the ${what(scope)} was not locked on it`,
    );
    return;
  }
  if (ground === 'competent-agency-request' && !s.approvals.has(`${scope}:unlock`))
    report(
      env,
      ctx,
      'locking.ceased-without-basis',
      'violation',
      scope === 'card' ? art(30, 5) : art(15, 3, 'd'),
      "A competent agency's lock ceases when its request to unlock is approved by the head of the Ministry's identity management agency",
      `the competent agency's ground on the ${what(scope)} ceased without an approved request to unlock`,
    );
  const remaining = [...grounds].filter((g) => g !== ground);
  const holds = DERIVED_GROUNDS.has(key) && conditionHolds(s, key, ctx.atMs);
  if (holds || (last && remaining.length > 0))
    report(
      env,
      ctx,
      'locking.unlock-while-ground',
      'violation',
      basis,
      `The ${what(scope)} is unlocked only when no ground for locking it remains`,
      holds
        ? `${ground} was recorded as ceasing on ${ctx.day} while its fact remained`
        : `the ${what(scope)} was unlocked (${ground} ceased) while ${list(remaining)} remained`,
    );
};

/** Art. 15: locks need a ground; unlocks need all grounds gone; death never ceases. */
export const lockingChecks: CheckFamily = {
  name: 'locking',
  onEvent: (e, s, ctx, env) => {
    switch (e.type) {
      case 'AccountLocked':
      case 'LockGroundAdded':
      case 'ElectronicIdentityCardLocked':
      case 'CardLockGroundAdded':
        return onLock(e.ground, scopeOf(e), s, ctx, env);
      case 'AccountUnlocked':
      case 'ElectronicIdentityCardUnlocked':
        return onUnlock(e.ground, true, scopeOf(e), s, ctx, env);
      case 'LockGroundCeased':
      case 'CardLockGroundCeased':
        return onUnlock(e.ground, false, scopeOf(e), s, ctx, env);
      case 'IdentityUpdated':
        if (s.deathOn !== null && e.subject.kind !== 'organisation' && e.subject.diedOn === null)
          report(
            env,
            ctx,
            'locking.death-unlocked',
            'violation',
            groundCitation(s.identity?.kind, 'account:death'),
            'Death is a ground that never ceases',
            `an update cleared the death recorded on ${s.deathOn}`,
          );
        return;
      default:
        return;
    }
  },
  finish: (s, env) => {
    lockingCheckpoint(s, env.asOfMs, env);
    for (const [key, m] of [...s.mismatches].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (env.asOfMs <= m.deadlineMs) continue;
      reportMismatch(
        s,
        env,
        key,
        m.kind === 'unrecorded' ? 'locking.left-unlocked' : 'locking.left-locked',
        m.sinceMs,
        m.deadlineMs,
        `as of ${env.asOf}`,
      );
    }
  },
};

const reportMismatch = (
  s: SubjectTrack,
  env: AuditEnv,
  key: string,
  check: string,
  sinceMs: number,
  deadlineMs: number,
  until: string,
): void => {
  const since = formatVietnamInstant(sinceMs);
  const by = formatVietnamInstant(deadlineMs);
  const [scope] = key.split(':') as [Scope];
  const kind = s.identity?.kind;
  switch (check) {
    case 'locking.left-unlocked':
    case 'locking.lock-late':
      return reportOmission(
        env,
        s,
        check,
        check === 'locking.lock-late' ? 'lateness' : 'violation',
        since,
        groundCitation(kind, key),
        `The system locks the ${what(scope)} automatically when the ground arises (recorded by the end of that day)`,
        `${show(key)} arose at ${since}; to be recorded by ${by}; ${check === 'locking.lock-late' ? `recorded ${until}` : `no lock recorded ${until}`}`,
      );
    default:
      return reportOmission(
        env,
        s,
        check,
        check === 'locking.unlock-late' ? 'lateness' : 'violation',
        since,
        scope === 'card' ? art(30, 1) : art(15, 3, 'a'),
        `The system unlocks the ${what(scope)} automatically when its ground no longer exists (by the end of that day)`,
        `${show(key)} no longer held from ${since}; to be ceased by ${by}; ${check === 'locking.unlock-late' ? `ceased ${until}` : `still recorded ${until}`}`,
      );
  }
};

/**
 * Compares the derived grounds whose facts hold at `tMs` with those recorded, opening a mismatch when a ground
 * arises unrecorded (or a recorded one stops holding) and closing it when the record catches up; a mismatch closed
 * after the end of its day is reported. Run before and after every event of the subject, and at `asOf`.
 */
export const lockingCheckpoint = (s: SubjectTrack, tMs: number, env: AuditEnv): void => {
  const want = wantedGrounds(s, tMs);
  const has = recordedDerivedGrounds(s);
  // Most checkpoints find no ground wanted, recorded or open: then there is nothing to compare.
  const idle = want.size === 0 && has.size === 0 && s.mismatches.size === 0;
  const keys = idle ? [] : new Set([...want, ...has, ...s.mismatches.keys()]);
  for (const key of keys) {
    const w = want.has(key);
    const h = has.has(key);
    const m = s.mismatches.get(key);
    if (m !== undefined) {
      const closed = m.kind === 'unrecorded' ? h || !w : !h || w;
      if (!closed) continue;
      s.mismatches.delete(key);
      if (tMs <= m.deadlineMs) continue;
      const until = `at ${formatVietnamInstant(tMs)}`;
      if (m.kind === 'unrecorded')
        reportMismatch(
          s,
          env,
          key,
          h ? 'locking.lock-late' : 'locking.left-unlocked',
          m.sinceMs,
          m.deadlineMs,
          h ? until : `until the ground ceased ${until}`,
        );
      else
        reportMismatch(
          s,
          env,
          key,
          !h ? 'locking.unlock-late' : 'locking.left-locked',
          m.sinceMs,
          m.deadlineMs,
          !h ? until : `until the ground arose again ${until}`,
        );
      continue;
    }
    const before = s.wanted.has(key);
    if (w && !h && !before) {
      // Since the fact began to hold (the day after an expiry, the day of death), but not before the last look.
      const from = Math.min(tMs, Math.max(s.lastCheckMs ?? tMs, conditionFromMs(s, key) ?? tMs));
      s.mismatches.set(key, { kind: 'unrecorded', sinceMs: from, deadlineMs: endOfVietnamDayMs(dayOfMs(from)) });
    } else if (h && !w && before) {
      s.mismatches.set(key, { kind: 'stale', sinceMs: tMs, deadlineMs: endOfVietnamDayMs(dayOfMs(tMs)) });
    }
  }
  s.wanted = want;
  s.lastCheckMs = s.lastCheckMs === null ? tMs : Math.max(s.lastCheckMs, tMs);
};
