import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { type CivilDate, type Instant, parseCivilDate, parseInstant } from './civilDate.js';

/** io-ts codec of a {@link CivilDate} (`YYYY-MM-DD`, a real day of the calendar). */
export const CivilDateCodec = new t.Type<CivilDate, string, unknown>(
  'CivilDate',
  (u): u is CivilDate => typeof u === 'string' && E.isRight(parseCivilDate(u)),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'expected a date as YYYY-MM-DD');
    const r = parseCivilDate(u);
    return E.isLeft(r) ? t.failure(u, c, r.left.message) : t.success(r.right);
  },
  (d) => d,
);

/** io-ts codec of an {@link Instant}: ISO 8601 with `Z` or an explicit offset, never a bare local time. */
export const InstantCodec = new t.Type<Instant, string, unknown>(
  'Instant',
  (u): u is Instant => typeof u === 'string' && E.isRight(parseInstant(u)),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'expected an ISO 8601 instant with Z or an offset');
    const r = parseInstant(u);
    return E.isLeft(r) ? t.failure(u, c, r.left.message) : t.success(u);
  },
  (i) => i,
);
