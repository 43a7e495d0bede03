import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type CivilDate, vietnamDateOfMs } from '../calendar/civilDate.js';
import { days, periodEnd } from '../calendar/periods.js';
import { citationExists } from '../decree/catalogue.js';
import { type Citation, formatCitation } from '../decree/citation.js';
import type { Rejection } from '../decree/rejection.js';
import { type Lifecycle, lifecycleArb } from '../testing/arbitraries.js';
import { actors, aForeigner, cmd, level1OnApp } from '../testing/fixtures.js';
import type { AccountCommand } from './commands.js';
import { accountDecider } from './decide.js';
import { type AccountEvent, AccountEventCodec } from './events.js';
import { fold } from './evolve.js';
import { type AccountState, initialState } from './state.js';
import type { Subject } from './subject.js';

// Properties of the account decider over arbitrary lifecycles of one subject (`lifecycleArb`). Each sequence is run
// through `decide` and `fold`: accepted commands append their events, rejected ones change nothing. The assertions
// are a second reading of the decree written here, not calls into `decree/`, so that the two readings check each other.

const RUNS = 400;

interface Step {
  readonly index: number;
  readonly command: AccountCommand;
  readonly before: AccountState;
  readonly result: E.Either<Rejection, readonly AccountEvent[]>;
  readonly events: readonly AccountEvent[];
  readonly after: AccountState;
}

const run = (commands: readonly AccountCommand[]): Step[] => {
  const steps: Step[] = [];
  let state = initialState;
  commands.forEach((command, index) => {
    const result = accountDecider.decide(command, state);
    const events = E.isRight(result) ? result.right : [];
    const after = fold(state, events);
    steps.push({ index, command, before: state, result, events, after });
    state = after;
  });
  return steps;
};

const accepted = (steps: readonly Step[]): Step[] => steps.filter((s) => E.isRight(s.result));

/** Every accepted event with the state just before and just after it. */
const eventsWithStates = (
  steps: readonly Step[],
): { e: AccountEvent; before: AccountState; after: AccountState; step: Step }[] =>
  steps.flatMap((step) => {
    let s = step.before;
    return step.events.map((e) => {
      const before = s;
      s = accountDecider.evolve(s, e);
      return { e, before, after: s, step };
    });
  });

const assertOverLifecycles = (check: (l: Lifecycle, steps: Step[]) => void, examples: Lifecycle[] = []): void => {
  fc.assert(
    fc.property(lifecycleArb(), (l) => {
      check(l, run(l.commands));
    }),
    { numRuns: RUNS, examples: examples.map((l) => [l] as [Lifecycle]) },
  );
};

const property = (name: string, check: (l: Lifecycle, steps: Step[]) => void): void => {
  it(name, () => assertOverLifecycles(check));
};

const dayOf = (instant: string): CivilDate => vietnamDateOfMs(Date.parse(instant));

// ---------------------------------------------------------------------------------------------------------------
// The test's own reading of Art. 7 and of the grounds of Art. 15.

