import { type Citation, art } from '@dinhdanh/core';
import type { Severity } from './finding.js';

/** A check the audit runs: its stable id, severity, the clauses it cites, and what it requires. */
export interface AuditCheck {
  readonly id: string;
  readonly family: string;
  readonly severity: Severity;
  readonly citations: readonly Citation[];
  readonly requires: string;
}

const c = (id: string, family: string, severity: Severity, citations: Citation[], requires: string): AuditCheck => ({
  id,
  family,
  severity,
  citations,
  requires,
});

/** Every check of the audit, in the order of the decree. docs/audit.md lists each with an example finding. */
export const AUDIT_CHECKS: readonly AuditCheck[] = [
  c(
    'competence.identity-update',
    'competence',
    'violation',
    [art(8, 1), art(8, 2)],
    'Identity information is updated automatically from the national databases (by the system).',
  ),
  c(
    'eligibility.grant',
    'eligibility',
    'violation',
    [art(7), art(7, 1), art(7, 2), art(7, 3)],
    'A grant fits Art. 7 on the day it is made: citizens with a valid card, foreigners with a residence card, level 2 from full 6 years, organisations operating and without a level; nobody after death.',
  ),
  c(
    'verification.identity',
    'verification',
    'violation',
    [art(10, 1, 'c'), art(11, 1, 'b'), art(12, 2)],
    "A grant follows a check of the subject's identity (face image; an organisation in the national databases or verified by the agency).",
  ),
  c(
    'verification.biometrics',
    'verification',
    'violation',
    [art(10, 2, 'c'), art(11, 2, 'c')],
    'A level-2 grant follows a match of face photo and fingerprints against the Identity Database (citizens) or the National Immigration Database (foreigners).',
  ),
  c(
    'competence.verify',
    'competence',
    'violation',
    [art(10, 1, 'c'), art(10, 2, 'c'), art(11, 1, 'b'), art(11, 2, 'c'), art(12, 2)],
    'Identities are checked by the receiving officer or the management agency (or its system).',
  ),
  c(
    'grant.refusal-without-reason',
    'eligibility',
    'violation',
    [art(10, 1, 'c'), art(10, 2, 'd'), art(11, 1, 'c'), art(11, 2, 'dd'), art(12, 3)],
    'A refused request is notified with the result (Arts. 10-12), read as stating why it was refused (docs/interpretations.md).',
  ),
  c(
    'time-limit.grant',
    'timeLimits',
    'lateness',
    [
      art(13, 1, 'a'),
      art(13, 1, 'b'),
      art(13, 2),
      art(13, 3, 'a'),
      art(13, 3, 'b'),
      art(13, 3, 'c'),
      art(13, 4, 'a'),
      art(13, 4, 'b'),
    ],
    'The account is granted within the Art. 13 limit from the complete dossier (reported when granted late, or still undecided past the limit as of the audit).',
  ),
  c(
    'activation.window',
    'timeLimits',
    'violation',
    [art(14, 1)],
    'Activation on the app within 7 days of the notice of grant; afterwards only through the hotline.',
  ),
  c(
    'consent.missing',
    'consent',
    'violation',
    [art(14, 2)],
    'Logins to the account of a person under 14, under guardianship or represented happen while their guardian or representative consents.',
  ),
  c(
    'locking.without-ground',
    'locking',
    'violation',
    [art(15), art(15, 1), art(15, 2, 'a'), art(15, 2, 'b'), art(15, 2, 'dd'), art(29)],
    'An account or electronic identity card is locked only on a ground the decree gives that kind of subject, whose fact holds (or, for a competent agency, whose request was approved).',
  ),
  c(
    'locking.left-unlocked',
    'locking',
    'violation',
    [art(15, 1), art(15, 2, 'a'), art(15, 2, 'b'), art(29, 1)],
    'When a ground arises from recorded facts (a document expired, a death, a revoked card, an organisation ceased operating), the system locks by the end of that day; reported when it has not as of the audit, or never did while the ground lasted.',
  ),
  c(
    'locking.lock-late',
    'locking',
    'lateness',
    [art(15, 1), art(15, 2, 'a'), art(15, 2, 'b'), art(29, 1)],
    'The same lock, recorded after the end of the day the ground arose.',
  ),
  c(
    'locking.unlock-while-ground',
    'locking',
    'violation',
    [art(15, 3, 'a'), art(30, 1)],
    'An account or card is unlocked only when no ground remains; a ground ceases only when its fact no longer holds.',
  ),
  c(
    'locking.ceased-without-basis',
    'locking',
    'violation',
    [art(15, 3, 'a'), art(15, 3, 'd'), art(30, 1), art(30, 5)],
    "A ground ceases only if it was recorded; a competent agency's ground only after its request to unlock was approved.",
  ),
  c(
    'locking.left-locked',
    'locking',
    'violation',
    [art(15, 3, 'a'), art(30, 1)],
    'When a recorded ground no longer holds, the system unlocks by the end of that day; reported when it has not as of the audit.',
  ),
  c(
    'locking.unlock-late',
    'locking',
    'lateness',
    [art(15, 3, 'a'), art(30, 1)],
    'The same unlock, recorded after the end of the day the ground ceased.',
  ),
  c(
    'locking.death-unlocked',
    'locking',
    'violation',
    [art(15, 1), art(15, 2, 'a'), art(29, 1)],
    'Death is a ground that never ceases: no unlock of it, no update that clears it.',
  ),
  c(
    'agency.unknown-request',
    'agencyRequests',
    'violation',
    [art(15, 2, 'd'), art(15, 2, 'dd')],
    'A request is forwarded and decided only after it was received.',
  ),
  c(
    'agency.forward-late',
    'agencyRequests',
    'lateness',
    [art(15, 2, 'd'), art(15, 3, 'c'), art(29, 4), art(30, 4)],
    "A competent agency's request is forwarded within 1 working day of its receipt.",
  ),
  c(
    'agency.decide-late',
    'agencyRequests',
    'lateness',
    [art(15, 2, 'dd'), art(15, 3, 'd'), art(29, 5), art(30, 5)],
    'The forwarded request is decided within 2 working days.',
  ),
  c(
    'agency.decided-before-forwarded',
    'agencyRequests',
    'violation',
    [art(15, 2, 'dd'), art(15, 3, 'd'), art(29, 5), art(30, 5)],
    "The head of the Ministry's identity management agency decides on the proposal forwarded to them.",
  ),
  c(
    'agency.refusal-without-reason',
    'agencyRequests',
    'violation',
    [art(15, 2, 'dd'), art(15, 3, 'd'), art(29, 5), art(30, 5)],
    'A refusal is a written reply clearly stating the reason.',
  ),
  c(
    'competence.agency-request',
    'competence',
    'violation',
    [
      art(15, 2, 'c'),
      art(15, 2, 'd'),
      art(15, 2, 'dd'),
      art(15, 3, 'b'),
      art(15, 3, 'c'),
      art(15, 3, 'd'),
      art(29, 3),
      art(29, 4),
      art(29, 5),
      art(30, 3),
      art(30, 4),
      art(30, 5),
    ],
    "A Public Security agency receives and forwards competent agencies' requests; the head of the Ministry's identity management agency decides them.",
  ),
  c(
    'competence.grant',
    'competence',
    'violation',
    [art(16)],
    'The management agency (its system acting for it) grants and refuses accounts.',
  ),
  c(
    'competence.lock',
    'competence',
    'violation',
    [art(16), art(29), art(30)],
    'The management agency (its system acting for it) locks and unlocks; subjects only on their own request.',
  ),
  c(
    'integrity.undecodable',
    'integrity',
    'integrity',
    [art(17, 1), art(17, 2)],
    'Every stored event (every line of an export) reads as an event of its stream.',
  ),
  c(
    'integrity.revision-gap',
    'integrity',
    'integrity',
    [art(17, 1), art(17, 2)],
    "A stream's revisions run from 0 without gaps or repeats: nothing was removed (a login stream may start later once its first events can be five years old, Art. 17(2)).",
  ),
  c(
    'integrity.hash-chain',
    'integrity',
    'integrity',
    [art(17, 1), art(17, 2)],
    "Each event's hash covers its content and the previous hash: nothing was altered or reordered.",
  ),
  c(
    'integrity.time-order',
    'integrity',
    'integrity',
    [art(17, 1), art(17, 2)],
    "A stream's events are stored in the order of their instants (no back-dated act).",
  ),
  c(
    'integrity.digest',
    'integrity',
    'integrity',
    [art(17, 1)],
    "The log still holds the digest's count of events with the digest's global head: none vanished or changed, the tail included.",
  ),
  c(
    'effect.before-in-force',
    'effect',
    'violation',
    [art(40, 1)],
    'Acts under this decree date from 1 July 2024 (00:00 in Vietnam).',
  ),
  c(
    'effect.carry-over',
    'effect',
    'violation',
    [art(40, 5)],
    'Only accounts granted under Decree 59/2022/ND-CP before 1 July 2024 are carried over, by the system.',
  ),
];

/** The check with an id. */
export const auditCheck = (id: string): AuditCheck | undefined => AUDIT_CHECKS.find((k) => k.id === id);
