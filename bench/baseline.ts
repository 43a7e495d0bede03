/**
 * The plain-JavaScript baseline, the physical limit the contenders are measured against: a `Map` of arrays for the
 * store and a switch-based fold that mutates one state object per subject. No validation, no immutability, no
 * promises: what a hand-written loop over the same events costs on this machine.
 */
import type { AccountEvent, AccountState, LoginRecorded } from '@dinhdanh/core';
import type { WorkloadEvent } from './workload.js';

/** What the baseline store keeps of an event: the fields a stored event has, in one plain object. */
export interface BaselineRecord {
  readonly streamId: string;
  readonly eventId: string;
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
  readonly data: AccountEvent | LoginRecorded;
}

/** The baseline store: each stream's records in an array, by stream name. */
export type BaselineStore = Map<string, BaselineRecord[]>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The mutable state the baseline folds into: the same fields as the decider's `AccountState`. */
export type BaselineState = Mutable<AccountState>;

/** A fresh baseline state (the decider's initial state, as a new mutable object). */
export const baselineInitial = (): BaselineState => ({
  subject: null,
  pending: null,
  account: null,
  lockGrounds: [],
  card: null,
  agencyRequests: {},
  guardianConsent: null,
  lastAt: null,
});

const remove = <T>(xs: readonly T[], x: T): T[] => xs.filter((y) => y !== x);

/**
 * Applies one event to the state in place, with the meaning of the decider's `evolve` (so the two folds can be held
 * against each other), in one switch.
 */
export const baselineApply = (s: BaselineState, e: AccountEvent): void => {
  switch (e.type) {
    case 'AccountRequested':
      s.subject = e.request.subject;
      s.pending = {
        request: e.request,
        receivedAt: e.at,
        dueBy: e.dueBy,
        timeLimit: e.timeLimit,
        verification: null,
      };
      break;
    case 'IdentityVerified':
      if (s.pending !== null) s.pending = { ...s.pending, verification: e.verification };
      break;
    case 'IdentityVerificationFailed':
      if (s.pending !== null) s.pending = { ...s.pending, verification: null };
      break;
    case 'AccountGranted': {
      const a = s.pending?.request.applicant;
      const guardian = a !== undefined && (a.role === 'guardian' || a.role === 'representative') ? a.personId : null;
      s.account = {
        level: e.level,
        grantedAt: e.at,
        activatedAt: s.account?.activatedAt ?? null,
        carriedOver: false,
        guardian: guardian ?? s.account?.guardian ?? null,
      };
      s.pending = null;
      break;
    }
    case 'AccountRefused':
      s.pending = null;
      break;
    case 'AccountActivated':
      if (s.account !== null) s.account = { ...s.account, activatedAt: e.at };
      break;
    case 'IdentityUpdated':
      s.subject = e.subject;
      break;
    case 'AccountLocked':
    case 'LockGroundAdded':
      if (!s.lockGrounds.includes(e.ground)) s.lockGrounds = [...s.lockGrounds, e.ground];
      break;
    case 'LockGroundCeased':
    case 'AccountUnlocked':
      s.lockGrounds = remove(s.lockGrounds, e.ground);
      break;
    case 'AgencyRequestReceived':
      s.agencyRequests = {
        ...s.agencyRequests,
        [e.requestId]: {
          requestId: e.requestId,
          action: e.action,
          target: e.target,
          agency: e.agency,
          receivedAt: e.at,
          forwardBy: e.forwardBy,
          forwardedAt: null,
          decideBy: null,
          decision: null,
        },
      };
      break;
    case 'AgencyRequestForwarded':
    case 'AgencyRequestApproved':
    case 'AgencyRequestRefused': {
      const r = s.agencyRequests[e.requestId];
      if (r === undefined) break;
      const updated =
        e.type === 'AgencyRequestForwarded'
          ? { ...r, forwardedAt: e.at, decideBy: e.decideBy }
          : { ...r, decision: e.type === 'AgencyRequestApproved' ? ('approved' as const) : ('refused' as const) };
      s.agencyRequests = { ...s.agencyRequests, [e.requestId]: updated };
      break;
    }
    case 'ElectronicIdentityCardIssued':
      s.card = { issuedAt: e.at, lockGrounds: [] };
      break;
    case 'ElectronicIdentityCardLocked':
    case 'CardLockGroundAdded':
      if (s.card !== null && !s.card.lockGrounds.includes(e.ground)) {
        s.card = { ...s.card, lockGrounds: [...s.card.lockGrounds, e.ground] };
      }
      break;
    case 'CardLockGroundCeased':
    case 'ElectronicIdentityCardUnlocked':
      if (s.card !== null) s.card = { ...s.card, lockGrounds: remove(s.card.lockGrounds, e.ground) };
      break;
    case 'GuardianConsentGiven':
      s.guardianConsent = e.guardianId;
      break;
    case 'GuardianConsentWithdrawn':
      s.guardianConsent = null;
      break;
    case 'AccountCarriedOver':
      s.subject = e.subject;
      s.account = {
        level: e.level,
        grantedAt: e.grantedAt,
        activatedAt: e.grantedAt,
        carriedOver: true,
        guardian: null,
      };
      break;
  }
  s.lastAt = e.at;
};

/** Folds a stream's records into a fresh state (login events leave it as it is). */
export const baselineFold = (records: ReadonlyArray<BaselineRecord>): BaselineState => {
  const s = baselineInitial();
  for (let i = 0; i < records.length; i++) {
    const e = (records[i] as BaselineRecord).data;
    if (e.type !== 'LoginRecorded') baselineApply(s, e);
  }
  return s;
};

/** Appends one workload event to the baseline store, checking the expected revision as a store must; returns its record. */
export const baselineAppend = (
  store: BaselineStore,
  e: WorkloadEvent,
  expectedRevision: number,
  position: number,
): BaselineRecord => {
  let records = store.get(e.streamId);
  if (records === undefined) store.set(e.streamId, (records = []));
  if (records.length - 1 !== expectedRevision) throw new Error(`${e.streamId}: wrong expected revision`);
  const record: BaselineRecord = {
    streamId: e.streamId,
    eventId: e.eventId,
    revision: records.length,
    position,
    recordedAt: e.recordedAt,
    data: e.data,
  };
  records.push(record);
  return record;
};
