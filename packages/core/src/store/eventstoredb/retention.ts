import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { StreamMetadata } from '@eventstore/db-client';
import type { StoreError } from '../errors.js';
import { storeErrorOf } from './clientErrors.js';
import { loginRetentionMetadata } from './metadata.js';
import { ANY } from './positions.js';
import type { EventStoreDbClient } from './store.js';

/** A retention the adapter refuses to set, with the rule it would break. */
export interface RetentionRefused {
  readonly _tag: 'RetentionRefused';
  readonly streamId: string;
  readonly reason: string;
}

/** Options of {@link setLoginRetention}. */
export interface SetLoginRetentionOptions {
  /** The namespace the store was created with, if any (the EventStoreDB stream is `namespace + streamId`). */
  readonly namespace?: string;
}

/**
 * Gives the login stream `streamId` (`login-<id>`) a `$maxAge` of `maxAgeSeconds`, keeping its other metadata.
 *
 * Refuses, before writing anything, any stream that is not a login stream (identity streams have no retention:
 * 69/2024/ND-CP Art. 17(1)) and any age under {@link MIN_LOGIN_MAX_AGE_SECONDS} (logins are kept at least five
 * years: Art. 17(2)); and refuses to write metadata that would break another rule (an existing `$maxCount` or `$tb`).
 * This is the only place the adapter writes stream metadata, and every write passes {@link checkStreamMetadata}.
 */
export const setLoginRetention =
  (
    client: Pick<EventStoreDbClient, 'getStreamMetadata' | 'setStreamMetadata'>,
    streamId: string,
    maxAgeSeconds: number,
    options: SetLoginRetentionOptions = {},
  ): TE.TaskEither<RetentionRefused | StoreError, void> =>
  async () => {
    const refused = (reason: string): E.Either<RetentionRefused, never> =>
      E.left({ _tag: 'RetentionRefused', streamId, reason });
    const early = loginRetentionMetadata(streamId, maxAgeSeconds, undefined);
    if (E.isLeft(early)) return refused(early.left);
    const name = (options.namespace ?? '') + streamId;
    try {
      const existing = await client.getStreamMetadata(name);
      const metadata = loginRetentionMetadata(streamId, maxAgeSeconds, existing.metadata);
      if (E.isLeft(metadata)) return refused(metadata.left);
      await client.setStreamMetadata(name, metadata.right as StreamMetadata, { expectedRevision: ANY });
      return E.right(undefined);
    } catch (error) {
      return E.left(storeErrorOf('append', error, streamId));
    }
  };
