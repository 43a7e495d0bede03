import { describe, expect, it } from 'vitest';
import { checkEvents, checkExpected, checkStreamId } from './store.js';

const id = '6f1c5b0e-2d3a-4c6e-9f7a-1b2c3d4e5f60';

// The checks run before the adapter talks to the server; the rest of the store is covered by the conformance suite
// against a real server (eventstoredb.conformance.test.ts).
describe('EventStoreDB adapter request checks', () => {
  it('refuses empty and $ stream names, as every adapter does', () => {
    expect(checkStreamId('append', '')).toMatchObject({ _tag: 'InvalidArgument' });
    expect(checkStreamId('append', '$all')).toMatchObject({ _tag: 'InvalidArgument' });
    expect(checkStreamId('append', 'subject-1')).toBeUndefined();
  });

  it('accepts the four expectations and refuses anything else', () => {
    for (const ok of ['any', 'no-stream', 'stream-exists', { exact: 0 }, { exact: 9_999 }]) {
      expect(checkExpected(ok)).toBeUndefined();
    }
    for (const bad of [{ exact: -1 }, { exact: 1.5 }, { exact: 2 ** 53 }, 'no_stream', null, 3]) {
      expect(checkExpected(bad)).toMatchObject({ _tag: 'InvalidArgument', operation: 'append' });
    }
  });

  it('asks for lowercase UUID event ids, which EventStoreDB stores and returns unchanged', () => {
    expect(checkEvents('subject-1', [{ eventId: id, type: 'Noted', data: {} }])).toBeUndefined();
    expect(checkEvents('subject-1', [{ eventId: 'c-1', type: 'Noted', data: {} }])).toMatchObject({
      _tag: 'InvalidArgument',
    });
    expect(checkEvents('subject-1', [{ eventId: id.toUpperCase(), type: 'Noted', data: {} }])).toMatchObject({
      _tag: 'InvalidArgument',
    });
  });

  it('refuses a missing or $ type, non-object metadata and a recordedAt that is not an instant', () => {
    expect(checkEvents('s-1', [{ eventId: id, type: '', data: {} }])).toMatchObject({ _tag: 'InvalidArgument' });
    expect(checkEvents('s-1', [{ eventId: id, type: '$metadata', data: {} }])).toMatchObject({
      _tag: 'InvalidArgument',
    });
    expect(checkEvents('s-1', [{ eventId: id, type: 'Noted', data: {}, metadata: [] }])).toMatchObject({
      _tag: 'InvalidArgument',
    });
    expect(checkEvents('s-1', [{ eventId: id, type: 'Noted', data: {}, recordedAt: 'yesterday' }])).toMatchObject({
      _tag: 'InvalidArgument',
    });
    expect(checkEvents('s-1', 'not a batch')).toMatchObject({ _tag: 'InvalidArgument' });
  });
});
