import { createHash, randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';
import { eventHash, GENESIS_HASH, verifyStreamChain } from './hashChain.js';
import { createInMemoryEventStore } from './inMemory.js';
import type { StoredEvent } from './port.js';

const Note = t.type({ type: t.literal('Noted'), text: t.string });

const chainedStream = (n: number): ReadonlyArray<StoredEvent<unknown>> => {
  const store = createInMemoryEventStore({ codec: Note, hashChain: true });
  for (let i = 0; i < n; i++) {
    const r = store.appendSync(
      'subject-1',
      [{ eventId: randomUUID(), type: 'Noted', data: { type: 'Noted', text: `sự kiện ${i} 🇻🇳` }, metadata: { i } }],
      'any',
    );
    if (E.isLeft(r)) throw new Error(r.left._tag);
  }
  const read = store.readStreamSync('subject-1');
  if (E.isLeft(read)) throw new Error(read.left._tag);
  return read.right;
};

describe('the per-stream hash chain (Art. 17(1): nothing recorded can be removed or altered unnoticed)', () => {
  it('hashes the SHA-256 of the canonical JSON of the event and the previous hash', () => {
    const event = {
      streamId: 'subject-1',
      revision: 0,
      eventId: 'e1',
      type: 'T',
      data: { b: 1, a: 'Việt' },
      metadata: {},
      recordedAt: '2025-01-01T00:00:00.000Z',
    };
    const canonical =
      '{"data":{"a":"Việt","b":1},"eventId":"e1","metadata":{},"previousHash":"' +
      '0'.repeat(64) +
      '","recordedAt":"2025-01-01T00:00:00.000Z","revision":0,"streamId":"subject-1","type":"T"}';
    expect(eventHash(event, GENESIS_HASH)).toEqual(E.right(createHash('sha256').update(canonical).digest('hex')));
  });

  it('verifies a stream as recorded, and after a JSON round-trip', () => {
    const events = chainedStream(5);
    expect(events[0]?.previousHash).toBe(GENESIS_HASH);
    expect(events[1]?.previousHash).toBe(events[0]?.hash);
    expect(verifyStreamChain(events)).toEqual(E.right(undefined));
    expect(verifyStreamChain(JSON.parse(JSON.stringify(events)) as StoredEvent<unknown>[])).toEqual(E.right(undefined));
  });

  it('verifies a run that starts later in the stream, anchored on its first previousHash', () => {
    expect(verifyStreamChain(chainedStream(5).slice(2))).toEqual(E.right(undefined));
  });

  it('detects an altered event at its revision', () => {
    const events = chainedStream(5).map((e) => (e.revision === 3 ? { ...e, data: { type: 'Noted', text: 'sửa' } } : e));
    expect(verifyStreamChain(events)).toMatchObject(E.left({ _tag: 'ChainBroken', revision: 3 }));
  });

  it('detects a removed event and a reordering', () => {
    const events = chainedStream(5);
    const removed = [...events.slice(0, 2), ...events.slice(3)];
    expect(verifyStreamChain(removed)).toMatchObject(E.left({ _tag: 'ChainBroken', revision: 3 }));
    const swapped = [events[0], events[2], events[1], events[3]] as StoredEvent<unknown>[];
    expect(E.isLeft(verifyStreamChain(swapped))).toBe(true);
  });

  it('detects a rewritten history whose first event does not start from the genesis hash', () => {
    const [first, ...rest] = chainedStream(3);
    const forged = { ...(first as StoredEvent<unknown>), previousHash: 'f'.repeat(64) };
    expect(verifyStreamChain([forged, ...rest])).toMatchObject(E.left({ revision: 0 }));
  });

  it('refuses events without hashes', () => {
    const bare = chainedStream(2).map(({ hash: _h, previousHash: _p, ...e }) => e);
    expect(verifyStreamChain(bare)).toMatchObject(E.left({ reason: 'has no hash' }));
  });
});

describe('the event hash is the hash of the canonical envelope, written field by field for speed', () => {
  it('equals sha256(canonicalJson(envelope)) for any event', () => {
    const fields = fc.record({
      streamId: fc.string({ minLength: 1 }),
      revision: fc.nat(),
      eventId: fc.string({ minLength: 1, unit: 'grapheme' }),
      type: fc.string({ minLength: 1 }),
      data: fc.jsonValue(),
      metadata: fc.dictionary(fc.string(), fc.jsonValue()),
      recordedAt: fc.string(),
    });
    fc.assert(
      fc.property(fields, fc.string(), (event, previousHash) => {
        const envelope = canonicalJson({ ...event, previousHash });
        const expected = E.map((text: string) => createHash('sha256').update(text).digest('hex'))(envelope);
        expect(eventHash(event, previousHash)).toEqual(expected);
      }),
    );
  });

  it('names the field that has no canonical form', () => {
    const event = { streamId: 's-1', revision: 0, eventId: 'e', type: 'T', metadata: {}, recordedAt: 'x' };
    expect(eventHash({ ...event, data: { n: NaN } }, GENESIS_HASH)).toMatchObject(E.left({ path: '$.data.n' }));
    expect(eventHash({ ...event, data: 1, type: 'T\ud800' }, GENESIS_HASH)).toMatchObject(E.left({ path: '$.type' }));
  });
});
