import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { type AccountEvent, AccountEventCodec, type LoginRecorded, LoginRecordedCodec } from '@dinhdanh/core';

// Decoding stored data with the core codecs. A refusal whose reason is missing or blank fails the codec (the reason is
// a non-empty string), yet it is a fact the audit must judge: it is read with an empty reason, so that the check for
// its clause reports it, rather than as an unreadable event.

/** A decoded event, or why it is not one. */
export type Decoded<A> = E.Either<string, A>;

const MEMBERS: readonly t.Mixed[] = AccountEventCodec.types;

const memberOf = (type: unknown): t.Mixed | undefined =>
  MEMBERS.find((c) => (c as unknown as { props: { type: { value: unknown } } }).props.type.value === type);

/**
 * What is wrong, one phrase per field: `level: 3 is not (1 | 2 | null)`. Union members' indices are left out of the
 * path, and the type named is the one the field itself should have had.
 */
const explain = (r: t.Validation<unknown>): string => {
  if (E.isRight(r)) return 'valid';
  const phrases = r.left.map((e) => {
    const named = e.context.filter((c) => c.key !== '' && !/^\d+$/.test(c.key));
    const last = named[named.length - 1];
    const field = named.map((c) => c.key).join('.');
    const value = JSON.stringify(e.value) ?? 'undefined';
    return field === '' ? `${value} is not an event` : `${field}: ${value} is not ${last?.type.name ?? 'valid'}`;
  });
  return [...new Set(phrases)].slice(0, 3).join('; ');
};

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

const REFUSALS: ReadonlySet<unknown> = new Set(['AgencyRequestRefused', 'AccountRefused']);

/** Decodes an identity-subject stream event with `AccountEventCodec`, naming what is wrong when it fails. */
export const decodeAccountEvent = (data: unknown): Decoded<AccountEvent> => {
  const r = AccountEventCodec.decode(data);
  if (E.isRight(r)) return r;
  if (!isObject(data)) return E.left('the data is not a JSON object');
  const member = memberOf(data['type']);
  if (member === undefined) return E.left(`unknown event type ${JSON.stringify(data['type'])}`);
  if (
    REFUSALS.has(data['type']) &&
    (data['reason'] === undefined ||
      data['reason'] === null ||
      data['reason'] === '' ||
      (typeof data['reason'] === 'string' && data['reason'].trim() === ''))
  ) {
    const lenient = AccountEventCodec.decode({ ...data, reason: 'read without a reason' });
    if (E.isRight(lenient)) return E.right({ ...lenient.right, reason: '' } as AccountEvent);
  }
  return E.left(explain(member.decode(data)));
};

/** Decodes a login stream event with `LoginRecordedCodec`. */
export const decodeLogin = (data: unknown): Decoded<LoginRecorded> => {
  const r = LoginRecordedCodec.decode(data);
  return E.isRight(r) ? r : E.left(explain(r));
};
