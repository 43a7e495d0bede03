import {
  type CivilDate,
  type Instant,
  LOGIN_CATEGORY,
  SUBJECT_CATEGORY,
  type StoredEvent,
  formatVietnamInstant,
  parseStreamName,
  vietnamDateOfMs,
} from '@dinhdanh/core';

// Helpers shared by the read models; not exported from the package.

const HOUR = 3_600_000;

const SUBJECT_PREFIX = `${SUBJECT_CATEGORY}-`;
const LOGIN_PREFIX = `${LOGIN_CATEGORY}-`;

/** The subject id of an event of a `subject-<id>` stream, otherwise `undefined`. */
export const subjectKey = (e: StoredEvent<unknown>): string | undefined => {
  // Every event of a rebuild asks: the usual `subject-<id>` is answered without parsing the name.
  if (e.streamId.startsWith(SUBJECT_PREFIX)) {
    const id = e.streamId.slice(SUBJECT_PREFIX.length);
    return id === '' ? undefined : id;
  }
  // A third of a log is logins: not a subject stream, whatever follows the prefix.
  if (e.streamId.startsWith(LOGIN_PREFIX)) return undefined;
  const { category, id } = parseStreamName(e.streamId);
  return category === SUBJECT_CATEGORY && id !== '' ? id : undefined;
};

/** The subject id of an event of a `subject-<id>` or `login-<id>` stream, otherwise `undefined`. */
export const subjectOrLoginKey = (e: StoredEvent<unknown>): string | undefined => {
  const { category, id } = parseStreamName(e.streamId);
  return (category === SUBJECT_CATEGORY || category === LOGIN_CATEGORY) && id !== '' ? id : undefined;
};

/** Whether an event comes from a login stream. */
export const isLoginStream = (e: StoredEvent<unknown>): boolean =>
  parseStreamName(e.streamId).category === LOGIN_CATEGORY;

/** The day in Vietnam (UTC+7) of an instant. */
export const vietnamDay = (at: Instant): CivilDate => vietnamDateOfMs(Date.parse(at));

/** The month in Vietnam of an instant, `YYYY-MM`. */
export const vietnamMonth = (at: Instant): string => vietnamDay(at).slice(0, 7);

/**
 * The instant `years` calendar years after (or before, when negative) `ms`, on Vietnam's wall clock. Where that day
 * does not exist (29 February in a common year), the result errs on the side of keeping data longer: 1 March going
 * forward, 28 February going back.
 */
export const shiftYearsMs = (ms: number, years: number): number => {
  const wall = new Date(ms + 7 * HOUR);
  const y = wall.getUTCFullYear() + years;
  const m = wall.getUTCMonth();
  const d = wall.getUTCDate();
  const time = ms + 7 * HOUR - Date.UTC(wall.getUTCFullYear(), m, d);
  const leapDay = m === 1 && d === 29;
  const target =
    leapDay && years < 0 && new Date(Date.UTC(y, 1, 29)).getUTCMonth() !== 1 ? Date.UTC(y, 1, 28) : Date.UTC(y, m, d);
  return target + time - 7 * HOUR;
};

/** {@link shiftYearsMs} on instants, written with the `+07:00` offset. */
export const shiftYears = (at: Instant, years: number): Instant =>
  formatVietnamInstant(shiftYearsMs(Date.parse(at), years));

/** The values of a map ordered by key: read models answer in a stable order. */
export const sortedValues = <S>(model: ReadonlyMap<string, S>, keep: (s: S) => boolean = () => true): S[] =>
  [...model.keys()]
    .sort()
    .map((k) => model.get(k) as S)
    .filter(keep);
