import type { Subject } from '../account/subject.js';
import type { CivilDate } from '../calendar/civilDate.js';
import { type Period, days, workingDays } from '../calendar/periods.js';
import { type AccountLevel, isCardValid } from './eligibility.js';
import { type Citation, art } from './citation.js';

/** A time limit the decree sets, what starts it, and the clause that sets it. */
export interface TimeLimit {
  /** A stable identifier, e.g. `grant.foreigner.level2.biometricsOnFile`. */
  readonly id: string;
  /** Who must do what, in the decree's words. */
  readonly obligation: string;
  /** The event from which the period runs (its day is not counted). */
  readonly trigger: string;
  readonly period: Period;
  readonly citation: Citation;
}

const limit = (id: string, obligation: string, trigger: string, period: Period, citation: Citation): TimeLimit => ({
  id,
  obligation,
  trigger,
  period,
  citation,
});

const GRANT = 'The management agency grants the electronic identification account';
const DOSSIER = 'receipt of a complete and valid dossier';

/**
 * The time limits for granting an account after a complete and valid dossier is received (Art. 13). The limit of
 * each grant is chosen by the rules of the account decider; this table is what they choose from.
 */
export const GRANT_TIME_LIMITS = {
  citizenLevel1: limit(
    'grant.citizen.level1',
    `${GRANT} (level 1, citizen with a valid card)`,
    DOSSIER,
    workingDays(1),
    art(13, 1, 'a'),
  ),
  citizenLevel2: limit(
    'grant.citizen.level2',
    `${GRANT} (level 2, citizen with a valid card)`,
    DOSSIER,
    workingDays(3),
    art(13, 1, 'b'),
  ),
  citizenWithoutValidCard: limit(
    'grant.citizen.noValidCard',
    `${GRANT} (citizen whose card has expired or who has no identity card)`,
    DOSSIER,
    workingDays(7),
    art(13, 2),
  ),
  foreignerLevel1: limit(
    'grant.foreigner.level1',
    `${GRANT} (level 1, foreigner)`,
    DOSSIER,
    workingDays(1),
    art(13, 3, 'a'),
  ),
  foreignerLevel2BiometricsOnFile: limit(
    'grant.foreigner.level2.biometricsOnFile',
    `${GRANT} (level 2, foreigner whose face photo and fingerprints are in the National Immigration Database)`,
    DOSSIER,
    workingDays(3),
    art(13, 3, 'b'),
  ),
  foreignerLevel2BiometricsNotOnFile: limit(
    'grant.foreigner.level2.biometricsNotOnFile',
    `${GRANT} (level 2, foreigner whose face photo and fingerprints are not yet in the National Immigration Database)`,
    DOSSIER,
    workingDays(7),
    art(13, 3, 'c'),
  ),
  organisationInDatabases: limit(
    'grant.organisation.inDatabases',
    `${GRANT} (organisation whose information is in national or specialised databases)`,
    DOSSIER,
    workingDays(3),
    art(13, 4, 'a'),
  ),
  organisationNotInDatabases: limit(
    'grant.organisation.notInDatabases',
    `${GRANT} (organisation whose information is not yet in national or specialised databases)`,
    DOSSIER,
    days(15),
    art(13, 4, 'b'),
  ),
} as const satisfies Record<string, TimeLimit>;

/** The seven days to activate an account on the National Identification Application (Art. 14(1)). */
export const ACTIVATION_WINDOW: TimeLimit = limit(
  'activation.app',
  'The subject activates the account on the National Identification Application (afterwards only via the hotline)',
  'receipt of the notice of grant',
  days(7),
  art(14, 1),
);

const AGENCY = "a proceeding-conducting or other competent agency's request on Form TK03";
const PROPOSAL =
  "the proposal of the commune-level or provincial/district-level Public Security's identity management agency";

/** The limits on competent agencies' requests to lock or unlock an account or an electronic identity card. */
export const AGENCY_REQUEST_TIME_LIMITS = {
  forwardAccountLock: limit(
    'agency.account.lock.forward',
    'The receiving Public Security agency considers and forwards the request',
    `receipt of ${AGENCY}`,
    workingDays(1),
    art(15, 2, 'd'),
  ),
  decideAccountLock: limit(
    'agency.account.lock.decide',
    'The head of the identity management agency of the Ministry of Public Security decides (a refusal in writing with its reason)',
    `receipt of ${PROPOSAL}`,
    workingDays(2),
    art(15, 2, 'dd'),
  ),
  forwardAccountUnlock: limit(
    'agency.account.unlock.forward',
    'The receiving Public Security agency considers and forwards the request',
    `receipt of ${AGENCY}`,
    workingDays(1),
    art(15, 3, 'c'),
  ),
  decideAccountUnlock: limit(
    'agency.account.unlock.decide',
    'The head of the identity management agency of the Ministry of Public Security decides (a refusal in writing with its reason)',
    `receipt of ${PROPOSAL}`,
    workingDays(2),
    art(15, 3, 'd'),
  ),
  forwardCardLock: limit(
    'agency.card.lock.forward',
    'The receiving Public Security agency considers and forwards the request to lock the electronic identity card',
    `receipt of ${AGENCY}`,
    workingDays(1),
    art(29, 4),
  ),
  decideCardLock: limit(
    'agency.card.lock.decide',
    'The head of the identity management agency of the Ministry of Public Security decides on locking the card (a refusal in writing with its reason)',
    `receipt of ${PROPOSAL}`,
    workingDays(2),
    art(29, 5),
  ),
  forwardCardUnlock: limit(
    'agency.card.unlock.forward',
    'The receiving Public Security agency considers and forwards the request to unlock the electronic identity card',
    `receipt of ${AGENCY}`,
    workingDays(1),
    art(30, 4),
  ),
  decideCardUnlock: limit(
    'agency.card.unlock.decide',
    'The head of the identity management agency of the Ministry of Public Security decides on unlocking the card (a refusal in writing with its reason)',
    `receipt of ${PROPOSAL}`,
    workingDays(2),
    art(30, 5),
  ),
} as const satisfies Record<string, TimeLimit>;

/** Every time limit of the decree that this library computes. */
export const DECREE_TIME_LIMITS: readonly TimeLimit[] = [
  ...Object.values(GRANT_TIME_LIMITS),
  ACTIVATION_WINDOW,
  ...Object.values(AGENCY_REQUEST_TIME_LIMITS),
];

/**
 * The time limit for granting an account (Art. 13), chosen by the subject and the level requested on the day the
 * complete dossier is received: citizens by whether their card is valid (13(1)-(2)), foreigners by level and whether
 * their face photo and fingerprints are already on file (13(3)), organisations by whether the databases hold them
 * (13(4)).
 */
export const grantTimeLimit = (subject: Subject, level: AccountLevel, on: CivilDate): TimeLimit => {
  const g = GRANT_TIME_LIMITS;
  switch (subject.kind) {
    case 'citizen':
      if (!isCardValid(subject.identityCard, on)) return g.citizenWithoutValidCard;
      return level === 2 ? g.citizenLevel2 : g.citizenLevel1;
    case 'foreigner':
      if (level !== 2) return g.foreignerLevel1;
      return subject.biometricsOnFile ? g.foreignerLevel2BiometricsOnFile : g.foreignerLevel2BiometricsNotOnFile;
    case 'organisation':
      return subject.inNationalDatabases ? g.organisationInDatabases : g.organisationNotInDatabases;
  }
};
