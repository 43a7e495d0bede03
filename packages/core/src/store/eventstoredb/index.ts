/**
 * `@dinhdanh/core/eventstoredb`: the EventStoreDB adapter of the event store port, the guard on stream metadata,
 * login retention, and the Art. 17 verifier. Needs `@eventstore/db-client` 6 (an optional peer dependency); see
 * docs/eventstoredb.md.
 *
 * @packageDocumentation
 */
export { createEventStoreDbStore, type EventStoreDbClient, type EventStoreDbStoreOptions } from './store.js';
export {
  assessStreamMetadata,
  checkStreamMetadata,
  loginRetentionMetadata,
  MIN_LOGIN_MAX_AGE_SECONDS,
  type MetadataFinding,
  type MetadataFindingKind,
  type StreamMetadataLike,
} from './metadata.js';
export { setLoginRetention, type RetentionRefused, type SetLoginRetentionOptions } from './retention.js';
export {
  assessStream,
  verifyEventStoreDb,
  type EventStoreDbVerification,
  type StreamObservation,
  type VerificationFinding,
  type VerificationFindingKind,
  type VerifyEventStoreDbOptions,
} from './verify.js';
export { esdbPosition, MAX_PORT_NUMBER, portPosition, portRevision } from './positions.js';