/** The day in `year` on which someone born on `dob` has their birthday: 29 February is 1 March in a common year. */
const birthdayIn = (dob: CivilDate, year: number): string => {
  const monthDay = dob.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !leap ? '03-01' : monthDay}`;
};

/** Age in full years: the number of birthdays reached on or before `on`. */
const fullYears = (dob: CivilDate, on: CivilDate): number => {
  const year = Number(on.slice(0, 4));
  const age = year - Number(dob.slice(0, 4));
  return on >= birthdayIn(dob, year) ? age : age - 1;
};

const expiredOn = (lastValidDay: CivilDate | null, on: CivilDate): boolean =>
  lastValidDay !== null && on > lastValidDay;
const deadOn = (s: Subject, on: CivilDate): boolean => s.kind !== 'organisation' && s.diedOn !== null && s.diedOn <= on;

/**
 * Art. 7: citizens with a card that remains valid (1), foreigners with a permanent or temporary residence card (2),
 * level 2 only from 6 full years; organisations established or registered to operate, regardless of level (3).
 * Nobody is granted an account after death, nor before birth.
 */
const mayHold = (s: Subject, level: 1 | 2 | null, on: CivilDate): boolean => {
  if (s.kind === 'organisation') return level === null && s.status === 'operating';
  if (level === null || deadOn(s, on)) return false;
  const age = fullYears(s.dateOfBirth, on);
  if (age < 0 || (level === 2 && age < 6)) return false;
  if (s.kind === 'citizen') {
    const card = s.identityCard;
    return card !== null && card.status === 'valid' && !expiredOn(card.validUntil, on);
  }
  return s.residenceCard !== null && !expiredOn(s.residenceCard.expiresOn, on);
};

/** The account grounds of Art. 15(2)(a)-(b) that follow from the identity and the day alone. */
const derivedGrounds = (s: Subject, on: CivilDate): string[] => {
  const g: string[] = [];
  if (s.kind === 'foreigner') {
    if (expiredOn(s.travelDocument.expiresOn, on)) g.push('travel-document-expired');
    if (s.residenceCard === null || expiredOn(s.residenceCard.expiresOn, on)) g.push('residence-expired');
    if (deadOn(s, on)) g.push('death');
  } else if (s.kind === 'organisation' && s.status !== 'operating') g.push('ceased-operation');
  return g.sort();
};
/** The account grounds Art. 15 gives each kind of subject: (1) for citizens, (2)(a) foreigners, (2)(b) organisations. */
const GROUNDS_OF: Record<Subject['kind'], readonly string[]> = {
  citizen: ['electronic-identity-card-locked', 'identity-card-expired', 'death'],
  foreigner: [
    'own-request',
    'agreement-violation',
    'travel-document-expired',
    'residence-expired',
    'death',
    'competent-agency-request',
  ],
  organisation: ['own-request', 'agreement-violation', 'ceased-operation', 'competent-agency-request'],
};
const DERIVED = new Set(['travel-document-expired', 'residence-expired', 'death', 'ceased-operation']);

/** The account grounds of Art. 15(1) for a citizen: the electronic identity card locked, the card expired, death. */
const citizenGrounds = (state: AccountState, on: CivilDate): string[] => {
  const s = state.subject;
  if (s === null || s.kind !== 'citizen') return [];
  const g: string[] = [];
  if (state.card !== null && state.card.lockGrounds.length > 0) g.push('electronic-identity-card-locked');
  if (s.identityCard !== null && expiredOn(s.identityCard.validUntil, on)) g.push('identity-card-expired');
  if (deadOn(s, on)) g.push('death');
  return g.sort();
};

/** The card grounds that the databases bring (Art. 29(1); Law on Identity Art. 34(1)(c)-(d)). */
const cardGrounds = (s: Subject, on: CivilDate): string[] => {
  if (s.kind !== 'citizen') return [];
  const g: string[] = [];
  if (s.identityCard !== null && s.identityCard.status !== 'valid') g.push('card-revoked-or-seized');
  if (deadOn(s, on)) g.push('death');
  return g.sort();
};

/** Art. 13: the time limit for a dossier received on `on`, by subject and level. */
const grantLimit = (s: Subject, level: 1 | 2 | null, on: CivilDate): { unit: 'days' | 'working-days'; n: number } => {
  const wd = (n: number) => ({ unit: 'working-days' as const, n });
  if (s.kind === 'organisation') return s.inNationalDatabases ? wd(3) : { unit: 'days', n: 15 };
  if (s.kind === 'citizen') {
    const card = s.identityCard;
    if (card === null || card.status !== 'valid' || expiredOn(card.validUntil, on)) return wd(7);
    return level === 2 ? wd(3) : wd(1);
  }
  if (level !== 2) return wd(1);
  return s.biometricsOnFile ? wd(3) : wd(7);
};

const CARD_EVENTS = new Set([
  'ElectronicIdentityCardLocked',
  'CardLockGroundAdded',
  'CardLockGroundCeased',
  'ElectronicIdentityCardUnlocked',
]);

const citationOk = (c: Citation, eventType: string | null): boolean =>
  c.instrument === '69/2024/ND-CP'
    ? citationExists(c)
    : c.instrument === '26/2023/QH15' && eventType !== null && CARD_EVENTS.has(eventType);

const where = (step: Step): string => `command #${step.index} ${step.command.type} at ${step.command.at}`;

