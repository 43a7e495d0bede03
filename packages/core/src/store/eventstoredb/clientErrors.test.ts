import {
  AccessDeniedError,
  InvalidArgumentError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { isStreamDeleted, isStreamNotFound, isWrongExpectedVersion, storeErrorOf } from './clientErrors.js';

// The client's own error classes, constructed as the client constructs them: no server and no client involved.
describe('EventStoreDB client errors at the port', () => {
  it('recognises the errors the adapter handles itself', () => {
    const wrong = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 3n, current: 4n });
    expect(isWrongExpectedVersion(wrong)).toBe(true);
    expect(wrong.actualVersion).toBe(4n);
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'subject-1'))).toBe(true);
    expect(isStreamDeleted(StreamDeletedError.fromStreamName('subject-1'))).toBe(true);
    expect(isStreamDeleted(new Error('stream-deleted'))).toBe(false);
  });

  it('maps connection failures to StoreUnavailable, keeping the cause', () => {
    const down = new UnavailableError(undefined, 'connect ECONNREFUSED 127.0.0.1:2113');
    const e = storeErrorOf('readStream', down, 'subject-1');
    expect(e).toMatchObject({ _tag: 'StoreUnavailable', cause: down });
    expect(e._tag === 'StoreUnavailable' && e.reason).toContain('subject-1');
    expect(storeErrorOf('append', new Error('socket hang up'))).toMatchObject({ _tag: 'StoreUnavailable' });
    expect(storeErrorOf('append', new AccessDeniedError())).toMatchObject({ _tag: 'StoreUnavailable' });
  });

  it('maps a malformed request to InvalidArgument', () => {
    expect(storeErrorOf('readStream', new InvalidArgumentError('bad revision'))).toMatchObject({
      _tag: 'InvalidArgument',
      operation: 'readStream',
    });
  });

  it('says plainly that a tombstoned stream is gone, citing Art. 17(1)', () => {
    const e = storeErrorOf('readStream', StreamDeletedError.fromStreamName('subject-1'), 'subject-1');
    expect(e._tag === 'StoreUnavailable' && e.reason).toContain('tombstoned');
    expect(e._tag === 'StoreUnavailable' && e.reason).toContain('Art. 17(1)');
  });
});
