import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from '../account/logEvent.js';
import { formatCitation } from '../decree/citation.js';
import { verifyStreamChain } from '../store/hashChain.js';
import type { InMemoryEventStore } from '../store/inMemory.js';
import { type SimulationResult, simulate } from './simulator.js';
import { VIOLATION_KINDS, VIOLATION_KIND_IDS, type ViolationKind, everyViolation } from './violations.js';

// The catalogue, written out: each kind, the audit check that should report it (an id of AUDIT_CHECKS in
// @dinhdanh/projections), and the clause it breaks.
const EXPECTED: readonly (readonly [ViolationKind, string, string])[] = [
  ['identity-update-by-officer', 'competence.identity-update', '69/2024/ND-CP Art. 8(1)'],
  ['grant-ineligible', 'eligibility.grant', '69/2024/ND-CP Art. 7(1)'],
  ['grant-unverified', 'verification.identity', '69/2024/ND-CP Art. 10(1)(c)'],
  ['grant-without-biometrics', 'verification.biometrics', '69/2024/ND-CP Art. 11(2)(c)'],
  ['verified-by-subject', 'competence.verify', '69/2024/ND-CP Art. 10(1)(c)'],
  ['refusal-without-reason', 'grant.refusal-without-reason', '69/2024/ND-CP Art. 12(3)'],
  ['grant-by-officer', 'competence.grant', '69/2024/ND-CP Art. 16'],
  ['late-grant', 'time-limit.grant', '69/2024/ND-CP Art. 13(1)(b)'],
  ['activation-after-window', 'activation.window', '69/2024/ND-CP Art. 14(1)'],
  ['login-without-consent', 'consent.missing', '69/2024/ND-CP Art. 14(2)'],
  ['lock-without-ground', 'locking.without-ground', '69/2024/ND-CP Art. 15(2)(a)'],
  ['lock-by-subject', 'competence.lock', '69/2024/ND-CP Art. 16'],
  ['left-unlocked', 'locking.left-unlocked', '69/2024/ND-CP Art. 15(2)(a)'],
  ['lock-late', 'locking.lock-late', '69/2024/ND-CP Art. 15(2)(a)'],
  ['unlock-while-ground', 'locking.unlock-while-ground', '69/2024/ND-CP Art. 15(3)(a)'],
  ['ceased-without-basis', 'locking.ceased-without-basis', '69/2024/ND-CP Art. 15(3)(a)'],
  ['left-locked', 'locking.left-locked', '69/2024/ND-CP Art. 15(3)(a)'],
  ['unlock-late', 'locking.unlock-late', '69/2024/ND-CP Art. 15(3)(a)'],
  ['death-unlocked', 'locking.death-unlocked', '69/2024/ND-CP Art. 15(2)(a)'],
  ['agency-unknown-request', 'agency.unknown-request', '69/2024/ND-CP Art. 15(2)(d)'],
  ['agency-forward-late', 'agency.forward-late', '69/2024/ND-CP Art. 15(2)(d)'],
  ['agency-decide-late', 'agency.decide-late', '69/2024/ND-CP Art. 15(2)(dd)'],
  ['agency-decided-before-forwarded', 'agency.decided-before-forwarded', '69/2024/ND-CP Art. 15(2)(dd)'],
  ['agency-refusal-without-reason', 'agency.refusal-without-reason', '69/2024/ND-CP Art. 15(2)(dd)'],
  ['agency-request-received-by-requester', 'competence.agency-request', '69/2024/ND-CP Art. 15(2)(c)'],
  ['before-in-force', 'effect.before-in-force', '69/2024/ND-CP Art. 40(1)'],
  ['carry-over-after-in-force', 'effect.carry-over', '69/2024/ND-CP Art. 40(5)'],
  ['backdated-login', 'integrity.time-order', '69/2024/ND-CP Art. 17(2)'],
];

