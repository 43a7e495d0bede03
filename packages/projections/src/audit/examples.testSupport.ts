import {
  type AccountCommand,
  type AccountEvent,
  type Actor,
  type Citation,
  type Digest,
  type Subject,
  art,
  digest,
  formatCitation,
  loginStream,
  subjectStream,
} from '@dinhdanh/core';
import { aCitizen, aForeigner, actors, level1OnApp, level2InPerson } from '@dinhdanh/core/testing';
import { audit } from './audit.js';
import type { AuditReport, Finding } from './finding.js';
import { type LogEntry, runHistory, seal, storeOf } from './history.testSupport.js';

// One example history per check, each with the finding it must produce: examples.test.ts checks them, and
// docs/audit.md prints them (auditDocs.test.ts keeps the two in step). Not part of the package's API.

export const T = (s: string): string => `2025-03-${s}+07:00`; // March 2025: Mon 3, Tue 4, ... Fri 7, Mon 10
const S = 'F1';
export const stream = subjectStream(S);

let n = 0;
export const c = (type: AccountCommand['type'], at: string, by: Actor, payload: object = {}): AccountCommand =>
  ({ type, commandId: `c${++n}`, subjectId: S, at, by, ...payload }) as AccountCommand;

export const verified = (against: string, fingerprints = true) => ({
  outcome: { result: 'verified', verification: { against, faceMatched: true, fingerprintsMatched: fingerprints } },
});

/** A foreigner's lawful level-2 history: requested Monday 09:00, verified, granted, activated on the app. */
const foreignerCommands = (subject: Subject = aForeigner()): AccountCommand[] => [
  c('RequestAccount', T('03T09:00:00'), actors.officer, { request: level2InPerson(subject as never) }),
  c('VerifyIdentity', T('03T09:10:00'), actors.officer, verified('national-immigration-database')),
  c('GrantAccount', T('03T10:00:00'), actors.agency),
  c('ActivateAccount', T('03T12:00:00'), actors.subject, { channel: 'app' }),
];

const lawful = (commands: AccountCommand[]): readonly AccountEvent[] =>
  runHistory(S, commands, { review: true }).events;
export const entries = (events: readonly unknown[], s = stream): LogEntry[] =>
  events.map((data) => ({ streamId: s, data }));

/** An event written by hand, as another system might record it. */
export const ev = (type: string, at: string, by: Actor, legalBasis: Citation, payload: object = {}): AccountEvent =>
  ({ type, v: 1, at, by, legalBasis, ...payload }) as AccountEvent;

type Sealed = ReturnType<typeof seal>;

/** An example: the check, the clause its finding cites (the end of the printed citation), and the audit to run. */
export interface Example {
  readonly check: string;
  readonly citation: string;
  readonly asOf: string;
  readonly log: () => LogEntry[] | Sealed;
  /** The digest to audit against, taken from the lawful history before the log was damaged. */
  readonly digest?: () => Promise<Digest>;
}

const isSealed = (log: LogEntry[] | Sealed): log is Sealed => log[0] !== undefined && 'revision' in log[0];

/** Runs an example's audit. */
export const runExample = async (x: Example): Promise<AuditReport> => {
  const log = x.log();
  const digest = x.digest === undefined ? undefined : await x.digest();
  return audit(isSealed(log) ? log : seal(log), { asOf: x.asOf, ...(digest === undefined ? {} : { digest }) });
};

/** The finding an example must produce, if it does. */
export const exampleFinding = (x: Example, report: AuditReport): Finding | undefined =>
  report.findings.find((f) => f.check === x.check && formatCitation(f.citation).endsWith(x.citation));

export const base = () => lawful(foreignerCommands());
export const withAgency = (
  decide: 'approve' | 'refuse' | null,
  forwardAt = T('04T09:00:00'),
  decideAt = T('05T09:00:00'),
) =>
  lawful([
    ...foreignerCommands(),
    c('ReceiveAgencyRequest', T('03T14:00:00'), actors.police, {
      requestId: 'TK03-1',
      action: 'lock',
      target: 'account',
      agency: 'People’s Procuracy of Hà Nội',
    }),
    c('ForwardAgencyRequest', forwardAt, actors.police, { requestId: 'TK03-1' }),
    ...(decide === null
      ? []
      : [
          c('DecideAgencyRequest', decideAt, actors.agency, {
            requestId: 'TK03-1',
            decision: decide === 'approve' ? { approve: true } : { approve: false, reason: 'no grounds' },
          }),
        ]),
  ]);

