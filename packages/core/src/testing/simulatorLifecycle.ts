// A lawful life of one subject: the account requested (by a guardian for a child, by the legal representative for an
// organisation), verified, granted within the Art. 13 limit and activated (mostly in the 7 days on the app, some later
// through the hotline, Art. 14(1)); then an agenda of what happens over the period: logins, documents renewed before
// they expire or lapsing (the system reviews the grounds the next morning and locks, Art. 15; the renewal unlocks),
// updates from the national databases (Art. 8), deaths, organisations dissolved, locks at the subject's own request,
// competent agencies' Form TK03 requests received, forwarded and decided within their working days, upgrades to
// level 2. Every command is one the decree allows at its instant: a refusal is a bug of the simulator.
import type { EventOf } from '../account/events.js';
import { isLocked } from '../account/state.js';
import type { Subject } from '../account/subject.js';
import type { RecordLogin } from '../account/login.js';
import {
  type CivilDate,
  addDays,
  formatVietnamInstant,
  startOfVietnamDayMs,
  vietnamDateOfMs,
} from '../calendar/civilDate.js';
import { activationWindowEnd } from '../decree/activation.js';
import type { Actor } from '../decree/competence.js';
import { checkEligibleForLevel } from '../decree/eligibility.js';
import { type AccountRequest, type Verification, actsThroughGuardian } from '../decree/procedures.js';
import { ageOn, cardValidUntil, days, shiftYears } from './population.js';
import type { LifeState } from './simulatorSteps.js';
import { type Life, type Outcome, type Step, issue, logIn } from './simulatorSteps.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** The management agency, the system acting for it, a receiving officer, a ward's police. */
export const AGENCY: Actor = { role: 'management-agency', id: 'C06' };
export const SYSTEM: Actor = { role: 'system', id: 'electronic-identification-and-authentication-system' };
export const OFFICER: Actor = { role: 'receiving-officer', id: 'officer-ward-police' };
export const POLICE: Actor = { role: 'public-security', id: 'ward-police' };

const SOURCES = {
  citizen: 'Identity Database',
  foreigner: 'National Immigration Database',
  organisation: 'National Enterprise Registration Database',
} as const;

/** The national database that reports a subject's changes (Art. 8). */
export const sourceOf = (s: Subject): string => SOURCES[s.kind];

const guardianId = (L: LifeState): string => `guardian-${L.subjectId}`;

/** Who acts for the subject: the subject, their guardian or representative, the organisation's legal representative. */
export const selfActor = (L: LifeState): Actor => {
  const s = L.truth;
  if (s.kind === 'organisation') return { role: 'legal-representative', id: `rep-${L.subjectId}` };
  if (!actsThroughGuardian(s, L.day)) return { role: 'subject', id: L.subjectId };
  return { role: s.legalCapacity === 'represented' ? 'representative' : 'guardian', id: guardianId(L) };
};

/** An instant in office hours on the day of `ms` or, when those are past, the next day. */
const officeHours = (L: LifeState, ms: number): number => {
  const t = startOfVietnamDayMs(vietnamDateOfMs(ms)) + 8 * HOUR + L.r.int(0, 9 * 60) * MINUTE;
  return t >= ms ? t : t + days(1);
};

/** The morning after a document's last day: when the system's daily review finds it expired. */
const morningAfter = (L: LifeState, lastDay: CivilDate): number =>
  startOfVietnamDayMs(lastDay) + days(1) + L.r.int(1, 240) * MINUTE;

/** The level an individual applies for, and how. */
export type Route = 'level1-app' | 'level2-in-person' | 'organisation-app' | 'organisation-dossier';

