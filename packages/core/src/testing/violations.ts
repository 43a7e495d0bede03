/**
 * The violations the simulator can write into a log for audit testing, each with the id of the audit check that
 * should report it (`AUDIT_CHECKS` in `@dinhdanh/projections`) and the clause it breaks.
 *
 * Most are events the decider refuses, written to the store directly (hash-chained like every other event, so that
 * only the legality checks fire). Some are lawful to the decider but late, which the decree records rather than
 * refuses (DESIGN idea 7): a grant after the Art. 13 limit, a competent agency's request forwarded or decided late, a
 * lock or unlock recorded days after its ground arose or ceased. Two are omissions: nothing is written when something
 * should have been.
 */
import { type Citation, art } from '../decree/citation.js';

/** What the simulator knows of a kind of violation. */
export interface ViolationKindInfo {
  /** The id of the audit check that reports it. */
  readonly expectedCheck: string;
  /** The clause it breaks. */
  readonly citation: Citation;
  /** Lateness the decree records rather than forbids, or a violation. */
  readonly severity: 'violation' | 'lateness';
  readonly description: string;
}

const v = (
  expectedCheck: string,
  citation: Citation,
  description: string,
  severity: 'violation' | 'lateness' = 'violation',
): ViolationKindInfo => ({ expectedCheck, citation, severity, description });

/** Every kind of violation the simulator injects. */
export const VIOLATION_KINDS = {
  'identity-update-by-officer': v(
    'competence.identity-update',
    art(8, 1),
    "a receiving officer, not the national databases' automatic update, changed a citizen's identity",
  ),
  'grant-ineligible': v('eligibility.grant', art(7, 1), 'a citizen under 6 was granted a level-2 account'),
  'grant-unverified': v(
    'verification.identity',
    art(10, 1, 'c'),
    "a level-1 account was granted without the citizen's identity checked",
  ),
  'grant-without-biometrics': v(
    'verification.biometrics',
    art(11, 2, 'c'),
    "a foreigner's level-2 account was granted although the fingerprints were not matched",
  ),
  'verified-by-subject': v(
    'competence.verify',
    art(10, 1, 'c'),
    'the citizen recorded their own identity verification',
  ),
  'refusal-without-reason': v(
    'grant.refusal-without-reason',
    art(12, 3),
    "an organisation's request was refused without a reason",
  ),
  'grant-by-officer': v('competence.grant', art(16), 'a receiving officer granted a level-2 account'),
  'late-grant': v(
    'time-limit.grant',
    art(13, 1, 'b'),
    "a citizen's level-2 account was granted days after the 3 working days",
    'lateness',
  ),
  'activation-after-window': v(
    'activation.window',
    art(14, 1),
    'the account was activated on the app after the 7 days (only the hotline may activate then)',
  ),
  'login-without-consent': v('consent.missing', art(14, 2), "a child's account was used before the guardian consented"),
  'lock-without-ground': v(
    'locking.without-ground',
    art(15, 2, 'a'),
    "a foreigner's account was locked for an expired passport that had not expired",
  ),
  'lock-by-subject': v('competence.lock', art(16), 'a foreigner locked their own account for a violation'),
  'left-unlocked': v(
    'locking.left-unlocked',
    art(15, 2, 'a'),
    "a foreigner's passport expired and the account was never locked",
  ),
  'lock-late': v(
    'locking.lock-late',
    art(15, 2, 'a'),
    "a foreigner's account was locked days after the passport expired",
    'lateness',
  ),
  'unlock-while-ground': v(
    'locking.unlock-while-ground',
    art(15, 3, 'a'),
    'an account was unlocked while a violation of the usage agreement still stood',
  ),
  'ceased-without-basis': v(
    'locking.ceased-without-basis',
    art(15, 3, 'a'),
    'a ground the account was never locked on was recorded as ceasing',
  ),
  'left-locked': v(
    'locking.left-locked',
    art(15, 3, 'a'),
    "a foreigner's passport was renewed and the account was never unlocked",
  ),
  'unlock-late': v(
    'locking.unlock-late',
    art(15, 3, 'a'),
    "a foreigner's account was unlocked days after the passport was renewed",
    'lateness',
  ),
  'death-unlocked': v('locking.death-unlocked', art(15, 2, 'a'), "an update cleared a foreigner's recorded death"),
  'agency-unknown-request': v(
    'agency.unknown-request',
    art(15, 2, 'd'),
    "a competent agency's request that was never received was forwarded",
  ),
  'agency-forward-late': v(
    'agency.forward-late',
    art(15, 2, 'd'),
    "a Form TK03 request to lock an organisation's account was forwarded after its working day",
    'lateness',
  ),
  'agency-decide-late': v(
    'agency.decide-late',
    art(15, 2, 'dd'),
    'a forwarded Form TK03 request was decided after its 2 working days',
    'lateness',
  ),
  'agency-decided-before-forwarded': v(
    'agency.decided-before-forwarded',
    art(15, 2, 'dd'),
    'a Form TK03 request was refused before it was forwarded for a decision',
  ),
  'agency-refusal-without-reason': v(
    'agency.refusal-without-reason',
    art(15, 2, 'dd'),
    'a Form TK03 request was refused without a reason',
  ),
  'agency-request-received-by-requester': v(
    'competence.agency-request',
    art(15, 2, 'c'),
    'the requesting agency recorded its own Form TK03 request as received, not a Public Security agency',
  ),
  'before-in-force': v(
    'effect.before-in-force',
    art(40, 1),
    "an organisation's account was carried over before the decree took effect",
  ),
  'carry-over-after-in-force': v(
    'effect.carry-over',
    art(40, 5),
    'an account granted after 1 July 2024 was carried over as if granted under Decree 59/2022/ND-CP',
  ),
  'backdated-login': v('integrity.time-order', art(17, 2), 'a login was stored after a later one, dated before it'),
} as const satisfies Readonly<Record<string, ViolationKindInfo>>;

/** A kind of violation the simulator injects. */
export type ViolationKind = keyof typeof VIOLATION_KINDS;

/** Every kind, in catalogue order. */
export const VIOLATION_KIND_IDS = Object.keys(VIOLATION_KINDS) as readonly ViolationKind[];

/** How often to inject each kind: the share of the population's subjects (0 to 1) whose life shows it. */
export type ViolationRates = Readonly<Partial<Record<ViolationKind, number>>>;

/** The same rate for every kind. */
export const everyViolation = (rate: number): ViolationRates =>
  Object.fromEntries(VIOLATION_KIND_IDS.map((k) => [k, rate])) as ViolationRates;
