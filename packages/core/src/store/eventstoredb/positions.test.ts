import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  esdbExpected,
  esdbPosition,
  esdbSubscribeFrom,
  MAX_PORT_NUMBER,
  portCurrentRevision,
  portPosition,
  portRevision,
} from './positions.js';

describe('EventStoreDB revisions and positions at the port', () => {
  it('keeps revisions as they are, 0-based like the in-memory store, refusing what a number cannot hold', () => {
    expect(portRevision(0n)).toEqual(E.right(0));
    expect(portRevision(9_999n)).toEqual(E.right(9_999));
    expect(portRevision(BigInt(MAX_PORT_NUMBER))).toEqual(E.right(MAX_PORT_NUMBER));
    expect(E.isLeft(portRevision(BigInt(MAX_PORT_NUMBER) + 1n))).toBe(true);
    // A tombstone's revision is long.MaxValue.
    expect(E.isLeft(portRevision(2n ** 63n - 1n))).toBe(true);
    expect(E.isLeft(portRevision(-1n))).toBe(true);
  });

  it('uses the commit position as the global position, and refuses explicit-transaction events (commit ≠ prepare)', () => {
    expect(portPosition({ commit: 2554n, prepare: 2554n })).toEqual(E.right(2554));
    const transaction = portPosition({ commit: 3512n, prepare: 3418n });
    expect(E.isLeft(transaction) && transaction.left).toContain('explicit transaction');
    expect(E.isLeft(portPosition({ commit: 2n ** 53n, prepare: 2n ** 53n }))).toBe(true);
  });

  it('turns a port position back into an EventStoreDB position that round-trips', () => {
    expect(esdbPosition(0)).toBe('start');
    expect(esdbPosition(2554)).toEqual({ commit: 2554n, prepare: 2554n });
    const back = esdbPosition(123_456);
    expect(typeof back === 'object' && portPosition(back)).toEqual(E.right(123_456));
  });

  it('maps the subscription start: start, end, and after a checkpoint (exclusive in both)', () => {
    expect(esdbSubscribeFrom('start')).toBe('start');
    expect(esdbSubscribeFrom('end')).toBe('end');
    expect(esdbSubscribeFrom({ after: -1 })).toBe('start');
    expect(esdbSubscribeFrom({ after: 4096 })).toEqual({ commit: 4096n, prepare: 4096n });
  });

  it('maps the current revision to the exact expectation and back', () => {
    expect(esdbExpected('no-stream')).toBe('no_stream');
    expect(esdbExpected(7)).toBe(7n);
    expect(portCurrentRevision('no_stream')).toEqual(E.right('no-stream'));
    expect(portCurrentRevision(7n)).toEqual(E.right(7));
  });
});
