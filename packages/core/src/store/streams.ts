/**
 * Stream names. One stream per identity subject, `subject-<id>`, holding its whole life (Decree 69/2024/ND-CP
 * Art. 17(1): no retention limit); logins in `login-<id>` streams, kept at least five years (Art. 17(2)).
 * A stream's category is the prefix before its first `-`, as EventStoreDB's `$by_category` projection reads it.
 */

/** The category of identity-subject streams. */
export const SUBJECT_CATEGORY = 'subject';

/** The category of login streams. */
export const LOGIN_CATEGORY = 'login';

/** A stream name split into its category and the id after the first `-` (`id` is `''` when there is no `-`). */
export interface StreamName {
  readonly category: string;
  readonly id: string;
}

/** The stream of an identity subject: `subject-<id>`. */
export const subjectStream = (subjectId: string): string => `${SUBJECT_CATEGORY}-${subjectId}`;

/** The login stream of an identity subject or account: `login-<id>`. */
export const loginStream = (id: string): string => `${LOGIN_CATEGORY}-${id}`;

/** Splits a stream name at its first `-`: `subject-7f3a-...` is category `subject`, id `7f3a-...`. */
export const parseStreamName = (streamId: string): StreamName => {
  const dash = streamId.indexOf('-');
  return dash < 0
    ? { category: streamId, id: '' }
    : { category: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
};

/** The category of a stream: the prefix before its first `-` (the whole name when there is none). */
export const streamCategory = (streamId: string): string => parseStreamName(streamId).category;

/** What a stream holds, as far as the decree's retention rules go. */
export type StreamKind = 'subject' | 'login' | 'other';

/** Classifies a stream by its category: identity subject, login, or something else. */
export const streamKind = (streamId: string): StreamKind => {
  const { category, id } = parseStreamName(streamId);
  if (id === '') return 'other';
  if (category === SUBJECT_CATEGORY) return 'subject';
  if (category === LOGIN_CATEGORY) return 'login';
  return 'other';
};
