import { type LoginRecorded, art } from '@dinhdanh/core';
import { type AuditEnv, type EventCtx, type SubjectTrack, fullYears, report } from '../model.js';
import { IN_FORCE_MS } from './effect.js';

// Art. 14(2): the account of a person under 14, under guardianship or represented is used with the consent of their
// guardian or representative, confirmed on the app. A login is judged against the subject's stream as read so far
// (the log is read in its global order, in which a login follows what happened before it).

/** Checks a login of a login stream (`login-<id>`) against the subject `<id>`'s history so far. */
export const checkLogin = (login: LoginRecorded, s: SubjectTrack | undefined, ctx: EventCtx, env: AuditEnv): void => {
  if (ctx.atMs < IN_FORCE_MS)
    report(
      env,
      ctx,
      'effect.before-in-force',
      'violation',
      art(40, 1),
      'Acts under Decree 69/2024/ND-CP from 2024-07-01T00:00:00+07:00',
      `a login is dated ${login.at}`,
    );
  const id = s?.identity;
  if (id === null || id === undefined || id.kind === 'organisation') return;
  const age = fullYears(id.dateOfBirth, ctx.day);
  const why =
    age < 14
      ? `the subject is ${age} full years old`
      : id.legalCapacity !== 'full'
        ? `the subject is ${id.legalCapacity.replace('-', ' ')}`
        : null;
  if (why === null || s?.consent !== null) return;
  report(
    env,
    ctx,
    'consent.missing',
    'violation',
    art(14, 2),
    "Persons under 14, under guardianship or represented use the account with their guardian's or representative's consent, confirmed on the app",
    `a login at ${login.at}: ${why} and no consent stood`,
  );
};
