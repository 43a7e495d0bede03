import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  assessStreamMetadata,
  checkStreamMetadata,
  loginRetentionMetadata,
  MIN_LOGIN_MAX_AGE_SECONDS,
} from './metadata.js';

const kinds = (streamId: string, metadata: Record<string, unknown>): string[] =>
  assessStreamMetadata(streamId, metadata).map((f) => f.kind);

describe('stream metadata on identity streams (69/2024/ND-CP Art. 17(1): stored eternally)', () => {
  it('finds $maxAge, $maxCount and $tb, in the client spelling and the raw one', () => {
    expect(kinds('subject-1', { maxAge: 3600 })).toEqual(['identity-max-age']);
    expect(kinds('subject-1', { $maxAge: 3600 })).toEqual(['identity-max-age']);
    expect(kinds('subject-1', { maxCount: 10 })).toEqual(['identity-max-count']);
    expect(kinds('subject-1', { $maxCount: 10 })).toEqual(['identity-max-count']);
    expect(kinds('subject-1', { truncateBefore: 5 })).toEqual(['identity-truncate-before']);
    expect(kinds('subject-1', { $tb: 5 })).toEqual(['identity-truncate-before']);
    expect(kinds('subject-1', { maxAge: 1, maxCount: 1, $tb: 1 })).toHaveLength(3);
  });

  it('reads a $tb of 2^63-1 as a soft delete', () => {
    // JSON.parse('9223372036854775807') is what the client hands back.
    expect(kinds('subject-1', { truncateBefore: JSON.parse('9223372036854775807') as number })).toEqual([
      'soft-deleted',
    ]);
  });

  it('lets $acl, $cacheControl and custom keys through, and nulls too', () => {
    expect(
      kinds('subject-1', { acl: { readRoles: ['$admins'] }, cacheControl: 60, owner: 'C06', maxAge: null }),
    ).toEqual([]);
    expect(assessStreamMetadata('subject-1', undefined)).toEqual([]);
  });

  it('refuses such metadata with a message naming the stream, the key and the article', () => {
    const r = checkStreamMetadata('subject-7f3a', { maxAge: 86_400, acl: { readRoles: ['$all'] } });
    expect(E.isLeft(r)).toBe(true);
    const message = E.isLeft(r) ? r.left : '';
    expect(message).toContain('subject-7f3a');
    expect(message).toContain('$maxAge');
    expect(message).toContain('Art. 17(1)');
    expect(checkStreamMetadata('subject-7f3a', { acl: { readRoles: ['$all'] } })).toEqual(
      E.right({ acl: { readRoles: ['$all'] } }),
    );
  });

  it('has no rule for streams that are neither identity nor login streams', () => {
    expect(kinds('audit-1', { maxAge: 1, maxCount: 1, $tb: 3 })).toEqual([]);
    expect(kinds('subject', { maxAge: 1 })).toEqual([]);
  });
});

describe('stream metadata on login streams (69/2024/ND-CP Art. 17(2): kept at least five years)', () => {
  it('asks 1827 days of $maxAge: five calendar years with two 29 Februaries', () => {
    expect(MIN_LOGIN_MAX_AGE_SECONDS).toBe(157_852_800);
    expect(kinds('login-1', { maxAge: MIN_LOGIN_MAX_AGE_SECONDS })).toEqual([]);
    expect(kinds('login-1', { maxAge: MIN_LOGIN_MAX_AGE_SECONDS - 1 })).toEqual(['login-max-age-too-short']);
    expect(kinds('login-1', { $maxAge: 5 * 365 * 86_400 })).toEqual(['login-max-age-too-short']);
    expect(kinds('login-1', { maxAge: '157852800' })).toEqual(['login-max-age-too-short']);
  });

  it('finds $maxCount and $tb, which drop logins whatever their age', () => {
    expect(kinds('login-1', { maxCount: 1000 })).toEqual(['login-max-count']);
    expect(kinds('login-1', { $tb: 3 })).toEqual(['login-truncate-before']);
  });
});

describe('login retention metadata', () => {
  it('refuses identity and other streams: only login streams may expire', () => {
    const r = loginRetentionMetadata('subject-1', MIN_LOGIN_MAX_AGE_SECONDS, undefined);
    expect(E.isLeft(r) && r.left).toContain('not a login stream');
    expect(E.isLeft(loginRetentionMetadata('audit-1', MIN_LOGIN_MAX_AGE_SECONDS, undefined))).toBe(true);
  });

  it('refuses less than five years, fractions and non-numbers', () => {
    for (const age of [MIN_LOGIN_MAX_AGE_SECONDS - 1, 86_400, MIN_LOGIN_MAX_AGE_SECONDS + 0.5, Number.NaN, -1]) {
      const r = loginRetentionMetadata('login-1', age, undefined);
      expect(E.isLeft(r) && r.left).toContain('Art. 17(2)');
    }
  });

  it('sets $maxAge and keeps the other metadata, replacing a raw $maxAge', () => {
    expect(
      loginRetentionMetadata('login-1', 2 * MIN_LOGIN_MAX_AGE_SECONDS, {
        acl: { readRoles: ['auditors'] },
        $maxAge: 60,
      }),
    ).toEqual(E.right({ acl: { readRoles: ['auditors'] }, maxAge: 2 * MIN_LOGIN_MAX_AGE_SECONDS }));
  });

  it('refuses when the stream already has a $maxCount or $tb', () => {
    expect(E.isLeft(loginRetentionMetadata('login-1', MIN_LOGIN_MAX_AGE_SECONDS, { maxCount: 5 }))).toBe(true);
    expect(E.isLeft(loginRetentionMetadata('login-1', MIN_LOGIN_MAX_AGE_SECONDS, { $tb: 5 }))).toBe(true);
  });
});
