/**
 * The audit (DESIGN idea 9): a second, independent reading of Decree 69/2024/ND-CP that replays a log and reports
 * findings with the clause, what it required and what the history shows. See docs/audit.md.
 *
 * @packageDocumentation
 */
export { type AuditOptions, audit, auditStore } from './audit.js';
export { type AuditReport, type Finding, type Severity, compareFindings, makeReport } from './finding.js';
export { type AuditCheck, AUDIT_CHECKS, auditCheck } from './checks.js';
export {
  type AuditInput,
  type LogLine,
  type UnreadableLine,
  StoreReadFailed,
  ndjsonFileLog,
  ndjsonLog,
  parseLogLine,
  storeLog,
} from './source.js';
export { findingText, toJson, toText } from './format.js';
