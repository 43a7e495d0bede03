import * as E from 'fp-ts/lib/Either.js';
import type {
  AppendExpectedRevision,
  CurrentRevision as EsdbCurrentRevision,
  Position,
  ReadPosition,
} from '@eventstore/db-client';
import type { CurrentRevision, SubscribeFrom } from '../port.js';

/**
 * Numbers at the port, `bigint` in EventStoreDB: the conversions, each range-checked, in one place.
 *
 * Revisions are the same at the port and in EventStoreDB (0-based, gap-free per stream), so the in-memory and
 * EventStoreDB adapters number a stream's events identically.
 *
 * The port's global `position` is the event's **commit position** in EventStoreDB's transaction log, as is. Events
 * appended through gRPC are committed one by one (commit = prepare position), so the commit position identifies an
 * event and increases strictly along `$all`; it is a byte offset, so it has gaps, which the port allows. A position
 * is turned back into an EventStoreDB `Position` as `{ commit: n, prepare: n }`. Events of legacy explicit (TCP)
 * transactions share one commit position; they cannot be given distinct numbers and are refused (see
 * {@link portPosition}).
 */

/** `2^53 - 1`: the largest revision or position a JavaScript number holds exactly. */
export const MAX_PORT_NUMBER = Number.MAX_SAFE_INTEGER;

const MAX_BIG = BigInt(MAX_PORT_NUMBER);

// The literal values of the client's constants, checked against its typings: the adapter has no runtime import of
// the client, so that `@eventstore/db-client` stays an optional peer and a compatible client can be passed instead.
export const NO_STREAM = 'no_stream' satisfies AppendExpectedRevision;
export const ANY = 'any' satisfies AppendExpectedRevision;
export const START = 'start' satisfies ReadPosition;
export const END = 'end' satisfies ReadPosition;
export const FORWARDS = 'forwards' as const;
export const BACKWARDS = 'backwards' as const;

/** A stream revision as a port number, or a reason when it is negative or beyond `2^53 - 1`. */
export const portRevision = (revision: bigint): E.Either<string, number> =>
  revision >= 0n && revision <= MAX_BIG
    ? E.right(Number(revision))
    : E.left(`revision ${revision.toString()} is outside 0..2^53-1`);

/**
 * An event's `$all` position as a port number: its commit position. Refused when the commit and prepare positions
 * differ (an event of an explicit transaction, which shares its commit position with the rest of the transaction and
 * so has no number of its own) or exceed `2^53 - 1` (a transaction log past 8 PiB).
 */
export const portPosition = (position: Position): E.Either<string, number> => {
  if (position.commit !== position.prepare) {
    return E.left(
      `commit position ${position.commit.toString()} differs from prepare position ${position.prepare.toString()} ` +
        '(an explicit transaction), which has no single port position',
    );
  }
  return position.commit >= 0n && position.commit <= MAX_BIG
    ? E.right(Number(position.commit))
    : E.left(`position ${position.commit.toString()} is outside 0..2^53-1`);
};

/** The EventStoreDB position of a port position (inverse of {@link portPosition}); 0 and below are the start. */
export const esdbPosition = (position: number): ReadPosition =>
  position <= 0 ? START : { commit: BigInt(position), prepare: BigInt(position) };

/** Where `subscribeToAll` starts for the port's {@link SubscribeFrom} (`after` is exclusive in both). */
export const esdbSubscribeFrom = (from: SubscribeFrom): ReadPosition =>
  from === 'start' ? START : from === 'end' ? END : from.after < 0 ? START : esdbPosition(from.after);

/** The EventStoreDB expected revision that asserts the stream is exactly at `current`. */
export const esdbExpected = (current: CurrentRevision): AppendExpectedRevision =>
  current === 'no-stream' ? NO_STREAM : BigInt(current);

/** A revision reported by EventStoreDB (in a `WrongExpectedVersionError`) as the port's {@link CurrentRevision}. */
export const portCurrentRevision = (current: EsdbCurrentRevision): E.Either<string, CurrentRevision> =>
  current === NO_STREAM ? E.right('no-stream') : portRevision(current);
