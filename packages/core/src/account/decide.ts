import * as E from 'fp-ts/lib/Either.js';
import { parseInstant, vietnamDateOfMs } from '../calendar/civilDate.js';
import { type WorkingCalendar, vietnamWorkingCalendar } from '../calendar/workingCalendar.js';
import { art } from '../decree/citation.js';
import { checkInForce } from '../decree/effect.js';
import { type Rejection, reject } from '../decree/rejection.js';
import type { AccountCommand } from './commands.js';
import { guardianConsent } from './decideConsent.js';
import {
  activateAccount,
  carryOverAccount,
  grantAccount,
  refuseAccount,
  requestAccount,
  verifyIdentity,
} from './decideGrant.js';
import {
  decideAgencyRequest,
  forwardAgencyRequest,
  ownRequest,
  receiveAgencyRequest,
  reviewLockGrounds,
  updateIdentity,
  violation,
} from './decideLocking.js';
import type { Ctx, Result } from './decision.js';
import type { AccountEvent } from './events.js';
import { evolve } from './evolve.js';
import { type AccountState, initialState } from './state.js';

/** What a decision needs besides the command and the state: the legal calendar. */
export interface DeciderOptions {
  readonly calendar?: WorkingCalendar;
}

/** The account decider (DESIGN idea 1): pure `decide`, total `evolve`, and the `initialState`. */
export interface AccountDecider {
  readonly decide: (command: AccountCommand, state: AccountState) => E.Either<Rejection, readonly AccountEvent[]>;
  readonly evolve: (state: AccountState, event: AccountEvent) => AccountState;
  readonly initialState: AccountState;
}

const decideIn = (c: AccountCommand, s: AccountState, ctx: Ctx): Result => {
  switch (c.type) {
    case 'RequestAccount':
      return requestAccount(c, s, ctx);
    case 'VerifyIdentity':
      return verifyIdentity(c, s, ctx);
    case 'GrantAccount':
      return grantAccount(s, ctx);
    case 'RefuseAccount':
      return refuseAccount(c, s, ctx);
    case 'ActivateAccount':
      return activateAccount(c, s, ctx);
    case 'UpdateIdentity':
      return updateIdentity(c, s, ctx);
    case 'ReviewLockGrounds':
      return reviewLockGrounds(s, ctx);
    case 'RequestLock':
      return ownRequest(true, s, ctx);
    case 'RequestUnlock':
      return ownRequest(false, s, ctx);
    case 'RecordAgreementViolation':
      return violation(true, s, ctx);
    case 'RecordViolationRemedied':
      return violation(false, s, ctx);
    case 'ReceiveAgencyRequest':
      return receiveAgencyRequest(c, s, ctx);
    case 'ForwardAgencyRequest':
      return forwardAgencyRequest(c, s, ctx);
    case 'DecideAgencyRequest':
      return decideAgencyRequest(c, s, ctx);
    case 'GiveGuardianConsent':
      return guardianConsent(true, s, ctx);
    case 'WithdrawGuardianConsent':
      return guardianConsent(false, s, ctx);
    case 'CarryOverAccount':
      return carryOverAccount(c, s, ctx);
  }
};

/**
 * Makes the account decider. `decide` refuses what the decree forbids, with the clause; it accepts what is merely
 * late and records the lateness (DESIGN idea 7). It is pure: time comes from the command's `at`.
 */
export const makeAccountDecider = (options: DeciderOptions = {}): AccountDecider => {
  const calendar = options.calendar ?? vietnamWorkingCalendar;
  const decide = (c: AccountCommand, s: AccountState): Result => {
    const atMs = parseInstant(c.at);
    if (E.isLeft(atMs)) return E.left(reject('InvalidInstant', art(40, 1), atMs.left.message));
    const inForce = checkInForce(atMs.right);
    if (E.isLeft(inForce)) return inForce;
    const on = vietnamDateOfMs(atMs.right);
    if (!calendar.covers(on))
      return E.left(reject('OutOfCalendar', art(13), `${c.at} is outside the legal calendar's years`));
    if (s.lastAt !== null && atMs.right < Date.parse(s.lastAt)) {
      return E.left(
        reject(
          'OutOfOrder',
          art(17, 1),
          `${c.at} is before the last recorded event (${s.lastAt}); history is appended in time order`,
        ),
      );
    }
    return decideIn(c, s, { at: c.at, atMs: atMs.right, on, by: c.by, calendar });
  };
  return { decide, evolve, initialState };
};

/** The account decider on the shipped legal calendar. */
export const accountDecider: AccountDecider = makeAccountDecider();