/** Lodges the request now (Arts. 10-12); returns the instant the account is due by (Art. 13), or `null` if refused. */
export function* lodge(L: LifeState, route: Route): Generator<Step, number | null, Outcome> {
  const s = L.truth;
  const guardian = s.kind !== 'organisation' && actsThroughGuardian(s, L.day);
  const applicant: AccountRequest['applicant'] =
    s.kind === 'organisation'
      ? {
          role: 'legal-representative',
          personId: `rep-${L.subjectId}`,
          hasLevel2Account: true,
          otherRepresentativesConsented: true,
        }
      : guardian
        ? {
            role: s.legalCapacity === 'represented' ? 'representative' : 'guardian',
            personId: guardianId(L),
            usesOwnPhone: true,
            hasLevel2Account: true,
            present: true,
          }
        : { role: 'self' };
  const level = route === 'level1-app' ? 1 : route === 'level2-in-person' ? 2 : null;
  const inPerson = route === 'level2-in-person';
  const request: AccountRequest = {
    subject: s,
    level,
    channel: inPerson ? 'in-person' : route === 'organisation-dossier' ? 'dossier' : 'app',
    applicant,
    faceImage: route === 'level1-app' ? { kind: 'face-photo', ref: `sha256:face-${L.subjectId}` } : null,
    form: inPerson ? 'TK01' : route === 'organisation-dossier' ? 'TK02' : null,
    consentConfirmedByOfficer: s.kind === 'foreigner' && inPerson,
    withCardApplication: false,
  };
  const by: Actor = inPerson || route === 'organisation-dossier' ? OFFICER : selfActor(L);
  const requested = yield issue(L, 'RequestAccount', by, { request });
  return requested.refused ? null : Date.parse((requested.events[0] as EventOf<'AccountRequested'>).dueBy);
}

/** The verification a route calls for: the right database, face and, in person, fingerprints matched. */
export const verificationFor = (L: LifeState, route: Route): Verification => {
  const s = L.truth;
  return {
    against:
      s.kind === 'citizen'
        ? 'identity-database'
        : s.kind === 'foreigner'
          ? 'national-immigration-database'
          : s.inNationalDatabases
            ? 'national-databases'
            : 'manual-verification',
    faceMatched: s.kind !== 'organisation',
    fingerprintsMatched: route === 'level2-in-person',
  };
};

/** Who verifies on a route: the receiving officer in person, the agency for organisations, else the system. */
export const verifierFor = (route: Route): Actor =>
  route === 'level2-in-person' ? OFFICER : route === 'level1-app' ? SYSTEM : AGENCY;

/** Moves the clock to the verification, minutes (hours for organisations) after the request. */
export const toVerification = (L: LifeState, route: Route): boolean =>
  L.at(
    L.now +
      (route === 'level2-in-person' ? L.r.int(2, 40) : route === 'level1-app' ? L.r.int(1, 10) : L.r.int(30, 360)) *
        MINUTE,
  );

/** Moves the clock to the decision: most come quickly, all before the Art. 13 limit. */
export const toDecision = (L: LifeState, dueMs: number): boolean => {
  const u = L.r.float();
  return L.at(L.now + Math.max(MINUTE, (dueMs - HOUR - L.now) * u * u * u));
};

/** Lodges the request, verifies the identity, grants within the limit. `false` if refused or the period ended. */
export function* requestFlow(L: LifeState, route: Route): Generator<Step, boolean, Outcome> {
  const dueMs = yield* lodge(L, route);
  if (dueMs === null || !toVerification(L, route)) return false;
  yield issue(L, 'VerifyIdentity', verifierFor(route), {
    outcome: { result: 'verified', verification: verificationFor(L, route) },
  });
  if (!toDecision(L, dueMs)) return false;
  const granted = yield issue(L, 'GrantAccount', route === 'level1-app' ? SYSTEM : AGENCY, {});
  return !granted.refused;
}

/**
 * Activates the granted account: on the app within the 7 days (most), through the hotline after them (some), or
 * never. `true` if activated.
 */
export function* activationFlow(L: LifeState, share = { app: 0.82, hotline: 0.08 }): Generator<Step, boolean, Outcome> {
  const account = L.state.account;
  if (account === null) return false;
  const window = activationWindowEnd(account.grantedAt);
  if (window._tag === 'Left') return false;
  const endMs = window.right.endsAtMs;
  const u = L.r.float();
  if (u < share.app) {
    const v = L.r.float();
    if (!L.at(L.now + MINUTE + (endMs - 2 * MINUTE - L.now) * v * v)) return false;
    return !(yield issue(L, 'ActivateAccount', selfActor(L), { channel: 'app' })).refused;
  }
  if (u < share.app + share.hotline) {
    if (!L.at(endMs + L.r.int(60, 10 * 24 * 60) * MINUTE)) return false;
    return !(yield issue(L, 'ActivateAccount', AGENCY, { channel: 'hotline' })).refused;
  }
  return false;
}