/** One example per check of the catalogue (`AUDIT_CHECKS`). */
export const EXAMPLES: readonly Example[] = [
  {
    check: 'eligibility.grant',
    citation: 'Art. 7(2)',
    asOf: T('31T00:00:00'),
    // Another system granted level 2 to a foreigner of four (born 10 March 2020), which the decider refuses: the
    // lawful adult's history with the dossier's date of birth changed.
    log: () =>
      entries(
        base().map((e) =>
          e.type === 'AccountRequested'
            ? { ...e, request: { ...e.request, subject: { ...e.request.subject, dateOfBirth: '2020-03-10' } } }
            : e,
        ),
      ),
  },
  {
    check: 'verification.biometrics',
    citation: 'Art. 11(2)(c)',
    asOf: T('31T00:00:00'),
    log: () => entries(base().filter((e) => e.type !== 'IdentityVerified')),
  },
  {
    check: 'verification.identity',
    citation: 'Art. 10(1)(c)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries(
        lawful([
          c('RequestAccount', T('03T09:00:00'), actors.subject, { request: level1OnApp(aCitizen()) }),
          c('VerifyIdentity', T('03T09:10:00'), actors.system, verified('identity-database', false)),
          c('GrantAccount', T('03T10:00:00'), actors.system),
        ]).filter((e) => e.type !== 'IdentityVerified'),
        subjectStream('C1'),
      ).map((x) => ({ ...x })),
  },
  {
    check: 'grant.refusal-without-reason',
    citation: 'Art. 11(2)(dd)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries([
        ...base().slice(0, 2),
        ev('AccountRefused', T('03T10:00:00'), actors.agency, art(11, 2, 'dd'), { reason: ' ' }),
      ]),
  },
  {
    check: 'time-limit.grant',
    citation: 'Art. 13(3)(b)',
    asOf: T('31T00:00:00'),
    // Three working days from Monday 3 March end on Thursday 6 March at 24:00; granted on Friday.
    log: () =>
      entries(lawful([...foreignerCommands().slice(0, 2), c('GrantAccount', T('07T10:00:00'), actors.agency)])),
  },
  {
    check: 'activation.window',
    citation: 'Art. 14(1)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries(base().map((e) => (e.type === 'AccountActivated' ? { ...e, at: T('12T09:00:00'), channel: 'app' } : e))),
  },
  {
    check: 'consent.missing',
    citation: 'Art. 14(2)',
    asOf: T('31T00:00:00'),
    log: () => {
      const child = aForeigner({ dateOfBirth: '2015-01-01' as never });
      const applicant = {
        role: 'guardian',
        personId: 'guardian-1',
        usesOwnPhone: true,
        hasLevel2Account: true,
        present: true,
      } as const;
      const events = lawful([
        c('RequestAccount', T('03T09:00:00'), actors.officer, { request: level2InPerson(child, { applicant }) }),
        c('VerifyIdentity', T('03T09:10:00'), actors.officer, verified('national-immigration-database')),
        c('GrantAccount', T('03T10:00:00'), actors.agency),
        c('ActivateAccount', T('03T12:00:00'), actors.guardian, { channel: 'app' }),
      ]);
      const login = {
        type: 'LoginRecorded',
        v: 1,
        at: T('04T08:00:00'),
        by: actors.guardian,
        legalBasis: art(17, 2),
        means: ['password', 'otpSoftware'],
        authenticationLevel: 2,
      };
      return [...entries(events), { streamId: loginStream(S), data: login }];
    },
  },
  {
    check: 'locking.without-ground',
    citation: 'Art. 15(2)(a)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries([
        ...base(),
        ev('AccountLocked', T('04T09:00:00'), actors.system, art(15, 2, 'a'), { ground: 'travel-document-expired' }),
      ]),
  },
  {
    check: 'locking.left-unlocked',
    citation: 'Art. 15(2)(a)',
    asOf: T('31T00:00:00'),
    // The passport was valid through 10 March 2025; nothing locked the account from 11 March on.
    log: () =>
      entries(
        lawful(
          foreignerCommands(
            aForeigner({ travelDocument: { ...aForeigner().travelDocument, expiresOn: '2025-03-10' as never } }),
          ),
        ).filter((e) => e.at < T('11')),
      ),
  },
  {
    check: 'locking.lock-late',
    citation: 'Art. 15(2)(a)',
    asOf: T('31T00:00:00'),
    log: () => {
      const f = aForeigner({ travelDocument: { ...aForeigner().travelDocument, expiresOn: '2025-03-10' as never } });
      return entries(
        runHistory(S, [...foreignerCommands(f), c('ReviewLockGrounds', T('14T02:00:00'), actors.system)], {
          review: false,
        }).events,
      );
    },
  },
  {
    check: 'locking.unlock-while-ground',
    citation: 'Art. 15(3)(a)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries(
        lawful([
          ...foreignerCommands(),
          c('RequestLock', T('04T09:00:00'), actors.subject),
          c('RecordAgreementViolation', T('04T10:00:00'), actors.agency),
        ]).concat([
          ev('AccountUnlocked', T('05T09:00:00'), actors.subject, art(15, 3, 'a'), { ground: 'own-request' }),
        ]),
      ),
  },
  {
    check: 'locking.ceased-without-basis',
    citation: 'Art. 15(3)(d)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries([
        ...withAgency('approve'),
        ev('AccountUnlocked', T('06T09:00:00'), actors.agency, art(15, 3, 'd'), { ground: 'competent-agency-request' }),
      ]),
  },
  {
    check: 'locking.left-locked',
    citation: 'Art. 15(3)(a)',
    asOf: T('31T00:00:00'),
    log: () => {
      const f = aForeigner({ travelDocument: { ...aForeigner().travelDocument, expiresOn: '2025-03-10' as never } });
      const renewed = { ...f, travelDocument: { ...f.travelDocument, number: 'C99', expiresOn: '2035-03-10' } };
      return entries([
        ...lawful([...foreignerCommands(f), c('ReviewLockGrounds', T('11T00:00:00'), actors.system)]),
        ev('IdentityUpdated', T('12T09:00:00'), actors.system, art(8, 1), {
          subject: renewed,
          source: 'National Immigration Database',
        }),
      ]);
    },
  },
  {
    check: 'locking.unlock-late',
    citation: 'Art. 15(3)(a)',
    asOf: T('31T00:00:00'),
    log: () => {
      const f = aForeigner({ travelDocument: { ...aForeigner().travelDocument, expiresOn: '2025-03-10' as never } });
      const renewed = { ...f, travelDocument: { ...f.travelDocument, number: 'C99', expiresOn: '2035-03-10' } };
      return entries([
        ...lawful([...foreignerCommands(f), c('ReviewLockGrounds', T('11T00:00:00'), actors.system)]),
        ev('IdentityUpdated', T('12T09:00:00'), actors.system, art(8, 1), {
          subject: renewed,
          source: 'National Immigration Database',
        }),
        ev('AccountUnlocked', T('17T09:00:00'), actors.system, art(15, 3, 'a'), { ground: 'travel-document-expired' }),
      ]);
    },
  },
  {
    check: 'locking.death-unlocked',
    citation: 'Art. 15(2)(a)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries([
        ...lawful([
          ...foreignerCommands(),
          c('UpdateIdentity', T('05T09:00:00'), actors.system, {
            subject: aForeigner({ diedOn: '2025-03-04' as never }),
            source: 'Civil status database',
          }),
        ]),
        ev('AccountUnlocked', T('06T09:00:00'), actors.agency, art(15, 3, 'a'), { ground: 'death' }),
      ]),
  },
  {
    check: 'agency.unknown-request',
    citation: 'Art. 15(2)(d)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries([
        ...base(),
        ev('AgencyRequestForwarded', T('04T09:00:00'), actors.police, art(15, 2, 'd'), {
          requestId: 'TK03-9',
          late: false,
          decideBy: T('07T00:00:00'),
        }),
      ]),
  },
  {
    check: 'agency.forward-late',
    citation: 'Art. 15(2)(d)',
    asOf: T('31T00:00:00'),
    log: () => entries(withAgency('approve', T('05T09:00:00'), T('06T09:00:00'))),
  },
  {
    check: 'agency.decide-late',
    citation: 'Art. 15(2)(dd)',
    asOf: T('31T00:00:00'),
    log: () => entries(withAgency(null)),
  },
  {
    check: 'agency.decided-before-forwarded',
    citation: 'Art. 15(2)(dd)',
    asOf: T('31T00:00:00'),
    log: () => entries(withAgency('refuse').filter((e) => e.type !== 'AgencyRequestForwarded')),
  },
  {
    check: 'agency.refusal-without-reason',
    citation: 'Art. 15(2)(dd)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries(
        withAgency('refuse').map((e) => {
          if (e.type !== 'AgencyRequestRefused') return e;
          const { reason: _reason, ...rest } = e;
          return rest as AccountEvent;
        }),
      ),
  },
  {
    check: 'competence.agency-request',
    citation: 'Art. 15(2)(d)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries(
        withAgency('approve').map((e) => (e.type === 'AgencyRequestForwarded' ? { ...e, by: actors.agency } : e)),
      ),
  },
  {
    check: 'competence.grant',
    citation: 'Art. 16',
    asOf: T('31T00:00:00'),
    log: () => entries(base().map((e) => (e.type === 'AccountGranted' ? { ...e, by: actors.officer } : e))),
  },
  {
    check: 'competence.lock',
    citation: 'Art. 16',
    asOf: T('31T00:00:00'),
    log: () =>
      entries(
        lawful([...foreignerCommands(), c('RecordAgreementViolation', T('04T10:00:00'), actors.agency)]).map((e) =>
          e.type === 'AccountLocked' ? { ...e, by: actors.police } : e,
        ),
      ),
  },
  {
    check: 'competence.verify',
    citation: 'Art. 11(2)(c)',
    asOf: T('31T00:00:00'),
    log: () => entries(base().map((e) => (e.type === 'IdentityVerified' ? { ...e, by: actors.subject } : e))),
  },
  {
    check: 'competence.identity-update',
    citation: 'Art. 8(1)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries([
        ...base(),
        ev('IdentityUpdated', T('04T09:00:00'), actors.agency, art(8, 1), {
          subject: aForeigner({ legalCapacity: 'represented' }),
          source: 'National Immigration Database',
        }),
      ]),
  },
  {
    check: 'effect.before-in-force',
    citation: 'Art. 40(1)',
    asOf: T('31T00:00:00'),
    log: () => entries(base().map((e, i) => (i === 0 ? { ...e, at: '2024-06-28T09:00:00+07:00' } : e))),
  },
  {
    check: 'effect.carry-over',
    citation: 'Art. 40(5)',
    asOf: T('31T00:00:00'),
    log: () =>
      entries([
        ev('AccountCarriedOver', T('03T09:00:00'), actors.system, art(40, 5), {
          subject: aForeigner(),
          level: 2,
          grantedAt: '2024-08-01T09:00:00+07:00',
        }),
      ]),
  },
  {
    check: 'integrity.undecodable',
    citation: 'Art. 17(1)',
    asOf: T('31T00:00:00'),
    log: () => entries(base().map((e) => (e.type === 'AccountGranted' ? { ...e, level: 3 } : e))),
  },
  {
    check: 'integrity.revision-gap',
    citation: 'Art. 17(1)',
    asOf: T('31T00:00:00'),
    log: () => seal(entries(base())).filter((e) => e.revision !== 1),
  },
  {
    check: 'integrity.hash-chain',
    citation: 'Art. 17(1)',
    asOf: T('31T00:00:00'),
    log: () =>
      seal(entries(base())).map((e) =>
        e.type === 'AccountGranted' ? { ...e, data: { ...(e.data as object), level: 1 } } : e,
      ),
  },
  {
    check: 'integrity.time-order',
    citation: 'Art. 17(1)',
    asOf: T('31T00:00:00'),
    log: () => entries(base().map((e) => (e.type === 'AccountActivated' ? { ...e, at: T('03T09:30:00') } : e))),
  },
  {
    check: 'integrity.digest',
    citation: 'Art. 17(1)',
    asOf: T('31T00:00:00'),
    // The auditor kept the digest of the lawful history; the last event has vanished since.
    log: () => seal(entries(base())).slice(0, -1),
    digest: async () => {
      const d = await digest(storeOf(entries(base())), { clock: () => T('04T00:00:00') })();
      if (d._tag === 'Left') throw new Error(`no digest: ${JSON.stringify(d.left)}`);
      return d.right;
    },
  },
];
