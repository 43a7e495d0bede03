import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { eventHash, GENESIS_HASH, verifyStreamChain } from '../hashChain.js';
import { decodeRaw, isPortEvent, rawFromRecorded, type Envelope, type RawEvent, type RecordedLike } from './events.js';

const Noted = t.type({ type: t.literal('Noted'), text: t.string });

const ids = ['6f1c5b0e-2d3a-4c6e-9f7a-1b2c3d4e5f60', '7a2d6c1f-3e4b-4d7f-8a8b-2c3d4e5f6071'];

/** The recorded form of a chain of events, as the adapter writes them (plain values, no client involved). */
const recordedChain = (streamId: string, texts: string[], namespace = ''): RecordedLike[] => {
  let previousHash = GENESIS_HASH;
  return texts.map((text, revision) => {
    const fields = {
      streamId,
      revision,
      eventId: ids[revision] as string,
      type: 'Noted',
      data: { type: 'Noted', text },
      metadata: { commandId: `c-${revision}` },
      recordedAt: '2025-01-24T08:00:00.000Z',
    };
    const hash = eventHash(fields, previousHash);
    if (E.isLeft(hash)) throw new Error('not JSON');
    const envelope: Envelope = {
      recordedAt: fields.recordedAt,
      hash: hash.right,
      previousHash,
      metadata: fields.metadata,
    };
    previousHash = hash.right;
    const position = BigInt(1000 + 100 * revision);
    return {
      streamId: namespace + streamId,
      id: fields.eventId,
      revision: BigInt(revision),
      type: 'Noted',
      isJson: true,
      data: JSON.parse(JSON.stringify(fields.data)) as unknown,
      metadata: JSON.parse(JSON.stringify(envelope)) as unknown,
      position: { commit: position, prepare: position },
    };
  });
};

const rights = (recorded: RecordedLike[], namespace = ''): RawEvent[] =>
  recorded.map((r) => {
    const raw = rawFromRecorded(r, namespace);
    if (E.isLeft(raw)) throw new Error(JSON.stringify(raw.left));
    return raw.right;
  });

describe('EventStoreDB events at the port', () => {
  it('reads back every port field from the event and its metadata envelope, and the hash chain verifies', () => {
    const [first, second] = rights(recordedChain('subject-1', ['một', 'hai']));
    expect(first).toMatchObject({
      streamId: 'subject-1',
      revision: 0,
      position: 1000,
      eventId: ids[0],
      type: 'Noted',
      data: { type: 'Noted', text: 'một' },
      metadata: { commandId: 'c-0' },
      recordedAt: '2025-01-24T08:00:00.000Z',
      previousHash: GENESIS_HASH,
    });
    expect(second?.previousHash).toBe(first?.hash);
    expect(verifyStreamChain(rights(recordedChain('subject-1', ['một', 'hai'])))).toEqual(E.right(undefined));
  });

  it('strips the namespace from stream names, and hashes cover the port name', () => {
    const raws = rights(recordedChain('subject-1', ['a', 'b'], 'tenant7.'), 'tenant7.');
    expect(raws.map((e) => e.streamId)).toEqual(['subject-1', 'subject-1']);
    expect(verifyStreamChain(raws)).toEqual(E.right(undefined));
  });

  it('keeps system streams, system events and other namespaces out of the port view', () => {
    expect(isPortEvent({ streamId: 'subject-1', type: 'Noted' }, '')).toBe(true);
    expect(isPortEvent({ streamId: '$$subject-1', type: '$metadata' }, '')).toBe(false);
    expect(isPortEvent({ streamId: '$ce-subject', type: '$>' }, '')).toBe(false);
    expect(isPortEvent({ streamId: 'subject-1', type: '$streamDeleted' }, '')).toBe(false);
    expect(isPortEvent({ streamId: 'a.subject-1', type: 'Noted' }, 'b.')).toBe(false);
  });

  it('reports an event without the envelope, or not JSON, as CorruptEvent naming stream and revision', () => {
    const [good] = recordedChain('subject-1', ['a']);
    const foreign = rawFromRecorded({ ...(good as RecordedLike), metadata: { $correlationId: 'x' } }, '');
    expect(foreign).toMatchObject(E.left({ _tag: 'CorruptEvent', streamId: 'subject-1', revision: 0, position: 1000 }));
    const binary = rawFromRecorded({ ...(good as RecordedLike), isJson: false }, '');
    expect(binary).toMatchObject(E.left({ _tag: 'CorruptEvent', revision: 0 }));
  });

  it('asks for a newer server when a stream read has no $all position (before EventStoreDB 22.6)', () => {
    const [good] = recordedChain('subject-1', ['a']);
    const missing = { ...(good as RecordedLike), position: undefined };
    const max = { ...(good as RecordedLike), position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } };
    for (const r of [missing, max]) {
      const raw = rawFromRecorded(r, '');
      expect(raw).toMatchObject(E.left({ _tag: 'StoreUnavailable' }));
      expect(E.isLeft(raw) && raw.left._tag === 'StoreUnavailable' && raw.left.reason).toContain('22.6');
    }
  });

  it('decodes data through the codec, a failure naming stream, revision and position', () => {
    const [raw] = rights(recordedChain('subject-1', ['a']));
    expect(decodeRaw(Noted, raw as RawEvent)).toMatchObject(E.right({ data: { type: 'Noted', text: 'a' } }));
    const bad = { ...(raw as RawEvent), data: { type: 'Noted', text: 42 } };
    expect(decodeRaw(Noted, bad)).toMatchObject(
      E.left({ _tag: 'CorruptEvent', streamId: 'subject-1', revision: 0, position: 1000 }),
    );
  });
});