/** The guardian or representative consents to the use of the account (Art. 14(2)), when that is needed. */
export function* consentFlow(L: LifeState): Generator<Step, void, Outcome> {
  const s = L.truth;
  const guardian = L.state.account?.guardian ?? null;
  if (guardian === null || s.kind === 'organisation') return;
  if (!L.at(L.now + L.r.int(1, 3 * 24 * 60) * MINUTE) || !actsThroughGuardian(s, L.day)) return;
  yield issue(L, 'GiveGuardianConsent', { role: selfActor(L).role, id: guardian }, {});
}

const MEANS: Record<RecordLogin['requiredLevel'], RecordLogin['means']> = {
  1: ['password'],
  2: ['password', 'otpSoftware'],
  3: ['password', 'facePhoto'],
  4: ['password', 'terminalDevice', 'facePhoto'],
};

/** Whether the subject may log in now: activated, not locked, and the guardian's consent standing where needed. */
export const mayLogIn = (L: LifeState): boolean => {
  const a = L.state.account;
  if (L.ended || a === null || a.activatedAt === null || isLocked(L.state)) return false;
  return L.state.guardianConsent !== null || !throughGuardian(L);
};

/** Whether the subject acts through a guardian now; cheap for the many who never do. */
const throughGuardian = (L: LifeState): boolean => {
  const s = L.truth;
  if (s.kind === 'organisation') return false;
  if (s.legalCapacity !== 'full') return true;
  return L.now < startOfVietnamDayMs(shiftYears(s.dateOfBirth, 14)) && actsThroughGuardian(s, L.day);
};

/** A login at the level a service asks for (Art. 21(1)), with means that reach it (Art. 20(1)). */
export const loginNow = (L: LifeState): Step => {
  const u = L.r.float();
  const level: RecordLogin['requiredLevel'] =
    L.state.account?.level === 1 ? (u < 0.7 ? 1 : 2) : u < 0.35 ? 1 : u < 0.75 ? 2 : u < 0.95 ? 3 : 4;
  return logIn(L, selfActor(L), MEANS[level], level);
};

type Doc = 'passport' | 'residence' | 'card';

const expiryOf = (s: Subject, doc: Doc): CivilDate | null => {
  if (s.kind === 'citizen') return doc === 'card' ? (s.identityCard?.validUntil ?? null) : null;
  if (s.kind === 'foreigner') {
    if (doc === 'passport') return s.travelDocument.expiresOn;
    if (doc === 'residence') return s.residenceCard?.expiresOn ?? null;
  }
  return null;
};

/** The subject with `doc` renewed on `on`. */
export const renewed = (s: Subject, doc: Doc, on: CivilDate, k: number): Subject => {
  if (s.kind === 'citizen' && doc === 'card')
    return {
      ...s,
      identityCard: {
        type: 'identity-card',
        number: s.personalIdentificationNumber,
        validUntil: cardValidUntil(s.dateOfBirth, on),
        status: 'valid',
      },
    };
  if (s.kind !== 'foreigner') return s;
  if (doc === 'passport')
    return {
      ...s,
      travelDocument: {
        ...s.travelDocument,
        number: `${s.travelDocument.number.slice(0, 8)}R${k}`,
        issuedOn: on,
        expiresOn: addDays(shiftYears(on, ageOn(s.dateOfBirth, on) < 14 ? 5 : 10), -1),
      },
    };
  const card = s.residenceCard;
  const permanent = card?.type === 'permanent';
  return {
    ...s,
    residenceCard: {
      type: permanent ? 'permanent' : 'temporary',
      number: `${permanent ? 'TT' : 'TR'}-${s.identificationNumber.slice(-8)}R${k}`,
      expiresOn: addDays(on, permanent ? 3650 : 365 + (k % 366)),
    },
  };
};

type Item =
  | { readonly t: 'login' }
  | { readonly t: 'review'; readonly doc: Doc; readonly lastDay: CivilDate }
  | { readonly t: 'renew'; readonly doc: Doc }
  | { readonly t: 'update' }
  | { readonly t: 'death' }
  | { readonly t: 'dissolve' }
  | { readonly t: 'own-lock' }
  | { readonly t: 'own-unlock' }
  | { readonly t: 'withdraw-consent' }
  | { readonly t: 'agency-receive'; readonly action: 'lock' | 'unlock'; readonly k: number }
  | { readonly t: 'agency-forward'; readonly requestId: string }
  | { readonly t: 'agency-decide'; readonly requestId: string; readonly action: 'lock' | 'unlock' }
  | { readonly t: 'upgrade-request' }
  | { readonly t: 'upgrade-verify' }
  | { readonly t: 'upgrade-grant'; readonly dueMs: number };

