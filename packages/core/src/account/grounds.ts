import type { CivilDate } from '../calendar/civilDate.js';
import { type Citation, art } from '../decree/citation.js';
import type { Actor } from '../decree/competence.js';
import {
  type AccountLockGround,
  ACCOUNT_LOCK_GROUNDS,
  type CardLockGround,
  DERIVED_ACCOUNT_GROUNDS,
  DERIVED_CARD_GROUNDS,
  derivedAccountGrounds,
  derivedCardGrounds,
  isPermanentGround,
} from '../decree/locking.js';
import type { AccountEvent } from './events.js';
import { SYSTEM_ACTOR, makeEvent } from './eventFactory.js';
import { evolve } from './evolve.js';
import { type AccountState, isCardLocked } from './state.js';

/**
 * Collects the events of one decision while folding them, so that each step sees the state the previous one left:
 * whether a ground is the first (lock) or the last (unlock) depends on what came before it in the same decision.
 */
export class Emitter {
  readonly events: AccountEvent[] = [];
  constructor(public state: AccountState) {}
  emit(e: AccountEvent): void {
    this.events.push(e);
    this.state = evolve(this.state, e);
  }
}

/** Adds an account ground: `AccountLocked` if it is the first, `LockGroundAdded` otherwise. */
export const addAccountGround = (em: Emitter, g: AccountLockGround, at: string, by: Actor, basis: Citation): void => {
  if (em.state.lockGrounds.includes(g)) return;
  em.emit(
    makeEvent(em.state.lockGrounds.length === 0 ? 'AccountLocked' : 'LockGroundAdded', at, by, basis, { ground: g }),
  );
};

/** Removes an account ground: `AccountUnlocked` if it was the last (Art. 15(3)(a)), `LockGroundCeased` otherwise. */
export const ceaseAccountGround = (em: Emitter, g: AccountLockGround, at: string, by: Actor, basis: Citation): void => {
  if (!em.state.lockGrounds.includes(g)) return;
  const last = em.state.lockGrounds.length === 1;
  em.emit(makeEvent(last ? 'AccountUnlocked' : 'LockGroundCeased', at, by, basis, { ground: g }));
};

/** Adds a card ground: `ElectronicIdentityCardLocked` if it is the first, `CardLockGroundAdded` otherwise. */
export const addCardGround = (em: Emitter, g: CardLockGround, at: string, by: Actor, basis: Citation): void => {
  const card = em.state.card;
  if (card === null || card.lockGrounds.includes(g)) return;
  em.emit(
    makeEvent(card.lockGrounds.length === 0 ? 'ElectronicIdentityCardLocked' : 'CardLockGroundAdded', at, by, basis, {
      ground: g,
    }),
  );
};

/** Removes a card ground: `ElectronicIdentityCardUnlocked` if it was the last (Art. 30), `CardLockGroundCeased` otherwise. */
export const ceaseCardGround = (em: Emitter, g: CardLockGround, at: string, by: Actor, basis: Citation): void => {
  const card = em.state.card;
  if (card === null || !card.lockGrounds.includes(g)) return;
  const last = card.lockGrounds.length === 1;
  em.emit(makeEvent(last ? 'ElectronicIdentityCardUnlocked' : 'CardLockGroundCeased', at, by, basis, { ground: g }));
};

/**
 * Brings the grounds that follow from identity data and the date in line with them, as the system does
 * automatically: the card first (Art. 29(1), 30(1)), then the account, which follows the card for citizens
 * (Art. 15(1)) and its own grounds otherwise (Art. 15(2)(a)-(b), 15(3)(a)). A permanent ground (death) never ceases.
 */
export const reconcileGrounds = (em: Emitter, at: string, on: CivilDate): void => {
  const subject = em.state.subject;
  if (subject === null) return;
  if (subject.kind === 'citizen' && em.state.card !== null) {
    const derived = derivedCardGrounds(subject, on);
    for (const g of DERIVED_CARD_GROUNDS) {
      const has = em.state.card.lockGrounds.includes(g);
      if (derived.has(g) && !has) addCardGround(em, g, at, SYSTEM_ACTOR, art(29, 1));
      else if (!derived.has(g) && has && !isPermanentGround(g)) ceaseCardGround(em, g, at, SYSTEM_ACTOR, art(30, 1));
    }
  }
  if (em.state.account === null) return;
  const allowed = ACCOUNT_LOCK_GROUNDS[subject.kind];
  const derived = derivedAccountGrounds(subject, isCardLocked(em.state), on);
  for (const g of DERIVED_ACCOUNT_GROUNDS) {
    const basis = allowed[g];
    if (basis === undefined) continue;
    const has = em.state.lockGrounds.includes(g);
    if (derived.has(g) && !has) addAccountGround(em, g, at, SYSTEM_ACTOR, basis);
    else if (!derived.has(g) && has && !isPermanentGround(g)) {
      ceaseAccountGround(em, g, at, SYSTEM_ACTOR, subject.kind === 'citizen' ? art(15, 1) : art(15, 3, 'a'));
    }
  }
};
