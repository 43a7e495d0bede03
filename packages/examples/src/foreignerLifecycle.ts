/**
 * A foreigner's level-2 account under Decree 69/2024/ND-CP, from the in-person request to activation, locked when
 * the passport expires and unlocked when it is renewed: every step decided by the account decider, stored in the
 * embedded in-memory event store, and printed with the clause that authorised it.
 *
 *   npm start
 */
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import {
  type AccountCommand,
  AccountEventCodec,
  type AccountEvent,
  type Foreigner,
  type StoredEvent,
  accountDecider,
  accountStatus,
  createCommandHandler,
  createInMemoryEventStore,
  formatCitation,
  subjectStream,
  vietnamDateOfMs,
} from '@dinhdanh/core';

const anna: Foreigner = {
  kind: 'foreigner',
  identificationNumber: '900000000001',
  fullName: 'Anna Schmidt',
  dateOfBirth: '1990-05-17' as Foreigner['dateOfBirth'],
  gender: 'female',
  nationality: 'DEU',
  travelDocument: {
    type: 'passport',
    number: 'C01X00T47',
    issuedOn: '2020-01-10' as Foreigner['dateOfBirth'],
    placeOfIssue: 'Berlin',
    expiresOn: '2030-01-09' as Foreigner['dateOfBirth'],
  },
  residenceCard: { type: 'permanent', number: 'TT-123456', expiresOn: null },
  biometricsOnFile: true,
  legalCapacity: 'full',
  diedOn: null,
};

const officer = { role: 'receiving-officer', id: 'hanoi-immigration-officer-7' } as const;
const agency = { role: 'management-agency', id: 'C06' } as const;
const system = { role: 'system', id: 'eid-system' } as const;

/** The story, command by command. */
export const STORY: readonly { readonly say: string; readonly command: AccountCommand }[] = [
  {
    say: 'Anna applies in person at the Immigration Management Office (seed 002, steps 1-3)',
    command: {
      type: 'RequestAccount',
      commandId: 'c1',
      subjectId: 'anna',
      at: '2025-07-02T09:00:00+07:00',
      by: officer,
      request: {
        subject: anna,
        level: 2,
        channel: 'in-person',
        applicant: { role: 'self' },
        faceImage: null,
        form: 'TK01',
        consentConfirmedByOfficer: true,
        withCardApplication: false,
      },
    },
  },
  {
    say: 'The officer matches her face photo and fingerprints against the National Immigration Database',
    command: {
      type: 'VerifyIdentity',
      commandId: 'c2',
      subjectId: 'anna',
      at: '2025-07-02T09:15:00+07:00',
      by: officer,
      outcome: {
        result: 'verified',
        verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: true },
      },
    },
  },
  {
    say: 'The management agency grants the account and notifies her (step 5)',
    command: { type: 'GrantAccount', commandId: 'c3', subjectId: 'anna', at: '2025-07-04T10:00:00+07:00', by: agency },
  },
  {
    say: 'She activates it on the National Identification Application',
    command: {
      type: 'ActivateAccount',
      commandId: 'c4',
      subjectId: 'anna',
      at: '2025-07-05T08:30:00+07:00',
      by: { role: 'subject', id: 'anna' },
      channel: 'app',
    },
  },
  {
    say: 'Her passport expires on 9 January 2030; the daily review finds the ground',
    command: {
      type: 'ReviewLockGrounds',
      commandId: 'c5',
      subjectId: 'anna',
      at: '2030-01-10T00:05:00+07:00',
      by: system,
    },
  },
  {
    say: 'The renewed passport arrives from the National Immigration Database (Art. 8)',
    command: {
      type: 'UpdateIdentity',
      commandId: 'c6',
      subjectId: 'anna',
      at: '2030-01-14T11:00:00+07:00',
      by: system,
      source: 'National Immigration Database',
      subject: {
        ...anna,
        travelDocument: {
          ...anna.travelDocument,
          number: 'C77Y12K08',
          expiresOn: '2040-01-13' as Foreigner['dateOfBirth'],
        },
      },
    },
  },
];

/** The Vietnamese day that a deadline instant (24:00, written as 00:00 of the next day) closes. */
const endDay = (instant: string): string => vietnamDateOfMs(Date.parse(instant) - 1);

const describe = (e: AccountEvent): string => {
  switch (e.type) {
    case 'AccountRequested':
      return `due by the end of ${endDay(e.dueBy)} (${formatCitation(e.timeLimit)})`;
    case 'AccountGranted':
      return `level ${e.level}${e.late ? ', LATE' : ', within the limit'}`;
    case 'AccountActivated':
      return `on the ${e.channel}, within the window ending with ${endDay(e.windowEndsAt)}`;
    case 'AccountLocked':
    case 'AccountUnlocked':
    case 'LockGroundAdded':
    case 'LockGroundCeased':
      return `ground: ${e.ground}`;
    default:
      return '';
  }
};

/** Runs the story on a fresh in-memory store and returns what was printed, line by line. */
export const runForeignerLifecycle = async (): Promise<string[]> => {
  const store = createInMemoryEventStore({ codec: AccountEventCodec, hashChain: true });
  const handle = createCommandHandler(accountDecider, store, {
    streamOf: (c: AccountCommand) => subjectStream(c.subjectId),
  });
  const out: string[] = [
    'Anna Schmidt (DEU), a foreigner with a permanent residence card: a level-2 account under Decree 69/2024/ND-CP',
    '',
  ];
  for (const step of STORY) {
    out.push(`${step.command.at.slice(0, 16).replace('T', ' ')}  ${step.say}`);
    const r = await handle(step.command)();
    if (E.isLeft(r)) {
      out.push(`    rejected: ${'message' in r.left ? r.left.message : JSON.stringify(r.left)}`);
      continue;
    }
    for (const stored of r.right.events as readonly StoredEvent<AccountEvent>[]) {
      const e = stored.data;
      out.push(
        `    #${stored.revision} ${e.type.padEnd(18)} ${formatCitation(e.legalBasis).padEnd(30)} ${describe(e)}`,
      );
    }
    out.push(`    status: ${accountStatus(r.right.state)}`);
  }
  const all = await store.readStream(subjectStream('anna'), { direction: 'forward' })();
  if (E.isRight(all)) {
    out.push(
      '',
      `Stream ${subjectStream('anna')}: ${all.right.length} events, nothing deleted or rewritten (Art. 17(1)).`,
    );
  }
  return out;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await runForeignerLifecycle()) console.log(line);
}
