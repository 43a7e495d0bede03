import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreError, type StoreError } from '../errors.js';
import type { NewEvent } from '../port.js';
import { MIN_LOGIN_MAX_AGE_SECONDS } from './metadata.js';
import { setLoginRetention, type RetentionRefused } from './retention.js';
import { connectionString, SKIPPED } from './skip.js';
import { createEventStoreDbStore } from './store.js';
import { verifyEventStoreDb } from './verify.js';

// Against a real server only; never a mocked client. The test plays an administrator who deletes, truncates and
// expires streams with the raw client (the adapter offers no way to), and checks that the verifier reports each.
if (connectionString === undefined) console.warn(`EventStoreDB verifier ${SKIPPED}`);

const Noted = t.type({ type: t.literal('Noted'), text: t.string });
type Noted = t.TypeOf<typeof Noted>;

const noted = (text: string): NewEvent<Noted> => ({
  eventId: randomUUID(),
  type: 'Noted',
  data: { type: 'Noted', text },
});

const ok = async <A>(task: () => Promise<E.Either<StoreError | RetentionRefused, A>>): Promise<A> => {
  const r = await task();
  if (E.isLeft(r)) throw new Error(r.left._tag === 'RetentionRefused' ? r.left.reason : describeStoreError(r.left));
  return r.right;
};

describe.skipIf(connectionString === undefined)('EventStoreDB verifier and retention against a server', () => {
  if (connectionString === undefined) {
    it(SKIPPED, () => undefined);
    return;
  }
  const client = EventStoreDBClient.connectionString(connectionString);
  afterAll(() => client.dispose());
  const namespace = `verify_${randomUUID().replaceAll('-', '')}.`;
  const store = createEventStoreDbStore({ client, codec: Noted, namespace });
  const raw = (streamId: string): string => namespace + streamId;

  it('reports identity streams an administrator expired, truncated, soft-deleted or tombstoned, and short login retention', async () => {
    const s = (name: string): string => `subject-${name}-${randomUUID()}`;
    const [intact, expired, truncated, softDeleted, tombstoned, shortened] = [
      s('intact'),
      s('expired'),
      s('truncated'),
      s('soft'),
      s('tomb'),
      s('short'),
    ];
    const [loginOk, loginShort] = [`login-${randomUUID()}`, `login-${randomUUID()}`];
    for (const id of [intact, expired, truncated, softDeleted, tombstoned, shortened, loginOk, loginShort]) {
      await ok(store.append(id, [noted('0'), noted('1'), noted('2')], 'no-stream'));
    }
    await client.setStreamMetadata(raw(expired), { maxAge: 60 });
    await client.setStreamMetadata(raw(truncated), { truncateBefore: 2 });
    await client.deleteStream(raw(softDeleted));
    await client.tombstoneStream(raw(tombstoned));
    await ok(setLoginRetention(client, loginOk, MIN_LOGIN_MAX_AGE_SECONDS, { namespace }));
    await client.setStreamMetadata(raw(loginShort), { maxAge: 30 * 86_400 });

    const report = await ok(
      verifyEventStoreDb(client, { namespace, recordedRevisions: { [shortened]: 5, [intact]: 2 } }),
    );
    const kindsOf = (id: string): string[] => report.findings.filter((f) => f.streamId === id).map((f) => f.kind);
    expect(report.streamsChecked).toEqual(expect.arrayContaining([intact, expired, loginOk]));
    expect(kindsOf(intact)).toEqual([]);
    expect(kindsOf(expired)).toContain('identity-max-age');
    expect(kindsOf(truncated)).toContain('identity-truncate-before');
    expect(kindsOf(softDeleted)).toContain('soft-deleted');
    expect(kindsOf(tombstoned)).toContain('tombstoned');
    expect(kindsOf(shortened)).toEqual(['shorter-than-recorded']);
    expect(kindsOf(loginOk)).toEqual([]);
    expect(kindsOf(loginShort)).toEqual(['login-max-age-too-short']);

    // The store itself refuses to read a truncated identity stream as if it began later.
    expect(await store.readStream(truncated)()).toMatchObject(
      E.left({ _tag: 'CorruptEvent', streamId: truncated, revision: 0 }),
    );
  });

  it('refuses to give an identity stream or a login stream under five years any retention, writing nothing', async () => {
    const subject = `subject-${randomUUID()}`;
    const login = `login-${randomUUID()}`;
    await ok(store.append(subject, [noted('a')], 'no-stream'));
    await ok(store.append(login, [noted('a')], 'no-stream'));
    expect(await setLoginRetention(client, subject, MIN_LOGIN_MAX_AGE_SECONDS, { namespace })()).toMatchObject(
      E.left({ _tag: 'RetentionRefused', streamId: subject }),
    );
    expect(await setLoginRetention(client, login, MIN_LOGIN_MAX_AGE_SECONDS - 1, { namespace })()).toMatchObject(
      E.left({ _tag: 'RetentionRefused', streamId: login }),
    );
    expect((await client.getStreamMetadata(raw(subject))).metadata).toBeUndefined();
    expect((await client.getStreamMetadata(raw(login))).metadata).toBeUndefined();
  });
});