/** What happens to a subject, in time order. */
class Agenda {
  private readonly items: { atMs: number; seq: number; item: Item }[] = [];
  private seq = 0;
  add(atMs: number, item: Item): void {
    const e = { atMs, seq: this.seq++, item };
    let i = this.items.length;
    while (i > 0 && (this.items[i - 1] as { atMs: number }).atMs > atMs) i--;
    this.items.splice(i, 0, e);
  }
  shift(): { atMs: number; item: Item } | undefined {
    return this.items.shift();
  }
}

/** How long the subject's documents stay valid from now: the days until the first expires. */
const validDays = (s: Subject, on: CivilDate): number => {
  const ends = (['passport', 'residence', 'card'] as const)
    .map((d) => expiryOf(s, d))
    .filter((d): d is CivilDate => d !== null);
  if (ends.length === 0) return Infinity;
  const first = ends.sort()[0] as CivilDate;
  return (startOfVietnamDayMs(first) - startOfVietnamDayMs(on)) / days(1);
};

/** The chance of dying in a year, by age. */
const yearlyDeath = (age: number): number =>
  age >= 80 ? 0.09 : age >= 70 ? 0.035 : age >= 60 ? 0.015 : age >= 40 ? 0.004 : 0.0008;

/** Options of {@link lawfulLife}. */
export interface LawfulLifeOptions {
  /** The subject's account was granted under Decree 59/2022/ND-CP and is carried over (Art. 40(5)). */
  readonly carriedOver?: boolean;
}

/** The route of an individual's first request: by age and chance. */
const routeOf = (L: LifeState): Route => {
  const s = L.truth;
  if (s.kind === 'organisation') return L.r.chance(0.7) ? 'organisation-app' : 'organisation-dossier';
  const age = ageOn(s.dateOfBirth, L.day);
  if (age < 6) return 'level1-app';
  if (age < 14) return L.r.chance(0.8) ? 'level2-in-person' : 'level1-app';
  return L.r.chance(s.kind === 'citizen' ? 0.75 : 0.7) ? 'level2-in-person' : 'level1-app';
};

/** One subject's lawful life over the period (see the file's header). */
export function* lawfulLife(L: LifeState, options: LawfulLifeOptions = {}): Life {
  const r = L.r;
  const s0 = L.truth;
  if (options.carriedOver === true) {
    const grantedMs = Date.parse('2024-06-30T09:00:00+07:00') - r.int(0, 700) * days(1) + r.int(0, 8 * 60) * MINUTE;
    const out = yield issue(L, 'CarryOverAccount', SYSTEM, {
      subject: s0,
      level: s0.kind === 'organisation' ? null : 2,
      grantedAt: formatVietnamInstant(grantedMs),
    });
    if (out.refused) return;
  } else {
    if (!(yield* requestFlow(L, routeOf(L)))) return;
    // An account never activated still follows its grounds: the agenda runs, without logins.
    if ((yield* activationFlow(L)) && r.chance(0.9)) yield* consentFlow(L);
  }
  // Returned rather than delegated to: the scheduler continues with it, without a `yield*` layer on every step.
  return agendaLife(L);
}

