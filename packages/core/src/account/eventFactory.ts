import type { Instant } from '../calendar/civilDate.js';
import type { Citation } from '../decree/citation.js';
import type { Actor } from '../decree/competence.js';
import type { AccountEvent, AccountEventType, EventOf } from './events.js';

/** The system acting for the management agency in automatic cases (Art. 15; Art. 16). */
export const SYSTEM_ACTOR: Actor = { role: 'system', id: 'electronic-identification-and-authentication-system' };

type Payload<T extends AccountEventType> = Omit<EventOf<T>, 'type' | 'v' | 'at' | 'by' | 'legalBasis'>;

/** Builds an event of the current schema version. */
export const makeEvent = <T extends AccountEventType>(
  type: T,
  at: Instant,
  by: Actor,
  legalBasis: Citation,
  payload: Payload<T>,
): AccountEvent => ({ type, v: 1, at, by, legalBasis, ...payload }) as unknown as AccountEvent;
