import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { assessStream } from './verify.js';

const kinds = (o: Parameters<typeof assessStream>[0]): string[] => assessStream(o).map((f) => f.kind);

describe('verifier findings for one stream (69/2024/ND-CP Art. 17)', () => {
  it('finds nothing on a whole identity stream with an intact chain', () => {
    expect(
      kinds({
        streamId: 'subject-1',
        tombstoned: false,
        seenInLog: true,
        firstRevision: 0,
        lastRevision: 4,
        chain: E.right(undefined),
      }),
    ).toEqual([]);
  });

  it('reports retention metadata on an identity stream', () => {
    expect(
      kinds({
        streamId: 'subject-1',
        tombstoned: false,
        seenInLog: true,
        firstRevision: 0,
        lastRevision: 4,
        metadata: { maxAge: 60 },
      }),
    ).toEqual(['identity-max-age']);
  });

  it('reports a tombstoned identity stream, and a soft-deleted one once', () => {
    expect(kinds({ streamId: 'subject-1', tombstoned: true, seenInLog: true })).toEqual(['tombstoned']);
    expect(
      kinds({ streamId: 'subject-1', tombstoned: false, seenInLog: true, metadata: { truncateBefore: 2 ** 63 } }),
    ).toEqual(['soft-deleted']);
  });

  it('reports identity events in the log that no longer read, or a stream that starts after revision 0', () => {
    expect(kinds({ streamId: 'subject-1', tombstoned: false, seenInLog: true })).toEqual(['events-hidden']);
    expect(
      kinds({ streamId: 'subject-1', tombstoned: false, seenInLog: true, firstRevision: 3, lastRevision: 9 }),
    ).toEqual(['events-hidden']);
  });

  it('reports a stream shorter than a revision recorded earlier, identity or login', () => {
    expect(
      kinds({
        streamId: 'subject-1',
        tombstoned: false,
        seenInLog: true,
        firstRevision: 0,
        lastRevision: 4,
        recordedRevision: 7,
      }),
    ).toEqual(['shorter-than-recorded']);
    expect(kinds({ streamId: 'login-1', tombstoned: false, seenInLog: false, recordedRevision: 0 })).toEqual([
      'shorter-than-recorded',
    ]);
    expect(
      kinds({
        streamId: 'login-1',
        tombstoned: false,
        seenInLog: true,
        firstRevision: 0,
        lastRevision: 7,
        recordedRevision: 7,
      }),
    ).toEqual([]);
  });

  it('reports a login stream kept under five years, but not one whose old logins expired lawfully', () => {
    expect(
      kinds({ streamId: 'login-1', tombstoned: false, seenInLog: true, metadata: { maxAge: 30 * 86_400 } }),
    ).toEqual(['login-max-age-too-short']);
    expect(
      kinds({
        streamId: 'login-1',
        tombstoned: false,
        seenInLog: true,
        firstRevision: 40,
        lastRevision: 90,
        metadata: { maxAge: 157_852_800 },
      }),
    ).toEqual([]);
  });

  it('reports a broken hash chain with its revision', () => {
    const [finding] = assessStream({
      streamId: 'subject-1',
      tombstoned: false,
      seenInLog: true,
      firstRevision: 0,
      lastRevision: 2,
      chain: E.left({
        _tag: 'ChainBroken',
        streamId: 'subject-1',
        revision: 1,
        reason: 'hash does not match its content',
      }),
    });
    expect(finding?.kind).toBe('chain-broken');
    expect(finding?.message).toContain('revision 1');
  });

  it('has nothing to say about other streams', () => {
    expect(kinds({ streamId: 'audit-1', tombstoned: true, seenInLog: true, metadata: { maxAge: 1 } })).toEqual([]);
  });
});