const events = (r: SimulationResult<InMemoryEventStore<LogEvent>>) => {
  const all = r.store.readAllSync();
  if (E.isLeft(all)) throw new Error(JSON.stringify(all.left));
  return all.right;
};

describe('the violation catalogue', () => {
  it('names the audit check and the clause of every kind', () => {
    expect(EXPECTED.map(([k]) => k)).toEqual(VIOLATION_KIND_IDS);
    for (const [kind, check, clause] of EXPECTED) {
      expect(VIOLATION_KINDS[kind].expectedCheck).toBe(check);
      expect(formatCitation(VIOLATION_KINDS[kind].citation)).toBe(clause);
    }
  });

  it('everyViolation gives the same rate to every kind', () => {
    expect(Object.values(everyViolation(0.01))).toEqual(VIOLATION_KIND_IDS.map(() => 0.01));
  });
});

describe('simulate with violations', () => {
  let result: SimulationResult<InMemoryEventStore<LogEvent>>;
  const subjects = 1_400;

  beforeAll(async () => {
    result = await simulate({
      seed: 69,
      subjects,
      violations: { ...everyViolation(1 / subjects), 'left-unlocked': 0.01, 'backdated-login': 0.005 },
    });
  }, 60_000);

  it('injects each kind at the rate asked for, rounded to whole subjects', () => {
    const counts: Record<string, number> = {};
    for (const v of result.injected) counts[v.kind] = (counts[v.kind] ?? 0) + 1;
    const expected = Object.fromEntries(VIOLATION_KIND_IDS.map((k) => [k, 1]));
    expected['left-unlocked'] = 14;
    expected['backdated-login'] = 7;
    expect(counts).toEqual(expected);
    expect(result.summary.injected).toEqual(expected);
  });

  it('labels each violation with its subject, stream, audit check, clause and instant', () => {
    const streams = new Set(events(result).map((e) => e.streamId));
    for (const v of result.injected) {
      const info = VIOLATION_KINDS[v.kind as ViolationKind];
      expect(v.expectedCheck).toBe(info.expectedCheck);
      expect(v.citation).toEqual(info.citation);
      expect(v.streamId.endsWith(v.subjectId)).toBe(true);
      expect(streams.has(v.streamId)).toBe(true);
      expect(Number.isNaN(Date.parse(v.at))).toBe(false);
    }
    expect(new Set(result.injected.map((v) => v.subjectId)).size).toBe(result.injected.length);
  });

  it('still refuses nothing: the violations are written past the decider, the rest of the log is decided', () => {
    expect(result.refusals).toEqual([]);
  });

  it('keeps the hash chain whole, so that only the legality checks fire (Art. 17(1))', () => {
    const all = events(result);
    const byStream = new Map<string, typeof all>();
    for (const e of all) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    for (const stream of byStream.values()) expect(verifyStreamChain(stream)).toEqual(E.right(undefined));
  });

  it('writes what each kind describes: an app activation after the window (Art. 14(1)), a death cleared (Art. 15(2)(a)), a carry-over before 1 July 2024 (Art. 40(1))', () => {
    const all = events(result);
    const of = (kind: ViolationKind) => {
      const v = result.injected.find((x) => x.kind === kind);
      if (v === undefined) throw new Error(`no ${kind}`);
      return all.filter((e) => e.streamId === v.streamId).map((e) => e.data);
    };
    const activation = of('activation-after-window').find((e) => e.type === 'AccountActivated');
    expect(
      activation?.type === 'AccountActivated' && Date.parse(activation.at) > Date.parse(activation.windowEndsAt),
    ).toBe(true);
    const updates = of('death-unlocked').filter((e) => e.type === 'IdentityUpdated');
    expect(
      updates.map((e) => e.type === 'IdentityUpdated' && e.subject.kind === 'foreigner' && e.subject.diedOn !== null),
    ).toEqual([true, false]);
    expect(of('before-in-force')[0]?.at.slice(0, 10)).toMatch(/^2024-06-/);
  });
});
