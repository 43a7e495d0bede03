import { type Citation, type Subject, type Verification, art } from '@dinhdanh/core';
import { report } from '../model.js';
import type { CheckFamily } from './family.js';

// Arts. 10(1)(c), 10(2)(c), 11(2)(c), 12(2): the identity is checked before the account is granted; level 2 needs the
// face photo and fingerprints matched against the Identity Database (citizens) or the National Immigration Database.

const DB = { citizen: 'identity-database', foreigner: 'national-immigration-database' } as const;

const biometricClause = (kind: 'citizen' | 'foreigner'): Citation =>
  kind === 'citizen' ? art(10, 2, 'c') : art(11, 2, 'c');
const identityClause = (kind: Subject['kind']): Citation =>
  kind === 'citizen' ? art(10, 1, 'c') : kind === 'foreigner' ? art(11, 1, 'b') : art(12, 2);

const describe = (v: Verification | null): string =>
  v === null
    ? 'no identity verification stands for the request'
    : `the verification was against the ${v.against.replace(/-/g, ' ')}, face ${v.faceMatched ? 'matched' : 'not matched'}, fingerprints ${v.fingerprintsMatched ? 'matched' : 'not matched'}`;

/** Level-2 grants need biometrics matched against the right database; other grants an identity check. */
export const verificationChecks: CheckFamily = {
  name: 'verification',
  onEvent: (e, s, ctx, env) => {
    if (e.type !== 'AccountGranted') return;
    const subject = s.identity ?? s.pending?.subject;
    if (subject === undefined) return; // no identity: eligibility.grant reports it
    const v = s.pending?.verification ?? null;
    const noRequest = s.pending === null ? 'no request is pending; ' : '';
    if (subject.kind !== 'organisation' && e.level === 2) {
      const db = DB[subject.kind];
      if (v === null || v.against !== db || !v.faceMatched || !v.fingerprintsMatched)
        report(
          env,
          ctx,
          'verification.biometrics',
          'violation',
          biometricClause(subject.kind),
          `Before a level-2 grant, the face photo and fingerprints are matched against the ${db.replace(/-/g, ' ')}`,
          `a level-2 account was granted; ${noRequest}${describe(v)}`,
        );
      return;
    }
    const ok =
      v !== null &&
      (subject.kind === 'organisation'
        ? v.against === 'national-databases' || v.against === 'manual-verification'
        : v.faceMatched);
    if (!ok)
      report(
        env,
        ctx,
        'verification.identity',
        'violation',
        identityClause(subject.kind),
        subject.kind === 'organisation'
          ? "The organisation's information is checked in the national databases, or verified by the agency (Art. 12(2))"
          : "The management agency checks and authenticates the person's information and face image before granting",
        `the account was granted; ${noRequest}${describe(v)}`,
      );
  },
};
