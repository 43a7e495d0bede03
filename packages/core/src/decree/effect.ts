import * as E from 'fp-ts/lib/Either.js';
import { type Instant } from '../calendar/civilDate.js';
import { art } from './citation.js';
import { type Rejection, reject } from './rejection.js';

/** The decree takes effect on 1 July 2024 (Art. 40(1)), at 00:00 in Vietnam. */
export const DECREE_IN_FORCE_FROM: Instant = '2024-07-01T00:00:00+07:00';
const IN_FORCE_MS = Date.parse(DECREE_IN_FORCE_FROM);

/**
 * Commands are decided under this decree only from its entry into force (Art. 40(1)); Decree 59/2022/ND-CP governed
 * before it and ceased then (Art. 40(2)). An earlier command is rejected rather than judged by the wrong instrument;
 * accounts granted under 59/2022 enter a stream through `CarryOverAccount` (Art. 40(5)).
 */
export const checkInForce = (atMs: number): E.Either<Rejection, void> =>
  atMs >= IN_FORCE_MS
    ? E.right(undefined)
    : E.left(
        reject(
          'DecreeNotInForce',
          art(40, 1),
          `Decree 69/2024/ND-CP applies from ${DECREE_IN_FORCE_FROM}; earlier acts fall under Decree 59/2022/ND-CP`,
        ),
      );

/** Whether an instant is before the decree's entry into force, for accounts carried over under Art. 40(5). */
export const isBeforeDecree = (atMs: number): boolean => atMs < IN_FORCE_MS;
