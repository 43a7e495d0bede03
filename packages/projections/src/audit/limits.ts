import * as E from 'fp-ts/lib/Either.js';
import {
  AGENCY_REQUEST_TIME_LIMITS,
  type Citation,
  type CivilDate,
  GRANT_TIME_LIMITS,
  type Subject,
  type TimeLimit,
  type WorkingCalendar,
  art,
  parseInstant,
  periodEnd,
  vietnamDateOfMs,
} from '@dinhdanh/core';

// Which time limit applies, read anew from Arts. 13, 15 and 29-30; the periods and clauses come from the decree's
// time-limit table in core (data, not the decider's rules).

/** The Art. 13 limit for a request, by the subject as the dossier states it on the day it is received. */
export const grantLimitFor = (s: Subject, level: 1 | 2 | null, on: CivilDate): TimeLimit => {
  const g = GRANT_TIME_LIMITS;
  switch (s.kind) {
    case 'citizen': {
      const c = s.identityCard;
      const valid = c !== null && c.status === 'valid' && (c.validUntil === null || c.validUntil >= on);
      return !valid ? g.citizenWithoutValidCard : level === 2 ? g.citizenLevel2 : g.citizenLevel1;
    }
    case 'foreigner':
      return level !== 2
        ? g.foreignerLevel1
        : s.biometricsOnFile
          ? g.foreignerLevel2BiometricsOnFile
          : g.foreignerLevel2BiometricsNotOnFile;
    case 'organisation':
      return s.inNationalDatabases ? g.organisationInDatabases : g.organisationNotInDatabases;
  }
};

/** The end of a limit's period from an instant, in ms, or `null` where the calendar does not cover it. */
export const endMs = (from: string, limit: TimeLimit, calendar: WorkingCalendar): number | null => {
  // A period's end depends only on the day it starts, the period and the calendar: the audit asks for the same few
  // (day, period) pairs for many subjects, so the answers are kept per calendar (a bounded cache).
  const at = parseInstant(from);
  if (E.isLeft(at)) return null;
  const key = `${limit.period.unit}:${limit.period.length}:${vietnamDateOfMs(at.right)}`;
  let cache = endCache.get(calendar);
  if (cache === undefined) endCache.set(calendar, (cache = new Map()));
  const known = cache.get(key);
  if (known !== undefined) return known;
  const r = periodEnd(from, limit.period, calendar);
  const ms = E.isRight(r) ? r.right.endsAtMs : null;
  if (cache.size >= END_CACHE_SIZE) cache.clear();
  cache.set(key, ms);
  return ms;
};

const END_CACHE_SIZE = 4096;
const endCache = new WeakMap<WorkingCalendar, Map<string, number | null>>();

/** "1 working day", "15 days". */
export const periodText = (l: TimeLimit): string =>
  `${l.period.length} ${l.period.unit === 'days' ? 'day' : 'working day'}${l.period.length === 1 ? '' : 's'}`;

type Target = 'account' | 'electronic-identity-card';
type Action = 'lock' | 'unlock';

/** The limits and clauses of each step of a competent agency's request, by target and action. */
export const agencyLimits = (
  target: Target,
  action: Action,
): { readonly receive: Citation; readonly forward: TimeLimit; readonly decide: TimeLimit } => {
  const t = AGENCY_REQUEST_TIME_LIMITS;
  if (target === 'account')
    return action === 'lock'
      ? { receive: art(15, 2, 'c'), forward: t.forwardAccountLock, decide: t.decideAccountLock }
      : { receive: art(15, 3, 'b'), forward: t.forwardAccountUnlock, decide: t.decideAccountUnlock };
  return action === 'lock'
    ? { receive: art(29, 3), forward: t.forwardCardLock, decide: t.decideCardLock }
    : { receive: art(30, 3), forward: t.forwardCardUnlock, decide: t.decideCardUnlock };
};
