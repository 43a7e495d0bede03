// The guardian's or representative's consent to the use of an account (Art. 14(2)).
import * as E from 'fp-ts/lib/Either.js';
import { art } from '../decree/citation.js';
import { actsThroughGuardian } from '../decree/procedures.js';
import { reject } from '../decree/rejection.js';
import { makeEvent } from './eventFactory.js';
import { type AccountState } from './state.js';

import { type Ctx, type Result } from './decision.js';

export const guardianConsent = (give: boolean, s: AccountState, ctx: Ctx): Result => {
  const subject = s.subject;
  if (s.account === null || subject === null)
    return E.left(reject('NoAccount', art(14, 2), 'there is no granted account'));
  if (ctx.by.role !== 'guardian' && ctx.by.role !== 'representative') {
    return E.left(reject('NotTheGuardian', art(14, 2), 'consent is given by the guardian or representative'));
  }
  if (!actsThroughGuardian(subject, ctx.on)) {
    return E.left(
      reject(
        'ConsentNotNeeded',
        art(14, 2),
        'the subject is 14 or over with full capacity and uses the account themselves',
      ),
    );
  }
  const guardian = s.account.guardian;
  if (give && guardian !== null && guardian !== ctx.by.id) {
    return E.left(
      reject(
        'NotTheGuardian',
        art(14, 2),
        `consent comes from the subject's own guardian or representative (${guardian})`,
      ),
    );
  }
  if (give) {
    if (s.guardianConsent === ctx.by.id)
      return E.left(reject('AlreadyConsented', art(14, 2), 'consent was already given'));
    return E.right([makeEvent('GuardianConsentGiven', ctx.at, ctx.by, art(14, 2), { guardianId: ctx.by.id })]);
  }
  if (s.guardianConsent !== ctx.by.id)
    return E.left(reject('NoConsent', art(14, 2), 'this guardian has given no consent to withdraw'));
  return E.right([makeEvent('GuardianConsentWithdrawn', ctx.at, ctx.by, art(14, 2), { guardianId: ctx.by.id })]);
};
