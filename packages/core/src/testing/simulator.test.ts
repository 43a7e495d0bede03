import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountEvent } from '../account/events.js';
import { fold } from '../account/evolve.js';
import { type LogEvent, LogEventCodec } from '../account/logEvent.js';
import { initialState } from '../account/state.js';
import { SubjectCodec } from '../account/subject.js';
import { ageInFullYears } from '../decree/eligibility.js';
import { verifyStreamChain } from '../store/hashChain.js';
import { type InMemoryEventStore, createInMemoryEventStore } from '../store/inMemory.js';
import type { StoredEvent } from '../store/port.js';
import { streamKind } from '../store/streams.js';
import { type SimulationResult, simulate } from './simulator.js';
import { simulateHistory, simulatePopulation } from './simulatorHistory.js';

const all = (store: InMemoryEventStore<LogEvent>): readonly StoredEvent<LogEvent>[] => {
  const r = store.readAllSync();
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

const byStream = (events: readonly StoredEvent<LogEvent>[]): Map<string, StoredEvent<LogEvent>[]> => {
  const m = new Map<string, StoredEvent<LogEvent>[]>();
  for (const e of events) m.set(e.streamId, [...(m.get(e.streamId) ?? []), e]);
  return m;
};

describe('simulate: determinism', () => {
  it('the same seed gives the same log, byte for byte (hashes included); another seed another log', async () => {
    const [a, b, c] = await Promise.all([
      simulate({ seed: 42, subjects: 150 }),
      simulate({ seed: 42, subjects: 150 }),
      simulate({ seed: 43, subjects: 150 }),
    ]);
    const text = (r: SimulationResult<InMemoryEventStore<LogEvent>>) => JSON.stringify(all(r.store));
    expect(text(a)).toBe(text(b));
    expect(text(a)).not.toBe(text(c));
    expect(a.summary).toEqual(b.summary);
  });

  it('the in-memory history (the decider alone) is the log the command handler records', async () => {
    const options = { seed: 5, subjects: 200, violations: { 'lock-late': 0.02, 'grant-by-officer': 0.02 } };
    const { store } = await simulate(options);
    const history = simulateHistory(options);
    expect(all(store).map((e) => ({ streamId: e.streamId, commandId: e.metadata['commandId'], data: e.data }))).toEqual(
      history.entries,
    );
  });
});

describe('simulate: a lawful log (Arts. 7, 10-15, 17, 28-30)', () => {
  let result: SimulationResult<InMemoryEventStore<LogEvent>>;
  let events: readonly StoredEvent<LogEvent>[];
  const count = (type: string): number => result.summary.eventsByType[type] ?? 0;
  const grounds = (type: string): Set<string> =>
    new Set(events.filter((e) => e.type === type).map((e) => (e.data as { ground: string }).ground));

  beforeAll(async () => {
    result = await simulate({
      seed: 2025,
      subjects: 2_000,
      from: '2024-07-01T00:00:00+07:00',
      to: '2026-06-30T23:59:59+07:00',
    });
    events = all(result.store);
  }, 60_000);

  it('the decider refuses none of the commands and logins', () => {
    expect(result.refusals).toEqual([]);
    expect(result.summary.refusals).toBe(0);
    expect(result.injected).toEqual([]);
  });

  it('every stream decodes, replays with evolve and verifies its hash chain (Art. 17(1)-(2))', () => {
    for (const [streamId, stream] of byStream(events)) {
      for (const e of stream) expect(E.isRight(LogEventCodec.decode(LogEventCodec.encode(e.data)))).toBe(true);
      expect(verifyStreamChain(stream, (d) => LogEventCodec.encode(d as LogEvent))).toEqual(E.right(undefined));
      const instants = stream.map((e) => Date.parse(e.data.at));
      expect(instants).toEqual([...instants].sort((x, y) => x - y));
      if (streamKind(streamId) === 'subject') {
        const state = fold(
          initialState,
          stream.map((e) => e.data as AccountEvent),
        );
        expect(state.subject).not.toBeNull();
      }
    }
  });

  it('no event falls outside the period, and the global order is the order of time', () => {
    const from = Date.parse(result.summary.from);
    const to = Date.parse(result.summary.to);
    const instants = events.map((e) => Date.parse(e.recordedAt));
    expect(instants.every((t) => t >= from && t <= to)).toBe(true);
    expect(instants).toEqual([...instants].sort((x, y) => x - y));
  });

  it('has the shape of a population: all kinds of subject, children with guardians, the elderly', () => {
    const s = result.summary;
    expect(s.subjectsByKind.citizen).toBeGreaterThan(s.subjectsByKind.foreigner);
    expect(s.subjectsByKind.foreigner).toBeGreaterThan(50);
    expect(s.subjectsByKind.organisation).toBeGreaterThan(50);
    expect(s.minors).toBeGreaterThan(200);
    const people = simulatePopulation({ seed: 2025, subjects: 2_000, from: '2024-07-01T00:00:00+07:00' });
    const ages = people.flatMap((p) =>
      p.kind === 'organisation' ? [] : [ageInFullYears(p.dateOfBirth, '2024-07-01' as never)],
    );
    expect(ages.some((a) => a < 6)).toBe(true);
    expect(ages.some((a) => a >= 80)).toBe(true);
    expect(people.every((p) => E.isRight(SubjectCodec.decode(p)))).toBe(true);
    expect(
      new Set(people.map((p) => (p.kind === 'citizen' ? p.personalIdentificationNumber : p.identificationNumber))).size,
    ).toBe(2_000);
    // Guardians register children and consent to their use of the account (Arts. 10(1)(d), 10(2)(dd), 14(2)).
    const guardianRequests = events.filter(
      (e) =>
        e.type === 'AccountRequested' &&
        (e.data as { request: { applicant: { role: string } } }).request.applicant.role === 'guardian',
    );
    expect(guardianRequests.length).toBeGreaterThan(100);
    expect(count('GuardianConsentGiven')).toBeGreaterThan(100);
    expect(count('GuardianConsentWithdrawn')).toBeGreaterThan(0);
  });

  it('about six account events per subject, plus logins at every authentication level (Art. 20(1))', () => {
    const s = result.summary;
    const logins = count('LoginRecorded');
    const perSubject = (s.events - logins) / s.subjects;
    expect(perSubject).toBeGreaterThan(5);
    expect(perSubject).toBeLessThan(8);
    expect(logins / count('AccountActivated')).toBeGreaterThan(2);
    expect(Object.values(s.loginsByLevel).every((n) => n > 0)).toBe(true);
  });

  it('grants within the time limit, activations on the app and through the hotline (Arts. 13, 14(1))', () => {
    const grants = events.filter((e) => e.type === 'AccountGranted').map((e) => e.data as { late: boolean });
    expect(grants.length).toBeGreaterThan(1_800);
    expect(grants.every((g) => !g.late)).toBe(true);
    const channels = new Set(
      events.filter((e) => e.type === 'AccountActivated').map((e) => (e.data as { channel: string }).channel),
    );
    expect(channels).toEqual(new Set(['app', 'hotline']));
    expect(count('ElectronicIdentityCardIssued')).toBeGreaterThan(1_000);
    expect(count('AccountCarriedOver')).toBeGreaterThan(0);
  });

  it('documents expire and are renewed: locks on expiry, unlocks on renewal; deaths and dissolutions lock for good (Art. 15(1), 15(2)(a)-(b), 15(3)(a))', () => {
    expect(grounds('AccountLocked')).toEqual(
      new Set([
        'travel-document-expired',
        'residence-expired',
        'identity-card-expired',
        'death',
        'ceased-operation',
        'own-request',
        'competent-agency-request',
        'electronic-identity-card-locked',
      ]),
    );
    const unlocked = grounds('AccountUnlocked');
    for (const g of ['travel-document-expired', 'residence-expired', 'identity-card-expired'])
      expect(unlocked.has(g)).toBe(true);
    expect(unlocked.has('death')).toBe(false);
    expect(count('IdentityUpdated')).toBeGreaterThan(500);
  });

  it("competent agencies' Form TK03 requests are received, forwarded in time and decided (Art. 15(2)(c)-(dd), 15(3)(b)-(d), Arts. 29-30)", () => {
    expect(count('AgencyRequestReceived')).toBeGreaterThan(20);
    expect(count('AgencyRequestForwarded')).toBe(count('AgencyRequestReceived'));
    expect(count('AgencyRequestApproved')).toBeGreaterThan(0);
    expect(count('AgencyRequestRefused')).toBeGreaterThan(0);
    const late = events.filter(
      (e) =>
        (e.type === 'AgencyRequestForwarded' || e.type.startsWith('AgencyRequestAppr')) &&
        (e.data as { late: boolean }).late,
    );
    expect(late).toEqual([]);
    expect(grounds('ElectronicIdentityCardLocked').has('competent-agency-request')).toBe(true);
  });
});

describe('simulate: options', () => {
  it('records into the store it is given', async () => {
    const store = createInMemoryEventStore<LogEvent>({ codec: LogEventCodec });
    const r = await simulate({ seed: 1, subjects: 20, store });
    expect(r.store).toBe(store);
    expect(store.eventCount()).toBe(r.summary.events);
  });

  it('refuses a period before the decree took effect (Art. 40(1)), a reversed period, and rates that ask for too much', async () => {
    await expect(simulate({ seed: 1, subjects: 1, from: '2024-06-30T00:00:00+07:00' })).rejects.toThrow(RangeError);
    await expect(
      simulate({ seed: 1, subjects: 1, from: '2025-02-01T00:00:00+07:00', to: '2025-01-01T00:00:00+07:00' }),
    ).rejects.toThrow(RangeError);
    await expect(
      simulate({ seed: 1, subjects: 10, violations: { 'lock-late': 0.6, 'left-locked': 0.6 } }),
    ).rejects.toThrow(/sum must be <= 1/);
    await expect(
      simulate({
        seed: 1,
        subjects: 10,
        from: '2025-01-01T00:00:00+07:00',
        to: '2025-02-01T00:00:00+07:00',
        violations: { 'lock-late': 0.1 },
      }),
    ).rejects.toThrow(/90 days/);
    await expect(simulate({ seed: 1.5, subjects: 1 })).rejects.toThrow(RangeError);
  });
});
