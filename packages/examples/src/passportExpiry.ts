/**
 * Documents expiring lock a foreigner's account automatically (Art. 15(2)(a)) and their renewal, arriving from the
 * National Immigration Database (Art. 8(1)), unlocks it once no ground remains (Art. 15(3)(a)). Anna's passport
 * expires: locked, renewed, unlocked. Marco's passport expires and then his residence card too: renewing the passport
 * leaves the account locked on the residence ground; only the renewed residence card unlocks it. The lock register
 * read model tells both stories, as of any instant.
 *
 *   npm run build && node packages/examples/dist/passportExpiry.js
 */
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { type Foreigner, formatCitation } from '@dinhdanh/core';
import {
  type LockRegisterModel,
  asOf,
  lockRegisterProjection,
  lockedAccounts,
  whatHappened,
} from '@dinhdanh/projections';
import { type Print, type Scene, actors, createScene } from './scene.js';

type Day = Foreigner['dateOfBirth'];

/** Anna: only her passport expires. */
export const ANNA = '900000000201';
/** Marco: his passport, then his residence card. */
export const MARCO = '900000000202';

const foreigner = (id: string, fullName: string, nationality: string, residenceUntil: string): Foreigner => ({
  kind: 'foreigner',
  identificationNumber: id,
  fullName,
  dateOfBirth: '1985-11-02' as Day,
  gender: 'other',
  nationality,
  travelDocument: {
    type: 'passport',
    number: `P-${id.slice(-3)}-2015`,
    issuedOn: '2015-07-16' as Day,
    placeOfIssue: nationality,
    expiresOn: '2025-07-15' as Day,
  },
  residenceCard: { type: 'temporary', number: `TT-${id.slice(-3)}`, expiresOn: residenceUntil as Day },
  biometricsOnFile: true,
  legalCapacity: 'full',
  diedOn: null,
});

const renewedPassport = (f: Foreigner): Foreigner => ({
  ...f,
  travelDocument: {
    ...f.travelDocument,
    number: `P-${f.identificationNumber.slice(-3)}-2025`,
    issuedOn: '2025-07-17' as Day,
    expiresOn: '2035-07-16' as Day,
  },
});

/** Grants and activates a level-2 account in July 2025, as in the campaign example. */
const accountFor = async (scene: Scene, f: Foreigner): Promise<void> => {
  const id = f.identificationNumber;
  const name = f.fullName.split(' ')[0] ?? id;
  await scene.act(`${name} applies in person for a level-2 account`, {
    type: 'RequestAccount',
    commandId: `${id}-request`,
    subjectId: id,
    at: '2025-07-01T09:00:00+07:00',
    by: actors.hanoiImmigration,
    request: {
      subject: f,
      level: 2,
      channel: 'in-person',
      applicant: { role: 'self' },
      faceImage: null,
      form: 'TK01',
      consentConfirmedByOfficer: true,
      withCardApplication: false,
    },
  });
  await scene.act(`${name}'s face photo and fingerprints match the National Immigration Database`, {
    type: 'VerifyIdentity',
    commandId: `${id}-verify`,
    subjectId: id,
    at: '2025-07-01T09:20:00+07:00',
    by: actors.hanoiImmigration,
    outcome: {
      result: 'verified',
      verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: true },
    },
  });
  await scene.act('Granted and notified', {
    type: 'GrantAccount',
    commandId: `${id}-grant`,
    subjectId: id,
    at: '2025-07-02T10:00:00+07:00',
    by: actors.c06,
  });
  await scene.act('Activated on the app', {
    type: 'ActivateAccount',
    commandId: `${id}-activate`,
    subjectId: id,
    at: '2025-07-02T20:00:00+07:00',
    by: { role: 'subject', id },
    channel: 'app',
  });
};

const review = (scene: Scene, subjectId: string, at: string, say: string) =>
  scene.act(say, {
    type: 'ReviewLockGrounds',
    commandId: `${subjectId}-review-${at}`,
    subjectId,
    at,
    by: actors.system,
  });

const update = (scene: Scene, subject: Foreigner, at: string, say: string) =>
  scene.act(say, {
    type: 'UpdateIdentity',
    commandId: `${subject.identificationNumber}-update-${at}`,
    subjectId: subject.identificationNumber,
    at,
    by: actors.system,
    source: 'National Immigration Database',
    subject,
  });

const printRegister = (print: Print, model: LockRegisterModel, id: string): void => {
  const story = whatHappened(model, id);
  if (story === undefined) return;
  print(`  ${id}: ${story.locked ? 'LOCKED' : 'not locked'}`);
  for (const g of story.standingGrounds) {
    print(
      `    standing ground ${g.ground} since ${g.since} (${formatCitation(g.legalBasis)}), by ${g.askedBy.actor.role}`,
    );
  }
  for (const h of story.history) {
    print(
      `    ${h.at}  ${h.event.padEnd(13)} ${h.ground.padEnd(24)} ${formatCitation(h.legalBasis).padEnd(28)} by ${h.askedBy.actor.role}`,
    );
  }
};

/** Runs both stories and prints them with the lock register. */
export const main = async (print: Print = console.log): Promise<void> => {
  const scene = createScene(print);
  const anna = foreigner(ANNA, 'Anna Schmidt', 'DEU', '2027-06-30');
  const marco = foreigner(MARCO, 'Marco Rossi', 'ITA', '2025-07-20');
  print('Anna: her passport expires on Tuesday 15 July 2025');
  await accountFor(scene, anna);
  await review(scene, ANNA, '2025-07-16T00:05:00+07:00', "The system's daily review finds the passport expired");
  await update(scene, renewedPassport(anna), '2025-07-18T11:00:00+07:00', 'The renewed passport arrives (Art. 8(1))');
  print('');
  print('Marco: his passport expires on 15 July, his residence card on Sunday 20 July 2025');
  await accountFor(scene, marco);
  await review(scene, MARCO, '2025-07-16T00:05:00+07:00', "The system's daily review finds the passport expired");
  await review(scene, MARCO, '2025-07-21T00:05:00+07:00', 'The residence card has expired too');
  const marco2 = renewedPassport(marco);
  await update(scene, marco2, '2025-07-23T11:00:00+07:00', 'His renewed passport arrives: one ground remains');
  await update(
    scene,
    { ...marco2, residenceCard: { type: 'temporary', number: 'TT-202-2025', expiresOn: '2027-07-27' as Day } },
    '2025-07-28T15:00:00+07:00',
    'His new temporary residence card arrives: no ground remains',
  );

  const at = async (instant: string) => {
    const r = await asOf(lockRegisterProjection, scene.store, { instant })();
    if (E.isLeft(r)) throw new Error('the lock register could not be built');
    return r.right.state;
  };
  print('');
  for (const instant of ['2025-07-22T12:00:00+07:00', '2025-07-24T12:00:00+07:00']) {
    const locked = lockedAccounts(await at(instant));
    print(`The lock register as of ${instant}: ${locked.length} locked account(s)`);
    for (const r of locked) {
      print(
        `  ${r.subjectId}: ${r.accountGrounds.map((g) => `${g.ground} (${formatCitation(g.legalBasis)})`).join(', ')}`,
      );
    }
  }
  print('');
  const end = await at('2025-08-01T00:00:00+07:00');
  print('The lock register at the end of July 2025 (whatHappened):');
  printRegister(print, end, ANNA);
  printRegister(print, end, MARCO);
  print(`  locked accounts: ${lockedAccounts(end).length}`);
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
