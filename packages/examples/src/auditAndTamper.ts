/**
 * An auditor's day: a log that another system wrote, with unlawful events in it, and an export someone edited.
 *
 * Three foreigners' accounts are decided by the account decider. Then two events are appended straight to the store,
 * bypassing the decider but correctly hash-chained, as a faulty or dishonest system could: Eve's account granted
 * without any identity verification (Art. 11(2)(c)), and Marco's account unlocked while his passport is still
 * expired (Art. 15(3)(a)). The audit, an independent reading of the decree, finds both and prints its report.
 *
 * The log is then exported to NDJSON and its digest kept apart. One byte of one line is changed in the file (a grant
 * turned from level 2 into level 1); `verifyLog` with the digest names the line, the stream and the revision.
 *
 *   npm run build && node packages/examples/dist/auditAndTamper.js [directory for the export]
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import {
  type Foreigner,
  type LogEvent,
  SYSTEM_ACTOR,
  art,
  describeLogError,
  exportNdjson,
  printDigest,
  subjectStream,
  verifyLog,
} from '@dinhdanh/core';
import { audit, auditStore, ndjsonFileLog, toText } from '@dinhdanh/projections';
import { type Print, type Scene, actors, createScene } from './scene.js';

type Day = Foreigner['dateOfBirth'];

/** The three subjects. */
export const ANNA = '900000000401';
export const EVE = '900000000402';
export const MARCO = '900000000403';

/** The instant the auditor judges the log as of. */
export const AUDIT_AS_OF = '2025-07-31T00:00:00+07:00';

const foreigner = (id: string, fullName: string, passportUntil: string): Foreigner => ({
  kind: 'foreigner',
  identificationNumber: id,
  fullName,
  dateOfBirth: '1990-01-15' as Day,
  gender: 'other',
  nationality: 'AUS',
  travelDocument: {
    type: 'passport',
    number: `PA${id.slice(-4)}`,
    issuedOn: '2016-01-01' as Day,
    placeOfIssue: 'Canberra',
    expiresOn: passportUntil as Day,
  },
  residenceCard: { type: 'temporary', number: `TT-${id.slice(-4)}`, expiresOn: '2027-12-31' as Day },
  biometricsOnFile: true,
  legalCapacity: 'full',
  diedOn: null,
});

