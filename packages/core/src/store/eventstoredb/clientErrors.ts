import { invalidArgument, storeUnavailable, type InvalidArgument, type StoreError } from '../errors.js';

/**
 * Errors thrown by the EventStoreDB client, told apart by their `type` string (the client's `ErrorType`) rather than
 * `instanceof`, so that a second copy of the client, or a compatible client, is recognised too.
 */

/** The client's `ErrorType` of an error, when it has one. */
export const clientErrorType = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
};

/** The stream has no events (the client's `StreamNotFoundError`); also what a soft-deleted stream reads as. */
export const isStreamNotFound = (error: unknown): boolean => clientErrorType(error) === 'stream-not-found';

/** The stream was tombstoned (the client's `StreamDeletedError`). */
export const isStreamDeleted = (error: unknown): boolean => clientErrorType(error) === 'stream-deleted';

/** A concurrent writer won (the client's `WrongExpectedVersionError`). */
export const isWrongExpectedVersion = (error: unknown): boolean => clientErrorType(error) === 'wrong-expected-version';

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);

/**
 * The port error for anything the client threw: a malformed request is an `InvalidArgument`; everything else,
 * connection and cluster failures first (unavailable, deadline, timeout, not-leader, cancelled), is a
 * `StoreUnavailable` that keeps the client's error as `cause`. A tombstoned stream is reported plainly, since the
 * port has no error of its own for it (identity streams must never be deleted: 69/2024/ND-CP Art. 17(1)).
 */
export const storeErrorOf = (
  operation: InvalidArgument['operation'],
  error: unknown,
  streamId?: string,
): StoreError => {
  const type = clientErrorType(error);
  const where = streamId === undefined ? '' : ` (stream ${streamId})`;
  switch (type) {
    case 'invalid-argument':
    case 'maximum-append-size-exceeded':
      return invalidArgument(operation, `${messageOf(error)}${where}`);
    case 'stream-deleted':
      return storeUnavailable(
        `stream ${streamId ?? '?'} was deleted (tombstoned) in EventStoreDB; its events are gone for reads and it ` +
          'cannot be written again. Run verifyEventStoreDb and restore from an export (69/2024/ND-CP Art. 17(1))',
        error,
      );
    case 'access-denied':
      return storeUnavailable(
        `EventStoreDB denied access${where}: check the credentials in the connection string`,
        error,
      );
    case undefined:
      return storeUnavailable(`EventStoreDB ${operation} failed${where}: ${messageOf(error)}`, error);
    default:
      return storeUnavailable(`EventStoreDB ${operation} failed${where} (${type}): ${messageOf(error)}`, error);
  }
};
