/**
 * A 10-year-old Vietnamese citizen, Minh, and his mother Lan, his guardian. A child under 14 cannot register
 * himself: Lan registers him on the National Identification Application with her own phone number and her own level-2
 * account (Art. 10(1)(d)). The account is granted within 1 working day (Art. 13(1)(a)) and activated; but using it
 * needs her consent confirmed on the app (Art. 14(2)): Minh's login is refused before she consents, recorded after,
 * and refused again once she withdraws it. The login history read model then shows what was recorded, and to whom.
 *
 *   npm run build && node packages/examples/dist/childWithGuardian.js
 */
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { type AccountRequest, type Citizen, type RecordLogin, formatCitation } from '@dinhdanh/core';
import { asOf, auditStore, loginHistoryProjection, readLoginHistory } from '@dinhdanh/projections';
import { type Print, actors, createScene } from './scene.js';

type Day = Citizen['dateOfBirth'];

/** Minh's personal identification number: his stream is `subject-<this>`. */
export const MINH = '001215000321';
/** Lan, his mother and guardian. */
export const LAN = '001185004567';

const minh: Citizen = {
  kind: 'citizen',
  personalIdentificationNumber: MINH,
  fullName: 'Nguyen Duc Minh',
  dateOfBirth: '2015-03-10' as Day,
  // Art. 7(1): a citizen from full 6 to under 14 with an identity card may hold a level-1 or level-2 account.
  identityCard: { type: 'identity-card', number: MINH, validUntil: '2029-03-10' as Day, status: 'valid' },
  legalCapacity: 'full',
  diedOn: null,
};

const onTheApp = (applicant: AccountRequest['applicant']): AccountRequest => ({
  subject: minh,
  level: 1,
  channel: 'app',
  applicant,
  faceImage: { kind: 'face-photo', ref: 'sha256:5f1c0d7e-minh-face' },
  form: null,
  consentConfirmedByOfficer: false,
  withCardApplication: false,
});

const lan = { role: 'guardian', id: LAN } as const;
const minhHimself = { role: 'subject', id: MINH } as const;

const login = (n: number, at: string, by: RecordLogin['by']): RecordLogin => ({
  type: 'RecordLogin',
  commandId: `minh-login-${n}`,
  subjectId: MINH,
  at,
  by,
  means: ['password'],
  requiredLevel: 1,
});

/** Runs Minh's story and prints it. */
export const main = async (print: Print = console.log): Promise<void> => {
  const scene = createScene(print);
  print(`${minh.fullName}, born ${minh.dateOfBirth}: 10 years old in July 2025, registered by his guardian`);
  print('');
  await scene.act('Minh tries to register himself on the app', {
    type: 'RequestAccount',
    commandId: 'minh-request-alone',
    subjectId: MINH,
    at: '2025-07-07T18:30:00+07:00',
    by: minhHimself,
    request: onTheApp({ role: 'self' }),
  });
  await scene.act('Lan registers him on the app with her own phone number and her own level-2 account', {
    type: 'RequestAccount',
    commandId: 'minh-request',
    subjectId: MINH,
    at: '2025-07-07T19:00:00+07:00',
    by: lan,
    request: onTheApp({ role: 'guardian', personId: LAN, usesOwnPhone: true, hasLevel2Account: true, present: false }),
  });
  await scene.act("The system checks Minh's face image against the Identity Database", {
    type: 'VerifyIdentity',
    commandId: 'minh-verify',
    subjectId: MINH,
    at: '2025-07-07T19:01:00+07:00',
    by: actors.system,
    outcome: {
      result: 'verified',
      verification: { against: 'identity-database', faceMatched: true, fingerprintsMatched: false },
    },
  });
  await scene.act('The account is granted and the result notified to Lan', {
    type: 'GrantAccount',
    commandId: 'minh-grant',
    subjectId: MINH,
    at: '2025-07-08T08:00:00+07:00',
    by: actors.system,
  });
  await scene.act('Lan activates it on the app', {
    type: 'ActivateAccount',
    commandId: 'minh-activate',
    subjectId: MINH,
    at: '2025-07-08T20:00:00+07:00',
    by: lan,
    channel: 'app',
  });
  print('');
  print('Using the account: without, with, and again without his guardian’s consent');
  await scene.login('Minh logs in to look at his school records', login(1, '2025-07-09T16:00:00+07:00', minhHimself));
  await scene.act('Lan consents on the app to Minh using his account', {
    type: 'GiveGuardianConsent',
    commandId: 'minh-consent',
    subjectId: MINH,
    at: '2025-07-09T18:00:00+07:00',
    by: lan,
  });
  await scene.login('Minh logs in again', login(2, '2025-07-10T16:00:00+07:00', minhHimself));
  await scene.login('Lan logs in to his account to act for him', login(3, '2025-07-11T09:00:00+07:00', lan));
  await scene.act('Lan withdraws her consent', {
    type: 'WithdrawGuardianConsent',
    commandId: 'minh-consent-withdrawn',
    subjectId: MINH,
    at: '2025-07-14T21:00:00+07:00',
    by: lan,
  });
  await scene.login('Minh tries to log in', login(4, '2025-07-15T16:00:00+07:00', minhHimself));

  const history = await asOf(loginHistoryProjection, scene.store, { instant: '2025-07-31T00:00:00+07:00' })();
  if (E.isLeft(history)) throw new Error('the login history could not be built');
  print('');
  print('The login history read model (kept at least 5 years from each login):');
  const mine = readLoginHistory(history.right.state, { reader: lan, subjectId: MINH });
  if (E.isRight(mine)) {
    for (const l of mine.right) {
      print(
        `    ${l.at}  by ${l.by.role} ${l.by.id}  level ${l.authenticationLevel} (${formatCitation(l.levelBasis)})`,
      );
    }
    print(`    ${mine.right.length} logins recorded; the two refused attempts are not logins and left no trace`);
  }
  const stranger = readLoginHistory(history.right.state, {
    reader: { role: 'guardian', id: '001190009999' },
    subjectId: MINH,
  });
  if (E.isLeft(stranger)) print(`    another guardian asks to read them: ${stranger.left.message}`);

  const report = await auditStore(scene.store, { asOf: '2025-07-31T00:00:00+07:00' })();
  if (E.isLeft(report)) throw new Error('the audit could not read the store');
  print('');
  print(
    `The audit finds ${report.right.findings.length} findings in ${report.right.events} events: every login ` +
      'happened while Lan’s consent stood.',
  );
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
