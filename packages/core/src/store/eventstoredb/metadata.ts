import * as E from 'fp-ts/lib/Either.js';
import { streamKind } from '../streams.js';

/**
 * Stream metadata rules (Decree 69/2024/ND-CP Art. 17): identity streams (`subject-<id>`) keep every event forever,
 * so no metadata may expire, cap or truncate them; login streams (`login-<id>`) keep events at least five years.
 * Pure functions: the retention setter refuses with them, the verifier reports with them.
 */

/**
 * The least `$maxAge` of a login stream, in seconds: 1827 days. Five years counted by the calendar (Civil Code 2015
 * Art. 148) span 1826 or 1827 days depending on how many 29 Februaries fall in them; EventStoreDB's `$maxAge` is a
 * fixed number of seconds, so it must cover the longest case.
 */
export const MIN_LOGIN_MAX_AGE_SECONDS = 1827 * 86_400;

/**
 * EventStoreDB writes `$tb` = `long.MaxValue` (2^63 - 1) when it soft-deletes a stream; parsed as a JavaScript
 * number it is at least 2^53.
 */
const SOFT_DELETED_TB = 2 ** 53;

/** Stream metadata as read or about to be written: the client's camelCase keys, or raw `$` keys. */
export type StreamMetadataLike = Readonly<Record<string, unknown>>;

/** What a piece of stream metadata would do to a stream's events. */
export type MetadataFindingKind =
  | 'identity-max-age'
  | 'identity-max-count'
  | 'identity-truncate-before'
  | 'soft-deleted'
  | 'login-max-age-too-short'
  | 'login-max-count'
  | 'login-truncate-before';

/** One rule a stream's metadata breaks, with a message that names the stream, the key and the article. */
export interface MetadataFinding {
  readonly kind: MetadataFindingKind;
  readonly streamId: string;
  /** The metadata key as EventStoreDB stores it. */
  readonly key: '$maxAge' | '$maxCount' | '$tb';
  readonly value: unknown;
  readonly message: string;
}

// The client maps `maxAge` to `$maxAge` (etc.) but passes raw `$` keys through unchanged, so both spellings reach
// the server and both are checked.
const valueOf = (metadata: StreamMetadataLike, camel: string, raw: string): unknown =>
  metadata[raw] !== undefined && metadata[raw] !== null ? metadata[raw] : metadata[camel];

const present = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * Every rule of Art. 17 that `metadata` breaks on the stream `streamId` (a port stream name, without any namespace):
 * on an identity stream any `$maxAge`, `$maxCount` or `$tb` (a `$tb` of 2^63-1 is a soft delete); on a login stream
 * a `$maxAge` under {@link MIN_LOGIN_MAX_AGE_SECONDS}, or any `$maxCount` or `$tb` (which drop events whatever their
 * age). `$acl`, `$cacheControl` and custom keys never hide events and are fine. Other streams have no rule.
 */
export const assessStreamMetadata = (
  streamId: string,
  metadata: StreamMetadataLike | undefined,
): ReadonlyArray<MetadataFinding> => {
  if (metadata === undefined) return [];
  const kind = streamKind(streamId);
  if (kind === 'other') return [];
  const maxAge = valueOf(metadata, 'maxAge', '$maxAge');
  const maxCount = valueOf(metadata, 'maxCount', '$maxCount');
  const tb = valueOf(metadata, 'truncateBefore', '$tb');
  const findings: MetadataFinding[] = [];
  const add = (kind: MetadataFindingKind, key: MetadataFinding['key'], value: unknown, message: string): void => {
    findings.push({ kind, streamId, key, value, message: `stream ${streamId}: ${message}` });
  };
  if (kind === 'subject') {
    const eternal = 'identity information is stored eternally (69/2024/ND-CP Art. 17(1))';
    if (present(maxAge))
      add('identity-max-age', '$maxAge', maxAge, `$maxAge ${String(maxAge)} would expire events; ${eternal}`);
    if (present(maxCount))
      add(
        'identity-max-count',
        '$maxCount',
        maxCount,
        `$maxCount ${String(maxCount)} would hide older events; ${eternal}`,
      );
    if (present(tb)) {
      if (typeof tb === 'number' && tb >= SOFT_DELETED_TB)
        add('soft-deleted', '$tb', tb, `is soft-deleted ($tb = 2^63-1); ${eternal}`);
      else
        add(
          'identity-truncate-before',
          '$tb',
          tb,
          `$tb ${String(tb)} hides every event before that revision; ${eternal}`,
        );
    }
    return findings;
  }
  const fiveYears = 'login history is kept at least five years (69/2024/ND-CP Art. 17(2))';
  if (present(maxAge) && !(typeof maxAge === 'number' && maxAge >= MIN_LOGIN_MAX_AGE_SECONDS)) {
    add(
      'login-max-age-too-short',
      '$maxAge',
      maxAge,
      `$maxAge ${String(maxAge)} s is under ${MIN_LOGIN_MAX_AGE_SECONDS} s (1827 days); ${fiveYears}`,
    );
  }
  if (present(maxCount))
    add(
      'login-max-count',
      '$maxCount',
      maxCount,
      `$maxCount ${String(maxCount)} drops logins whatever their age; ${fiveYears}`,
    );
  if (present(tb)) {
    if (typeof tb === 'number' && tb >= SOFT_DELETED_TB)
      add('soft-deleted', '$tb', tb, `is soft-deleted ($tb = 2^63-1); ${fiveYears}`);
    else add('login-truncate-before', '$tb', tb, `$tb ${String(tb)} drops logins whatever their age; ${fiveYears}`);
  }
  return findings;
};

/**
 * The guard every metadata write of this adapter goes through: `Right(metadata)` when it breaks no rule of
 * {@link assessStreamMetadata}, otherwise `Left` with one message naming each broken rule.
 */
export const checkStreamMetadata = <M extends StreamMetadataLike>(
  streamId: string,
  metadata: M,
): E.Either<string, M> => {
  const findings = assessStreamMetadata(streamId, metadata);
  return findings.length === 0
    ? E.right(metadata)
    : E.left(`refused stream metadata: ${findings.map((f) => f.message).join('; ')}`);
};

/**
 * The metadata that gives the login stream `streamId` a `$maxAge` of `maxAgeSeconds`, keeping what `existing` holds
 * otherwise; `Left` when the stream is not a login stream, the age is not a whole number of seconds of at least
 * {@link MIN_LOGIN_MAX_AGE_SECONDS}, or the result would break another rule (an existing `$maxCount` or `$tb`).
 */
export const loginRetentionMetadata = (
  streamId: string,
  maxAgeSeconds: number,
  existing: StreamMetadataLike | undefined,
): E.Either<string, Record<string, unknown>> => {
  if (streamKind(streamId) !== 'login') {
    return E.left(`refused: ${streamId} is not a login stream (login-<id>); only login streams may have a $maxAge`);
  }
  if (!Number.isSafeInteger(maxAgeSeconds) || maxAgeSeconds < MIN_LOGIN_MAX_AGE_SECONDS) {
    return E.left(
      `refused: $maxAge ${String(maxAgeSeconds)} s on ${streamId} is not a whole number of at least ` +
        `${MIN_LOGIN_MAX_AGE_SECONDS} s (1827 days); login history is kept at least five years (69/2024/ND-CP Art. 17(2))`,
    );
  }
  const merged: Record<string, unknown> = { ...existing, maxAge: maxAgeSeconds };
  delete merged['$maxAge'];
  return checkStreamMetadata(streamId, merged);
};
