/**
 * "Can a foreigner in Vietnam opt out of the digital ID program?" (seed 000). The decree has no opt-out and no
 * erasure. What it allows is a lock at the foreigner's own request, recorded and applied by the system
 * (Art. 15(2)(a)), lifted again when no ground remains (Art. 15(3)(a)). Locking deletes nothing: identity information
 * is stored eternally (Art. 17(1)) and the login history at least five years from each login (Art. 17(2)).
 *
 * Sophie holds a level-2 account, logs in twice, then asks to be locked. The example prints the decider's answer,
 * the refusal of a later login, the lock register's account of what happened and what is still stored, and the raw
 * streams as the store keeps them, hash-chained.
 *
 *   npm run build && node packages/examples/dist/canForeignerOptOut.js
 */
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { type Foreigner, type RecordLogin, formatCitation, loginStream, subjectStream } from '@dinhdanh/core';
import { asOf, lockRegisterProjection, whatHappened } from '@dinhdanh/projections';
import { type Print, actors, createScene } from './scene.js';

type Day = Foreigner['dateOfBirth'];

/** Sophie's foreigner identification number. */
export const SOPHIE = '900000000301';

const sophie: Foreigner = {
  kind: 'foreigner',
  identificationNumber: SOPHIE,
  fullName: 'Sophie Martin',
  dateOfBirth: '1979-09-21' as Day,
  gender: 'female',
  nationality: 'FRA',
  travelDocument: {
    type: 'passport',
    number: '19FR44821',
    issuedOn: '2019-02-01' as Day,
    placeOfIssue: 'Paris',
    expiresOn: '2029-01-31' as Day,
  },
  residenceCard: { type: 'temporary', number: 'TT-301', expiresOn: '2027-12-31' as Day },
  biometricsOnFile: true,
  legalCapacity: 'full',
  diedOn: null,
};

const herself = { role: 'subject', id: SOPHIE } as const;

const login = (n: number, at: string): RecordLogin => ({
  type: 'RecordLogin',
  commandId: `sophie-login-${n}`,
  subjectId: SOPHIE,
  at,
  by: herself,
  means: ['password', 'otpSoftware'],
  requiredLevel: 2,
});

/** The store's operations: none of them deletes, truncates or rewrites (DESIGN idea 5). */
export const storeOperations = (store: object): string[] =>
  Object.entries(store)
    .filter(([, v]) => typeof v === 'function')
    .map(([k]) => k)
    .sort();

/** Runs Sophie's story and prints the answer. */
export const main = async (print: Print = console.log): Promise<void> => {
  const scene = createScene(print);
  print('Q (seed 000): Can a foreigner in Vietnam opt out of the digital ID program?');
  print('');
  await scene.act('Sophie applies in person for a level-2 account', {
    type: 'RequestAccount',
    commandId: 'sophie-request',
    subjectId: SOPHIE,
    at: '2025-07-07T09:00:00+07:00',
    by: actors.hanoiImmigration,
    request: {
      subject: sophie,
      level: 2,
      channel: 'in-person',
      applicant: { role: 'self' },
      faceImage: null,
      form: 'TK01',
      consentConfirmedByOfficer: true,
      withCardApplication: false,
    },
  });
  await scene.act('Her face photo and fingerprints match', {
    type: 'VerifyIdentity',
    commandId: 'sophie-verify',
    subjectId: SOPHIE,
    at: '2025-07-07T09:20:00+07:00',
    by: actors.hanoiImmigration,
    outcome: {
      result: 'verified',
      verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: true },
    },
  });
  await scene.act('Granted and notified', {
    type: 'GrantAccount',
    commandId: 'sophie-grant',
    subjectId: SOPHIE,
    at: '2025-07-08T10:00:00+07:00',
    by: actors.c06,
  });
  await scene.act('She activates it on the app', {
    type: 'ActivateAccount',
    commandId: 'sophie-activate',
    subjectId: SOPHIE,
    at: '2025-07-08T18:00:00+07:00',
    by: herself,
    channel: 'app',
  });
  await scene.login('She logs in to a bank', login(1, '2025-07-09T10:00:00+07:00'));
  await scene.login('She logs in to a rental registration service', login(2, '2025-07-21T15:30:00+07:00'));
  await scene.act('She asks, on the app, to lock her account: she wants out', {
    type: 'RequestLock',
    commandId: 'sophie-lock',
    subjectId: SOPHIE,
    at: '2025-08-01T20:00:00+07:00',
    by: herself,
  });
  await scene.login('A login with her account is attempted', login(3, '2025-08-04T09:00:00+07:00'));

  const register = await asOf(lockRegisterProjection, scene.store, { instant: '2025-08-31T00:00:00+07:00' })();
  if (E.isLeft(register)) throw new Error('the lock register could not be built');
  const story = whatHappened(register.right.state, SOPHIE);
  if (story === undefined) throw new Error('Sophie is not in the lock register');
  print('');
  print('A (the lock register, whatHappened):');
  print(`    opt-out exists: ${String(story.optOut.exists)}`);
  print(`    ${story.optOut.explanation}`);
  print(`    clauses: ${story.optOut.legalBasis.map(formatCitation).join('; ')}`);
  print(`    asked to be locked: ${String(story.askedToBeLocked)}; locked now: ${String(story.locked)}`);
  for (const g of story.standingGrounds) {
    print(
      `    standing ground: ${g.ground} since ${g.since} (${formatCitation(g.legalBasis)}), asked by ${g.askedBy.actor.role}`,
    );
  }
  const identity = story.stillStored.identity;
  const logins = story.stillStored.logins;
  print('What is still stored, and why:');
  print(
    `    identity: ${identity.events} events, retention ${identity.retention} (${formatCitation(identity.legalBasis)}): ` +
      Object.entries(identity.eventTypes)
        .map(([type, n]) => `${type} x${n}`)
        .join(', '),
  );
  print(
    `    logins: ${logins.events}, the last at ${logins.lastLoginAt ?? '-'}, kept at least until ` +
      `${logins.keptAtLeastUntil ?? '-'} (${formatCitation(logins.legalBasis)})`,
  );

  print('');
  print('The raw streams, as the store holds them (each hash chained to the one before):');
  for (const stream of [subjectStream(SOPHIE), loginStream(SOPHIE)]) {
    const events = await scene.store.readStream(stream)();
    if (E.isLeft(events)) throw new Error(`cannot read ${stream}`);
    print(`  ${stream}`);
    for (const e of events.right) {
      print(
        `    @${e.revision} ${e.type.padEnd(18)} ${e.recordedAt}  hash ${(e.hash ?? '').slice(0, 12)}…` +
          `  previous ${(e.previousHash ?? '').slice(0, 12)}…`,
      );
    }
  }
  print(`The store's operations: ${storeOperations(scene.store).join(', ')} — none deletes or rewrites.`);
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