/** Arts. 7-8: once the databases report a death (`IdentityUpdated` with a past `diedOn`), no account is granted. */
const noGrantAfterRecordedDeath = (_l: Lifecycle, steps: Step[]): void => {
  let deathRecorded: string | null = null;
  for (const { e, before, step } of eventsWithStates(steps)) {
    if (deathRecorded !== null) {
      expect(
        e.type,
        `${where(step)}: the death was recorded on ${deathRecorded}; the dossier said ${JSON.stringify(before.subject)}`,
      ).not.toBe('AccountGranted');
    }
    if (e.type === 'IdentityUpdated' && e.subject.kind !== 'organisation' && e.subject.diedOn !== null) {
      if (e.subject.diedOn <= dayOf(e.at)) deathRecorded ??= e.subject.diedOn;
    }
  }
};

/**
 * The minimal counterexample `lifecycleArb` shrank to (seed 1): the databases report a foreigner's death on a stream
 * with no account yet; a level-1 dossier then describes them alive, is verified, and the grant is accepted.
 */
const posthumousDossier: Lifecycle = (() => {
  const anna = aForeigner();
  const dead = { ...anna, diedOn: '2025-07-02' as CivilDate };
  const commands: AccountCommand[] = [
    cmd({
      type: 'UpdateIdentity',
      at: '2025-07-02T10:00:00+07:00',
      by: actors.system,
      subject: dead,
      source: 'Civil Status Database',
    }),
    cmd({ type: 'RequestAccount', at: '2025-07-03T09:00:00+07:00', by: actors.subject, request: level1OnApp(anna) }),
    cmd({
      type: 'VerifyIdentity',
      at: '2025-07-03T09:10:00+07:00',
      by: actors.system,
      outcome: {
        result: 'verified',
        verification: { against: 'national-immigration-database', faceMatched: true, fingerprintsMatched: false },
      },
    }),
    cmd({ type: 'GrantAccount', at: '2025-07-03T10:00:00+07:00', by: actors.agency }),
  ].map((c) => ({ ...c, subjectId: anna.identificationNumber }));
  return { subjectId: anna.identificationNumber, subject: anna, startsAt: '2025-07-02T10:00:00+07:00', commands };
})();

// ---------------------------------------------------------------------------------------------------------------

