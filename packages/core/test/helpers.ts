// Helpers shared by the decree's example tests: run commands through the decider, read rejections by code and clause.
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type { AccountCommand } from '../src/account/commands.js';
import { accountDecider } from '../src/account/decide.js';
import type { AccountEvent } from '../src/account/events.js';
import { fold } from '../src/account/evolve.js';
import { type AccountState, initialState } from '../src/account/state.js';
import { type CivilDate, parseCivilDate } from '../src/calendar/civilDate.js';
import { citationExists } from '../src/decree/catalogue.js';
import { formatCitation } from '../src/decree/citation.js';
import type { Rejection } from '../src/decree/rejection.js';

/** A civil date from its ISO form, failing the test on a malformed one. */
export const day = (s: string): CivilDate => {
  const r = parseCivilDate(s);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

/** Decides and folds commands in order; a rejected command fails the test with its message. */
export const run = (commands: readonly AccountCommand[], start: AccountState = initialState) => {
  let state = start;
  const events: AccountEvent[] = [];
  for (const c of commands) {
    const r = accountDecider.decide(c, state);
    if (E.isLeft(r)) throw new Error(`${c.type} rejected: ${r.left.message}`);
    events.push(...r.right);
    state = fold(state, r.right);
  }
  return { state, events };
};

/** A rejection as `{ code, citation }` (its clause checked to exist), or the `Right` unchanged. */
export const rejection = (r: E.Either<Rejection, unknown>) => {
  if (E.isRight(r)) return r;
  expect(citationExists(r.left.citation), formatCitation(r.left.citation)).toBe(true);
  return { code: r.left.code, citation: formatCitation(r.left.citation) };
};

/** The expected rejection, with the clause written short (`Art. 15(2)(a)`). */
export const rejectedWith = (code: string, citation: string) => ({ code, citation: `69/2024/ND-CP ${citation}` });
