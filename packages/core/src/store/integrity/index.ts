/**
 * Integrity of the event log: the global chain, digests an auditor keeps outside the system, streaming verification
 * of a store or a file, and NDJSON export and import (Decree 69/2024/ND-CP Art. 17; see docs/storage.md).
 */
export { GLOBAL_GENESIS, inGlobalChain, nextGlobalHead } from './globalChain.js';
export {
  describeLogError,
  type IntegrityFailure,
  type IntegrityFailureKind,
  type LogError,
  type SourceUnreadable,
} from './failures.js';
export { type Progress, PROGRESS_EVERY } from './drive.js';
export {
  type ByteSource,
  type ChainRecord,
  lineBatches,
  type NdjsonInput,
  type NdjsonLine,
  NdjsonLineCodec,
  type ReadLogOptions,
} from './records.js';
export { type PurgedLoginPrefix } from './verifier.js';
export {
  type Digest,
  DigestCodec,
  type DigestOptions,
  digest,
  printDigest,
  signDigest,
  verifyDigestSignature,
} from './digest.js';
export { NO_DIGEST_WARNING, type VerificationReport, type VerifyOptions, verifyLog } from './verify.js';
export {
  type ExportOptions,
  type ExportSummary,
  exportNdjson,
  type ImportError,
  type ImportInterrupted,
  type ImportOptions,
  type ImportSummary,
  importNdjson,
  type NdjsonEvent,
  type NdjsonSink,
  type ReadNdjsonOptions,
  readNdjson,
  type ReopenableNdjson,
} from './ndjson.js';