/** The agenda of a subject with an account: logins, documents, updates, deaths, locks, agencies' requests. */
export function* agendaLife(L: LifeState): Life {
  const r = L.r;
  const { toMs } = L.ctx;
  const agenda = new Agenda();
  const span = toMs - L.now;
  if (span <= 0) return;
  const years = span / days(365);
  const within = (): number => L.now + Math.floor(r.float() * span);

  const scheduleDoc = (doc: Doc): void => {
    const last = expiryOf(L.truth, doc);
    if (last === null) return;
    const reviewAt = morningAfter(L, last);
    if (reviewAt > L.now) agenda.add(reviewAt, { t: 'review', doc, lastDay: last });
    // Two in three renew ahead of the expiry; the others let it lapse and renew weeks later.
    const early = startOfVietnamDayMs(last) - r.int(3, 60) * days(1);
    const renewAt = r.chance(0.65) && early > L.now ? officeHours(L, early) : reviewAt + r.int(2, 60) * days(1);
    if (renewAt <= toMs) agenda.add(renewAt, { t: 'renew', doc });
  };
  for (const doc of ['passport', 'residence', 'card'] as const) scheduleDoc(doc);

  const loginCount = r.int(0, Math.round(2 * L.ctx.loginsPerAccount));
  for (let i = 0; i < loginCount; i++) agenda.add(within(), { t: 'login' });
  const s = L.truth;
  if (s.kind === 'organisation') {
    if (r.chance(1 - Math.pow(1 - 0.06, years))) agenda.add(within(), { t: 'dissolve' });
  } else if (r.chance(1 - Math.pow(1 - yearlyDeath(ageOn(s.dateOfBirth, L.day)), years))) {
    agenda.add(within(), { t: 'death' });
  }
  if (r.chance(0.25)) agenda.add(within(), { t: 'update' });
  if (r.chance(0.012)) agenda.add(within(), { t: 'own-lock' });
  if (r.chance(0.015)) agenda.add(within(), { t: 'agency-receive', action: 'lock', k: 1 });
  if (L.state.account?.level === 1 && r.chance(0.12)) agenda.add(officeHours(L, within()), { t: 'upgrade-request' });
  if (L.state.guardianConsent !== null && r.chance(0.05)) agenda.add(within(), { t: 'withdraw-consent' });

  for (let next = agenda.shift(); next !== undefined; next = agenda.shift()) {
    if (!L.at(next.atMs)) return;
    const item = next.item;
    switch (item.t) {
      case 'login':
        if (mayLogIn(L)) yield loginNow(L);
        break;
      case 'review':
        // The daily review finds the document expired unless it was renewed meanwhile (Art. 15).
        if (L.state.account !== null && expiryOf(L.truth, item.doc) === item.lastDay)
          yield issue(L, 'ReviewLockGrounds', SYSTEM, {});
        break;
      case 'renew':
        if (L.ended) break;
        L.truth = renewed(L.truth, item.doc, L.day, r.int(1, 9999));
        yield issue(L, 'UpdateIdentity', SYSTEM, { subject: L.truth, source: sourceOf(L.truth) });
        scheduleDoc(item.doc);
        break;
      case 'update': {
        if (L.ended) break;
        const t = L.truth;
        L.truth =
          t.kind === 'citizen'
            ? t.identityCard === null
              ? t
              : { ...t, identityCard: { ...t.identityCard, type: 'identity-card' } }
            : t.kind === 'foreigner'
              ? { ...t, biometricsOnFile: true }
              : { ...t, headOffice: t.headOffice === 'Hà Nội' ? 'Đà Nẵng' : 'Hà Nội' };
        yield issue(L, 'UpdateIdentity', SYSTEM, { subject: L.truth, source: sourceOf(L.truth) });
        break;
      }
      case 'death':
      case 'dissolve': {
        if (L.ended) break;
        const t = L.truth;
        L.truth = t.kind === 'organisation' ? { ...t, status: 'dissolved' } : { ...t, diedOn: L.day };
        L.ended = true;
        yield issue(L, 'UpdateIdentity', SYSTEM, { subject: L.truth, source: sourceOf(L.truth) });
        // A request still open is refused: nobody is granted an account after death (Art. 7).
        if (L.state.pending !== null && L.at(L.now + L.r.int(5, 120) * MINUTE))
          yield issue(L, 'RefuseAccount', AGENCY, { reason: 'the subject died before the account was granted' });
        break;
      }
      case 'own-lock': {
        if (L.ended || L.state.account === null) break;
        const held = L.truth.kind === 'citizen' ? L.state.card?.lockGrounds : L.state.lockGrounds;
        if (held === undefined || held.includes('own-request')) break;
        yield issue(L, 'RequestLock', selfActor(L), {});
        if (r.chance(0.6)) agenda.add(L.now + r.int(1, 120) * days(1), { t: 'own-unlock' });
        break;
      }
      case 'own-unlock': {
        const held = L.truth.kind === 'citizen' ? L.state.card?.lockGrounds : L.state.lockGrounds;
        if (L.ended || held === undefined || !held.includes('own-request')) break;
        yield issue(L, 'RequestUnlock', selfActor(L), {});
        break;
      }
      case 'withdraw-consent': {
        const guardian = L.state.guardianConsent;
        if (L.ended || guardian === null || L.truth.kind === 'organisation') break;
        if (!actsThroughGuardian(L.truth, L.day)) break;
        yield issue(L, 'WithdrawGuardianConsent', { role: selfActor(L).role, id: guardian }, {});
        break;
      }
      case 'agency-receive': {
        if (L.ended || L.state.account === null) break;
        const citizen = L.truth.kind === 'citizen';
        if (citizen && L.state.card === null) break;
        const requestId = `TK03-${L.subjectId}-${item.k}`;
        const out = yield issue(L, 'ReceiveAgencyRequest', POLICE, {
          requestId,
          action: item.action,
          target: citizen ? 'electronic-identity-card' : 'account',
          agency: r.pick(['Tòa án nhân dân', 'Viện kiểm sát nhân dân', 'Cơ quan Cảnh sát điều tra']),
        });
        if (out.refused) break;
        const due = Date.parse((out.events[0] as EventOf<'AgencyRequestReceived'>).forwardBy);
        agenda.add(L.now + MINUTE + Math.floor((due - 2 * MINUTE - L.now) * r.float()), {
          t: 'agency-forward',
          requestId,
        });
        break;
      }
      case 'agency-forward': {
        const out = yield issue(L, 'ForwardAgencyRequest', POLICE, { requestId: item.requestId });
        if (out.refused) break;
        const due = Date.parse((out.events[0] as EventOf<'AgencyRequestForwarded'>).decideBy);
        const action = L.state.agencyRequests[item.requestId]?.action ?? 'lock';
        agenda.add(L.now + MINUTE + Math.floor((due - 2 * MINUTE - L.now) * r.float()), {
          t: 'agency-decide',
          requestId: item.requestId,
          action,
        });
        break;
      }
      case 'agency-decide': {
        const approve = item.action === 'unlock' || r.chance(0.75);
        const out = yield issue(L, 'DecideAgencyRequest', AGENCY, {
          requestId: item.requestId,
          decision: approve
            ? { approve: true }
            : { approve: false, reason: 'the request does not state the grounds the proceedings require' },
        });
        if (!out.refused && approve && item.action === 'lock' && r.chance(0.5))
          agenda.add(L.now + r.int(10, 150) * days(1), { t: 'agency-receive', action: 'unlock', k: 2 });
        break;
      }
      case 'upgrade-request': {
        const t = L.truth;
        if (L.ended || t.kind === 'organisation' || L.state.pending !== null || isLocked(L.state)) break;
        if (actsThroughGuardian(t, L.day) || validDays(t, L.day) < 60) break;
        if (checkEligibleForLevel(t, 2, L.day)._tag === 'Left') break;
        const out = yield issue(L, 'RequestAccount', OFFICER, {
          request: {
            subject: t,
            level: 2,
            channel: 'in-person',
            applicant: { role: 'self' },
            faceImage: null,
            form: 'TK01',
            consentConfirmedByOfficer: t.kind === 'foreigner',
            withCardApplication: false,
          },
        });
        if (out.refused) break;
        const dueMs = Date.parse((out.events[0] as EventOf<'AccountRequested'>).dueBy);
        agenda.add(L.now + r.int(2, 40) * MINUTE, { t: 'upgrade-verify' });
        agenda.add(L.now + 45 * MINUTE + Math.floor((dueMs - HOUR - L.now) * Math.pow(r.float(), 3)), {
          t: 'upgrade-grant',
          dueMs,
        });
        break;
      }
      case 'upgrade-verify':
        if (L.state.pending === null) break;
        yield issue(L, 'VerifyIdentity', OFFICER, {
          outcome: {
            result: 'verified',
            verification: {
              against: L.truth.kind === 'foreigner' ? 'national-immigration-database' : 'identity-database',
              faceMatched: true,
              fingerprintsMatched: true,
            },
          },
        });
        break;
      case 'upgrade-grant':
        if (L.state.pending === null || L.ended) break;
        yield issue(L, 'GrantAccount', AGENCY, {});
        break;
    }
  }
}