const request = (scene: Scene, f: Foreigner, at: string) =>
  scene.act(`${f.fullName} applies in person for a level-2 account`, {
    type: 'RequestAccount',
    commandId: `${f.identificationNumber}-request`,
    subjectId: f.identificationNumber,
    at,
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

const verifyAndGrant = async (scene: Scene, id: string, day: string): Promise<void> => {
  await scene.act('Face photo and fingerprints matched', {
    type: 'VerifyIdentity',
    commandId: `${id}-verify`,
    subjectId: id,
    at: `${day}T09:30:00+07:00`,
    by: actors.hanoiImmigration,
    outcome: {
      result: 'verified',
      verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: true },
    },
  });
  await scene.act('Granted', {
    type: 'GrantAccount',
    commandId: `${id}-grant`,
    subjectId: id,
    at: `${day}T15:00:00+07:00`,
    by: actors.c06,
  });
};

/** Appends an event straight to the store, past the decider: the store chains it like any other. */
const inject = async (scene: Scene, subjectId: string, event: LogEvent, say: string): Promise<void> => {
  const stream = subjectStream(subjectId);
  scene.print(`INJECTED ${event.at.slice(0, 16).replace('T', ' ')}  ${say}`);
  const r = await scene.store.append(
    stream,
    [{ eventId: `injected-${subjectId}-${event.type}`, type: event.type, data: event, recordedAt: event.at }],
    'stream-exists',
  )();
  if (E.isLeft(r)) throw new Error(`the injection failed: ${JSON.stringify(r.left)}`);
  scene.print(`    ${stream}@${String(r.right.nextExpectedRevision)} ${event.type}, hash-chained by the store`);
};

/** Runs the audit and the tamper check; the export goes to `dir` (a fresh temporary directory by default). */
export const main = async (print: Print = console.log, dir?: string): Promise<void> => {
  const scene = createScene(print);
  const anna = foreigner(ANNA, 'Anna Lee', '2031-05-31');
  const eve = foreigner(EVE, 'Eve Walker', '2031-05-31');
  const marco = foreigner(MARCO, 'Marco Bianchi', '2025-07-15');

  print('The log, as written by the decider:');
  await request(scene, anna, '2025-07-01T09:00:00+07:00');
  await verifyAndGrant(scene, ANNA, '2025-07-01');
  await request(scene, marco, '2025-07-01T10:00:00+07:00');
  await verifyAndGrant(scene, MARCO, '2025-07-02');
  await scene.act('The daily review finds his passport expired', {
    type: 'ReviewLockGrounds',
    commandId: `${MARCO}-review`,
    subjectId: MARCO,
    at: '2025-07-16T00:05:00+07:00',
    by: actors.system,
  });
  await request(scene, eve, '2025-07-03T09:00:00+07:00');
  print('');
  print('What another system appended, bypassing the decider:');
  await inject(
    scene,
    EVE,
    {
      type: 'AccountGranted',
      v: 1,
      at: '2025-07-04T11:00:00+07:00',
      by: actors.c06,
      legalBasis: art(11, 2, 'dd'),
      level: 2,
      dueBy: '2025-07-09T00:00:00+07:00',
      timeLimit: art(13, 3, 'b'),
      late: false,
    },
    "Eve's account granted, with no identity verification at all",
  );
  await inject(
    scene,
    MARCO,
    {
      type: 'AccountUnlocked',
      v: 1,
      at: '2025-07-18T08:00:00+07:00',
      by: SYSTEM_ACTOR,
      legalBasis: art(15, 3, 'a'),
      ground: 'travel-document-expired',
    },
    "Marco's account unlocked, though no renewed passport was ever recorded",
  );

  const report = await auditStore(scene.store, { asOf: AUDIT_AS_OF })();
  if (E.isLeft(report)) throw new Error('the audit could not read the store');
  print('');
  for (const line of toText(report.right).trimEnd().split('\n')) print(line);

  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'dinhdanh-audit-')));
  const file = join(folder, 'log.ndjson');
  const exported = await exportNdjson(scene.store, createWriteStream(file), { clock: () => AUDIT_AS_OF })();
  if (E.isLeft(exported)) throw new Error(describeLogError(exported.left));
  const digest = exported.right.digest;
  print('');
  print(`Exported ${exported.right.events} events to ${file}; the digest kept apart:`);
  print(`    ${printDigest(digest)}`);

  const before = await verifyLog(file, digest)();
  if (E.isLeft(before)) throw new Error('the export cannot be read');
  print(`verifyLog(file, digest) before any edit: ${before.right.ok ? 'ok' : 'FAILED'}`);

  // One byte: Anna's grant, level 2, becomes level 1.
  const lines = (await readFile(file, 'utf8')).split('\n');
  const target = lines.findIndex(
    (l) => l.includes(`"streamId":"${subjectStream(ANNA)}"`) && l.includes('"type":"AccountGranted"'),
  );
  const original = lines[target] ?? '';
  lines[target] = original.replace('"level":2', '"level":1');
  await writeFile(file, lines.join('\n'));
  print('');
  print(`Someone edits line ${target + 1} of the file: "level":2 -> "level":1 (one byte)`);

  const after = await verifyLog(file, digest)();
  if (E.isLeft(after)) throw new Error('the edited export cannot be read');
  const failure = after.right.failure;
  print(`verifyLog(file, digest) after the edit: ${after.right.ok ? 'ok' : 'FAILED'}`);
  if (failure !== undefined) {
    print(`    ${failure.kind}: ${describeLogError(failure)}`);
    print(`    line ${failure.line ?? '-'}, stream ${failure.streamId ?? '-'}, revision ${failure.revision ?? '-'}`);
  }
  const fileAudit = await audit(ndjsonFileLog(file), { asOf: AUDIT_AS_OF, digest });
  const integrity = fileAudit.findings.filter((f) => f.severity === 'integrity');
  print(`The audit of the edited file reports ${integrity.length} integrity finding(s):`);
  for (const f of integrity) print(`    ${f.check} at ${f.streamId}@${String(f.revision)} line ${String(f.line)}`);
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(console.log, process.argv[2]);
}
