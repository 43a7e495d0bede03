/**
 * Two foreigners through the 2025 campaign for level-2 accounts (seed 002, Decision 5349/QD-BCA-C06): both apply in
 * person at the Immigration Management Office of the Hanoi Police on Wednesday 2 July 2025. Anna's face photo and
 * fingerprints are already in the National Immigration Database, so the agency has 3 working days
 * (Art. 13(3)(b)); Kenji's are not, so it has 7 (Art. 13(3)(c)). A first attempt at Kenji's dossier without the
 * officer's confirmation of his consent is refused. Both are granted and notified (Art. 11(2)(dd)) and activate on
 * the app within 7 days (Art. 14(1)); the deadlines read model shows the two due instants side by side.
 *
 *   npm run build && node packages/examples/dist/foreignerCampaign.js
 */
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { type AccountRequest, DECREE_TIME_LIMITS, type Foreigner, formatCitation } from '@dinhdanh/core';
import { type DeadlinesPartition, accountsProjection, asOf, deadlinesOnVietnamCalendar } from '@dinhdanh/projections';
import { type Print, type Scene, actors, createScene, endDay, wallClock } from './scene.js';

type Day = Foreigner['dateOfBirth'];

const limitLength = (id: string): number => DECREE_TIME_LIMITS.find((l) => l.id === id)?.period.length ?? NaN;

const foreigner = (id: string, name: string, nationality: string, biometricsOnFile: boolean): Foreigner => ({
  kind: 'foreigner',
  identificationNumber: id,
  fullName: name,
  dateOfBirth: '1988-03-14' as Day,
  gender: 'other',
  nationality,
  travelDocument: {
    type: 'passport',
    number: `P${id.slice(-6)}`,
    issuedOn: '2022-01-10' as Day,
    placeOfIssue: nationality,
    expiresOn: '2032-01-09' as Day,
  },
  residenceCard: { type: 'temporary', number: `TT-${id.slice(-6)}`, expiresOn: '2027-06-30' as Day },
  biometricsOnFile,
  legalCapacity: 'full',
  diedOn: null,
});

/** Anna: biometrics already on file (3 working days). */
export const ANNA = '900000000101';
/** Kenji: biometrics collected for the first time (7 working days). */
export const KENJI = '900000000102';

const inPerson = (subject: Foreigner, consentConfirmedByOfficer: boolean): AccountRequest => ({
  subject,
  level: 2,
  channel: 'in-person',
  applicant: { role: 'self' },
  faceImage: null,
  form: 'TK01',
  consentConfirmedByOfficer,
  withCardApplication: false,
});

const faceAndFingerprints = {
  result: 'verified',
  verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: true },
} as const;

const applicant = async (
  scene: Scene,
  id: string,
  subject: Foreigner,
  requestAt: string,
  grantAt: string,
  activateAt: string,
): Promise<void> => {
  const name = subject.fullName.split(' ')[0] ?? subject.fullName;
  await scene.act(
    `${name} presents the passport and Form TK01; the officer enters the dossier and confirms consent (steps 1-3)`,
    {
      type: 'RequestAccount',
      commandId: `${id}-request`,
      subjectId: id,
      at: requestAt,
      by: actors.hanoiImmigration,
      request: inPerson(subject, true),
    },
  );
  await scene.act(
    subject.biometricsOnFile
      ? `The officer matches ${name}'s face photo and fingerprints with those on file in the National Immigration Database`
      : `The officer takes ${name}'s face photo and fingerprints, new to the National Immigration Database, and verifies them`,
    {
      type: 'VerifyIdentity',
      commandId: `${id}-verify`,
      subjectId: id,
      at: requestAt.replace(':00:00', ':20:00'),
      by: actors.hanoiImmigration,
      outcome: faceAndFingerprints,
    },
  );
  await scene.act(
    `The management agency grants ${name}'s account and notifies the result on VNeID, by SMS or e-mail (steps 4-5)`,
    { type: 'GrantAccount', commandId: `${id}-grant`, subjectId: id, at: grantAt, by: actors.c06 },
  );
  await scene.act(`${name} activates the account on the National Identification Application`, {
    type: 'ActivateAccount',
    commandId: `${id}-activate`,
    subjectId: id,
    at: activateAt,
    by: { role: 'subject', id },
    channel: 'app',
  });
};

/** Runs the campaign story and prints it. */
export const main = async (print: Print = console.log): Promise<void> => {
  const scene = createScene(print);
  const anna = foreigner(ANNA, 'Anna Schmidt', 'DEU', true);
  const kenji = foreigner(KENJI, 'Kenji Sato', 'JPN', false);
  print('The 2025 campaign: level-2 accounts for foreigners, in person (seed 002; Decree 69/2024/ND-CP Art. 11(2))');
  print('');
  print('Kenji, first attempt: the officer has not yet confirmed his consent to register');
  await scene.act('The officer submits the dossier without the consent confirmation', {
    type: 'RequestAccount',
    commandId: `${KENJI}-request-unconfirmed`,
    subjectId: KENJI,
    at: '2025-07-02T08:30:00+07:00',
    by: actors.hanoiImmigration,
    request: inPerson(kenji, false),
  });
  print('');
  await applicant(
    scene,
    ANNA,
    anna,
    '2025-07-02T09:00:00+07:00',
    '2025-07-04T10:00:00+07:00',
    '2025-07-05T08:30:00+07:00',
  );
  print('');
  await applicant(
    scene,
    KENJI,
    kenji,
    '2025-07-02T10:00:00+07:00',
    '2025-07-10T15:00:00+07:00',
    '2025-07-12T19:00:00+07:00',
  );

  // The deadlines read model as it stood at the end of the day of the requests: both grants still owed.
  const open = await asOf(deadlinesOnVietnamCalendar, scene.store, { instant: '2025-07-02T23:59:59+07:00' })();
  const accounts = await asOf(accountsProjection, scene.store, { instant: '2025-07-31T00:00:00+07:00' })();
  if (E.isLeft(open) || E.isLeft(accounts)) throw new Error('the read models could not be built');
  const grant = (id: string) => (open.right.state.get(id) as DeadlinesPartition | undefined)?.open['grant'];
  print('');
  print('Side by side: the grant each one is owed, from the deadlines read model at the end of 2 July 2025');
  for (const [id, who] of [
    [ANNA, anna],
    [KENJI, kenji],
  ] as const) {
    const o = grant(id);
    const row = accounts.right.state.get(id);
    if (o === undefined || row === undefined) throw new Error(`no grant obligation for ${id}`);
    print(
      `    ${who.fullName.padEnd(13)} biometrics on file: ${who.biometricsOnFile ? 'yes' : 'no '}  ` +
        `${limitLength(o.timeLimitId)} working days (${formatCitation(o.citation)})`,
    );
    print(`    ${''.padEnd(13)} due ${o.dueBy}, i.e. 24:00 ICT on ${endDay(o.dueBy)}`);
    print(
      `    ${''.padEnd(13)} granted ${row.grantedAt === null ? 'not yet' : wallClock(row.grantedAt)}; status at the end of July: ${row.status}`,
    );
  }
  print('');
  print(
    'The days are working days of state agencies (Mon-Fri, no holiday in July 2025): 3 from Thu 3 July end Mon 7 July;' +
      ' 7 end Fri 11 July. No fee is charged (Art. 27).',
  );
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
