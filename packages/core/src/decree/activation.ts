import * as E from 'fp-ts/lib/Either.js';
import type { Instant } from '../calendar/civilDate.js';
import { type PeriodEnd, periodEnd } from '../calendar/periods.js';
import type { WorkingCalendar } from '../calendar/workingCalendar.js';
import { type Citation, art } from './citation.js';
import { type Rejection, reject } from './rejection.js';
import { ACTIVATION_WINDOW } from './timeLimits.js';

/** How an account is activated: on the National Identification Application, or through the hotline (Art. 14(1)). */
export type ActivationChannel = 'app' | 'hotline';

/**
 * The end of the window for activating on the app: 7 days after the notice of grant, counted by the Civil Code
 * (Art. 14(1)). The notice is taken as received when the grant is recorded, since the agency notifies the result
 * through the app, SMS or e-mail as it grants (Arts. 10(1)(c), 11(2)(dd), 12(3)).
 */
export const activationWindowEnd = (noticeAt: Instant, calendar?: WorkingCalendar): E.Either<Rejection, PeriodEnd> =>
  E.mapLeft((e: { message: string }) => reject('InvalidInstant', art(14, 1), e.message))(
    periodEnd(noticeAt, ACTIVATION_WINDOW.period, calendar),
  );

/**
 * Activation on the app is allowed until the window closes; after it, only through the hotline (Art. 14(1)). The
 * hotline is open at any time after the grant.
 */
export const checkActivation = (
  channel: ActivationChannel,
  noticeAt: Instant,
  atMs: number,
  calendar?: WorkingCalendar,
): E.Either<Rejection, Citation> => {
  if (channel === 'hotline') return E.right(art(14, 1));
  const end = activationWindowEnd(noticeAt, calendar);
  if (E.isLeft(end)) return end;
  return atMs < end.right.endsAtMs
    ? E.right(art(14, 1))
    : E.left(
        reject(
          'ActivationWindowClosed',
          art(14, 1),
          `the 7 days to activate on the app ended at ${end.right.endsAt}; activate through the hotline`,
        ),
      );
};