describe('the account decider over arbitrary lifecycles (Decree 69/2024/ND-CP)', () => {
  property('Art. 7: every grant goes to a subject eligible for that level on the day of the grant', (_l, steps) => {
    for (const { e, before, step } of eventsWithStates(steps)) {
      if (e.type !== 'AccountGranted') continue;
      const s = before.subject;
      expect(s, where(step)).not.toBeNull();
      if (s === null) continue;
      expect(mayHold(s, e.level, dayOf(e.at)), `${where(step)}: level ${e.level} to ${JSON.stringify(s)}`).toBe(true);
    }
  });

  property(
    'Arts. 10(2)(c), 11(2)(c): a level-2 grant to an individual follows face and fingerprints matched against the right database; level 1 follows a face check (Arts. 10(1)(c), 11(1)(c))',
    (_l, steps) => {
      let verification: AccountEvent | null = null;
      for (const { e, before, step } of eventsWithStates(steps)) {
        if (e.type === 'AccountRequested') verification = null;
        if (e.type === 'IdentityVerified' || e.type === 'IdentityVerificationFailed') verification = e;
        if (e.type !== 'AccountGranted' || before.subject === null || before.subject.kind === 'organisation') continue;
        expect(verification?.type, `${where(step)}: no identity verified since the request`).toBe('IdentityVerified');
        if (verification?.type !== 'IdentityVerified') continue;
        const v = verification.verification;
        if (e.level === 2) {
          const db = before.subject.kind === 'citizen' ? 'identity-database' : 'national-immigration-database';
          expect(v, where(step)).toEqual({ against: db, faceMatched: true, fingerprintsMatched: true });
        } else {
          expect(v.faceMatched, where(step)).toBe(true);
        }
      }
    },
  );

  property(
    'Art. 15(2)(a)-(b), 15(3)(a): after each update, review or grant, the derived grounds of a foreigner or organisation are exactly those the identity and the day give',
    (_l, steps) => {
      for (const step of accepted(steps)) {
        const t = step.command.type;
        if (t !== 'UpdateIdentity' && t !== 'ReviewLockGrounds' && t !== 'GrantAccount') continue;
        const s = step.after.subject;
        if (s === null || s.kind === 'citizen' || step.after.account === null) continue;
        const present = step.after.lockGrounds.filter((g) => DERIVED.has(g)).sort();
        expect(present, `${where(step)} for ${JSON.stringify(s)}`).toEqual(derivedGrounds(s, dayOf(step.command.at)));
      }
    },
  );

  property(
    'Art. 15(1), Art. 29(1): after each update, review or grant, a citizen’s card and account grounds are exactly those the identity and the day give',
    (_l, steps) => {
      for (const step of accepted(steps)) {
        const t = step.command.type;
        if (t !== 'UpdateIdentity' && t !== 'ReviewLockGrounds' && t !== 'GrantAccount') continue;
        const s = step.after.subject;
        if (s === null || s.kind !== 'citizen' || step.after.account === null) continue;
        const on = dayOf(step.command.at);
        const account = [...step.after.lockGrounds].sort();
        expect(account, `${where(step)}: account grounds`).toEqual(citizenGrounds(step.after, on));
        if (step.after.card !== null) {
          const card = step.after.card.lockGrounds
            .filter((g) => g === 'card-revoked-or-seized' || g === 'death')
            .sort();
          expect(card, `${where(step)}: card grounds`).toEqual(cardGrounds(s, on));
        }
      }
    },
  );

  property(
    'Art. 15: an account is locked by its first ground and unlocked only when no ground remains',
    (_l, steps) => {
      for (const { e, before, after, step } of eventsWithStates(steps)) {
        if (e.type === 'AccountLocked') expect(before.lockGrounds, where(step)).toEqual([]);
        if (e.type === 'LockGroundAdded') expect(before.lockGrounds.length, where(step)).toBeGreaterThan(0);
        if (e.type === 'AccountUnlocked') expect(after.lockGrounds, where(step)).toEqual([]);
        if (e.type === 'LockGroundCeased') expect(after.lockGrounds.length, where(step)).toBeGreaterThan(0);
        if (e.type === 'ElectronicIdentityCardLocked') expect(before.card?.lockGrounds, where(step)).toEqual([]);
        if (e.type === 'ElectronicIdentityCardUnlocked') expect(after.card?.lockGrounds, where(step)).toEqual([]);
      }
      // An accepted decision never leaves a ground twice, nor one the decree does not give the subject's kind.
      for (const step of accepted(steps)) {
        expect(new Set(step.after.lockGrounds).size, where(step)).toBe(step.after.lockGrounds.length);
        const kind = step.after.subject?.kind;
        if (kind === undefined) continue;
        for (const g of step.after.lockGrounds) expect(GROUNDS_OF[kind], `${where(step)}: ${kind}`).toContain(g);
      }
    },
  );

  property(
    'Art. 15(2)(a), 15(3)(a): a deceased subject’s account is never unlocked and death never ceases',
    (_l, steps) => {
      let dead = false;
      let cardDead = false;
      for (const { e, after, step } of eventsWithStates(steps)) {
        if (dead) {
          expect(e.type, where(step)).not.toBe('AccountUnlocked');
          expect(after.lockGrounds, where(step)).toContain('death');
        }
        if (cardDead) {
          expect(e.type, where(step)).not.toBe('ElectronicIdentityCardUnlocked');
          expect(after.card?.lockGrounds, where(step)).toContain('death');
        }
        dead ||= after.lockGrounds.includes('death');
        cardDead ||= after.card?.lockGrounds.includes('death') ?? false;
      }
    },
  );

  // Found by this property: a later dossier describing the subject alive once overrode a recorded death (Art. 8).
  it('Arts. 7-8: a death recorded from the civil status database is not undone by a later dossier (no grant after it)', () =>
    assertOverLifecycles(noGrantAfterRecordedDeath, [posthumousDossier]));

  property(
    'Art. 14(1): an account is activated on the app only within 7 days of the grant (Civil Code)',
    (_l, steps) => {
      let grantedAt: string | null = null;
      for (const { e, step } of eventsWithStates(steps)) {
        if (e.type === 'AccountGranted') grantedAt = e.at;
        if (e.type === 'AccountCarriedOver') grantedAt = e.grantedAt;
        if (e.type !== 'AccountActivated') continue;
        expect(grantedAt, where(step)).not.toBeNull();
        if (grantedAt === null) continue;
        const end = periodEnd(grantedAt, days(7));
        expect(E.isRight(end)).toBe(true);
        if (E.isLeft(end)) continue;
        expect(e.windowEndsAt, where(step)).toBe(end.right.endsAt);
        if (e.channel === 'app') expect(Date.parse(e.at), where(step)).toBeLessThan(end.right.endsAtMs);
      }
    },
  );

  property(
    'Art. 13 and DESIGN idea 7: a grant is due by the Art. 13 limit from receipt, and a late grant is accepted and flagged',
    (_l, steps) => {
      let requested: (AccountEvent & { type: 'AccountRequested' }) | null = null;
      for (const { e, step } of eventsWithStates(steps)) {
        if (e.type === 'AccountRequested') {
          requested = e;
          const limit = grantLimit(e.request.subject, e.request.level, dayOf(e.at));
          const end = periodEnd(e.at, { unit: limit.unit, length: limit.n });
          expect(E.isRight(end) && end.right.endsAt, `${where(step)}: ${JSON.stringify(limit)}`).toBe(e.dueBy);
        }
        if (e.type !== 'AccountGranted') continue;
        expect(requested, where(step)).not.toBeNull();
        expect(e.dueBy, where(step)).toBe(requested?.dueBy);
        expect(e.late, where(step)).toBe(Date.parse(e.at) > Date.parse(e.dueBy));
      }
    },
  );

  property(
    'DESIGN idea 2: every event and every rejection cites a provision that exists (the Law on Identity only for card grounds)',
    (_l, steps) => {
      for (const step of steps) {
        if (E.isLeft(step.result)) {
          const c = step.result.left.citation;
          expect(citationOk(c, null), `${where(step)} rejected citing ${formatCitation(c)}`).toBe(true);
          continue;
        }
        for (const e of step.events) {
          const cited: Citation[] = [e.legalBasis];
          if (e.type === 'AccountRequested' || e.type === 'AccountGranted') cited.push(e.timeLimit);
          for (const c of cited)
            expect(citationOk(c, e.type), `${where(step)}: ${e.type} cites ${formatCitation(c)}`).toBe(true);
        }
      }
    },
  );

  property(
    'DESIGN idea 1: deciding is deterministic, and folding all events gives the state reached step by step',
    (l, steps) => {
      const again = run(l.commands);
      expect(again.map((s) => s.result)).toEqual(steps.map((s) => s.result));
      const all = steps.flatMap((s) => s.events);
      const last = steps.at(-1)?.after ?? initialState;
      expect(fold(initialState, all)).toEqual(last);
    },
  );

  property('DESIGN idea 3: every event round-trips through its io-ts codec and through JSON', (_l, steps) => {
    for (const step of steps) {
      for (const e of step.events) {
        expect(AccountEventCodec.is(e), `${where(step)}: ${e.type}`).toBe(true);
        const viaCodec = AccountEventCodec.decode(AccountEventCodec.encode(e));
        expect(viaCodec, `${where(step)}: ${e.type}`).toEqual(E.right(e));
        const viaJson = AccountEventCodec.decode(JSON.parse(JSON.stringify(AccountEventCodec.encode(e))));
        expect(viaJson, `${where(step)}: ${e.type}`).toEqual(E.right(e));
      }
    }
  });

  property(
    'Art. 15(2)(c)-(dd), 15(3)(b)-(d): a competent agency’s request is decided once, after it is forwarded, a refusal with its reason',
    (_l, steps) => {
      const received = new Set<string>();
      const forwarded = new Set<string>();
      const decided = new Set<string>();
      for (const { e, step } of eventsWithStates(steps)) {
        switch (e.type) {
          case 'AgencyRequestReceived':
            expect(received.has(e.requestId), where(step)).toBe(false);
            received.add(e.requestId);
            break;
          case 'AgencyRequestForwarded':
            expect(received.has(e.requestId) && !forwarded.has(e.requestId), where(step)).toBe(true);
            forwarded.add(e.requestId);
            break;
          case 'AgencyRequestRefused':
          case 'AgencyRequestApproved':
            if (e.type === 'AgencyRequestRefused') expect(e.reason.trim(), where(step)).not.toBe('');
            expect(forwarded.has(e.requestId) && !decided.has(e.requestId), where(step)).toBe(true);
            decided.add(e.requestId);
            break;
          default:
            break;
        }
      }
      // An approved lock leaves the ground in place at the end of its decision; an approved unlock removes it.
      for (const step of accepted(steps)) {
        for (const e of step.events) {
          if (e.type !== 'AgencyRequestApproved') continue;
          const r = step.after.agencyRequests[e.requestId];
          expect(r, where(step)).toBeDefined();
          if (r === undefined) continue;
          const grounds = r.target === 'account' ? step.after.lockGrounds : (step.after.card?.lockGrounds ?? []);
          expect((grounds as readonly string[]).includes('competent-agency-request'), where(step)).toBe(
            r.action === 'lock',
          );
        }
      }
    },
  );

  property(
    'Art. 16: only the management agency, or the system acting for it, grants or refuses an account',
    (_l, steps) => {
      for (const { e, step } of eventsWithStates(steps)) {
        if (e.type === 'AccountGranted' || e.type === 'AccountRefused') {
          expect(['management-agency', 'system'], where(step)).toContain(e.by.role);
        }
      }
    },
  );

  property(
    'Art. 14(2): only a guardian or representative consents, for a person under 14, under guardianship or represented',
    (_l, steps) => {
      for (const { e, before, step } of eventsWithStates(steps)) {
        if (e.type !== 'GuardianConsentGiven') continue;
        expect(['guardian', 'representative'], where(step)).toContain(e.by.role);
        const s = before.subject;
        expect(s !== null && s.kind !== 'organisation', where(step)).toBe(true);
        if (s === null || s.kind === 'organisation') continue;
        expect(fullYears(s.dateOfBirth, dayOf(e.at)) < 14 || s.legalCapacity !== 'full', where(step)).toBe(true);
      }
    },
  );
  it('the generated lifecycles exercise grants, locks, unlocks, activations and rejections (the properties are not vacuous)', () => {
    const samples = fc.sample(lifecycleArb(), { numRuns: 400, seed: 42 });
    const share = (p: (types: Set<string>) => boolean): number =>
      samples.filter((l) => p(new Set(run(l.commands).flatMap((s) => s.events.map((e) => e.type))))).length /
      samples.length;
    const steps = samples.flatMap((l) => run(l.commands));
    const acceptedShare = accepted(steps).length / steps.length;
    expect(acceptedShare).toBeGreaterThan(0.35);
    expect(acceptedShare).toBeLessThan(0.75);
    expect(share((t) => t.has('AccountGranted'))).toBeGreaterThan(0.4);
    expect(share((t) => t.has('AccountActivated'))).toBeGreaterThan(0.2);
    expect(share((t) => t.has('AccountLocked'))).toBeGreaterThan(0.25);
    expect(share((t) => t.has('AccountUnlocked'))).toBeGreaterThan(0.1);
    expect(share((t) => t.has('AgencyRequestApproved') || t.has('AgencyRequestRefused'))).toBeGreaterThan(0.05);
    expect(share((t) => t.has('ElectronicIdentityCardLocked'))).toBeGreaterThan(0.02);
  });
});
