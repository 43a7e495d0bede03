/**
 * An organisation's account, a competent agency's request to lock it, and the organisation's dissolution.
 *
 * Song Hong Trading files Form TK02 and, being in the National Enterprise Registration Database, is granted within
 * 3 working days (Art. 13(4)(a)). On Friday 11 July 2025 at 15:00 the Investigation Police Agency's Form TK03
 * request to lock its account reaches the Hanoi Police (Art. 15(2)(c)); it must be forwarded within 1 working day,
 * by the end of Monday 14 July (Art. 15(2)(d)), but is forwarded only on Thursday 17 July. The deadlines read model
 * shows it overdue on Wednesday 16 July, 2 working days late; the decider records the late forwarding as a fact
 * (DESIGN idea 7), the head of the identity management agency approves the lock (Art. 15(2)(dd)), and the audit
 * reports the lateness. In August the organisation is dissolved: the update from the database adds a second ground
 * (Art. 8(2); Art. 15(2)(b)).
 *
 *   npm run build && node packages/examples/dist/organisationAndAgency.js
 */
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { type Organisation, formatCitation } from '@dinhdanh/core';
import {
  asOf,
  auditStore,
  deadlinesOnVietnamCalendar,
  findingText,
  lockRegisterProjection,
  overdue,
  whatHappened,
} from '@dinhdanh/projections';
import { type Print, actors, createScene, endDay } from './scene.js';

type Day = Organisation['establishedOn'];

/** The organisation's identification number. */
export const SONG_HONG = '0109876543';
/** The competent agency's request. */
export const REQUEST = 'TK03-2025-017';

const songHong: Organisation = {
  kind: 'organisation',
  identificationNumber: SONG_HONG,
  name: 'Song Hong Trading Joint Stock Company',
  establishedOn: '2019-04-22' as Day,
  headOffice: '12 Hang Bai, Hoan Kiem, Hanoi',
  legalRepresentative: { fullName: 'Tran Van Hai', identificationNumber: '001080012345' },
  inNationalDatabases: true,
  status: 'operating',
  enterpriseCode: SONG_HONG,
};

const director = { role: 'legal-representative', id: '001080012345' } as const;

/** Runs the story and prints it with the deadlines read model, the lock register and the audit. */
export const main = async (print: Print = console.log): Promise<void> => {
  const scene = createScene(print);
  const act = scene.act;
  print(`${songHong.name} (${SONG_HONG}), an organisation (Art. 7(3))`);
  await act('Its director hands in a Form TK02 dossier', {
    type: 'RequestAccount',
    commandId: 'sh-request',
    subjectId: SONG_HONG,
    at: '2025-07-01T10:00:00+07:00',
    by: director,
    request: {
      subject: songHong,
      level: null,
      channel: 'dossier',
      applicant: {
        role: 'legal-representative',
        personId: director.id,
        hasLevel2Account: true,
        otherRepresentativesConsented: true,
      },
      faceImage: null,
      form: 'TK02',
      consentConfirmedByOfficer: false,
      withCardApplication: false,
    },
  });
  await act('The system finds it in the National Enterprise Registration Database', {
    type: 'VerifyIdentity',
    commandId: 'sh-verify',
    subjectId: SONG_HONG,
    at: '2025-07-01T10:05:00+07:00',
    by: actors.system,
    outcome: {
      result: 'verified',
      verification: { against: 'national-databases', faceMatched: false, fingerprintsMatched: false },
    },
  });
  await act('Granted, and the director notified', {
    type: 'GrantAccount',
    commandId: 'sh-grant',
    subjectId: SONG_HONG,
    at: '2025-07-03T09:00:00+07:00',
    by: actors.c06,
  });
  await act('The director activates it on the app', {
    type: 'ActivateAccount',
    commandId: 'sh-activate',
    subjectId: SONG_HONG,
    at: '2025-07-03T14:00:00+07:00',
    by: director,
    channel: 'app',
  });
  print('');
  print('A competent agency asks to lock the account (Form TK03)');
  await act('The Hanoi Police receive the request', {
    type: 'ReceiveAgencyRequest',
    commandId: 'sh-tk03-received',
    subjectId: SONG_HONG,
    at: '2025-07-11T15:00:00+07:00',
    by: actors.hanoiPolice,
    requestId: REQUEST,
    action: 'lock',
    target: 'account',
    agency: 'Investigation Police Agency, Hanoi',
  });

  const wednesday = '2025-07-16T17:00:00+07:00';
  const deadlines = await asOf(deadlinesOnVietnamCalendar, scene.store, { instant: wednesday })();
  if (E.isLeft(deadlines)) throw new Error('the deadlines read model could not be built');
  const late = overdue(deadlines.right.state, wednesday);
  if (E.isLeft(late)) throw new Error(late.left.message);
  print('');
  print(`The deadlines read model as of ${wednesday}: overdue obligations`);
  for (const o of late.right) {
    print(
      `    ${o.subjectId} ${o.id}: owed by ${o.owedBy}, due ${o.dueBy} (end of ${endDay(o.dueBy)}), ` +
        `${o.workingDaysLate} working days late (${formatCitation(o.citation)})`,
    );
  }
  print('');

  await act('The Hanoi Police forward it to the head of the identity management agency', {
    type: 'ForwardAgencyRequest',
    commandId: 'sh-tk03-forwarded',
    subjectId: SONG_HONG,
    at: '2025-07-17T09:00:00+07:00',
    by: actors.hanoiPolice,
    requestId: REQUEST,
  });
  await act('The head of the identity management agency approves the lock', {
    type: 'DecideAgencyRequest',
    commandId: 'sh-tk03-decided',
    subjectId: SONG_HONG,
    at: '2025-07-18T10:00:00+07:00',
    by: actors.c06,
    requestId: REQUEST,
    decision: { approve: true },
  });
  print('');
  await act('The organisation is dissolved; the database update reaches the system', {
    type: 'UpdateIdentity',
    commandId: 'sh-dissolved',
    subjectId: SONG_HONG,
    at: '2025-08-05T08:00:00+07:00',
    by: actors.system,
    source: 'National Enterprise Registration Database',
    subject: { ...songHong, status: 'dissolved' },
  });

  const register = await asOf(lockRegisterProjection, scene.store, { instant: '2025-08-31T00:00:00+07:00' })();
  if (E.isLeft(register)) throw new Error('the lock register could not be built');
  const story = whatHappened(register.right.state, SONG_HONG);
  print('');
  print('The lock register: standing grounds, and who asked');
  for (const g of story?.standingGrounds ?? []) {
    const who = g.askedBy.agency === null ? g.askedBy.actor.role : `${g.askedBy.agency} (${g.askedBy.requestId})`;
    print(`    ${g.ground.padEnd(26)} since ${g.since}  ${formatCitation(g.legalBasis).padEnd(28)} asked by ${who}`);
  }

  const report = await auditStore(scene.store, { asOf: '2025-08-31T00:00:00+07:00' })();
  if (E.isLeft(report)) throw new Error('the audit could not read the store');
  print('');
  print(`The audit as of 2025-08-31: ${report.right.findings.length} finding(s)`);
  for (const f of report.right.findings) for (const l of findingText(f).split('\n')) print(l);
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
