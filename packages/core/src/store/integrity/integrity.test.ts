import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../hashChain.js';
import type { EventStore, StoredEvent } from '../port.js';
import { DigestCodec, digest, printDigest, signDigest, verifyDigestSignature, type Digest } from './digest.js';
import { importNdjson, readNdjson } from './ndjson.js';
import type { InMemoryEventStore } from '../inMemory.js';
import { exportText, type HistoryEvent, historyStore, HistoryCodec, realHistory, textSource } from './testSupport.js';
import { NO_DIGEST_WARNING, verifyLog, type VerificationReport } from './verify.js';

const dir = mkdtempSync(join(tmpdir(), 'dinhdanh-integrity-'));
let fileNo = 0;
const writeFile = (text: string): string => {
  const path = join(dir, `log-${fileNo++}.ndjson`);
  writeFileSync(path, text);
  return path;
};

const verify = async (text: string, d?: Digest): Promise<VerificationReport> => {
  const r = await verifyLog(writeFile(text), d)();
  if (E.isLeft(r)) throw new Error(`unreadable: ${JSON.stringify(r.left)}`);
  return r.right;
};

interface Line {
  streamId: string;
  revision: number;
  position: number;
  data: Record<string, unknown>;
  hash: string;
  previousHash: string;
}
const parse = (l: string): Line => JSON.parse(l) as Line;
const lines = (text: string): string[] => text.split('\n').slice(0, -1);
const join1 = (ls: readonly string[]): string => ls.map((l) => `${l}\n`).join('');

let text = '';
let ls: string[] = [];
let theDigest: Digest;

beforeAll(async () => {
  const store = await realHistory(false, 6);
  text = await exportText(store);
  ls = lines(text);
  const d = await digest(store, { clock: () => '2030-01-01T00:00:00.000Z' })();
  if (E.isLeft(d)) throw new Error('digest failed');
  theDigest = d.right;
});

/** The index of a line in the middle of the file whose stream has a later event too, in a chained stream. */
const middleLine = (): number => {
  for (let i = Math.floor(ls.length / 3); i < ls.length; i++) {
    const l = parse(ls[i] as string);
    if (!l.streamId.startsWith('subject-') || l.revision === 0) continue;
    if (ls.slice(i + 1).some((x) => parse(x).streamId === l.streamId)) return i;
  }
  throw new Error('no middle line');
};

describe('tamper detection on an exported log (Art. 17(1): identity information is stored eternally, unaltered)', () => {
  it('a real history verifies, with and without its digest, and matches the digest of the file', async () => {
    expect(ls.length).toBeGreaterThan(30);
    expect(new Set(ls.map((l) => parse(l).streamId.split('-')[0]))).toEqual(new Set(['subject', 'login']));
    const plain = await verify(text);
    expect(plain).toMatchObject({ ok: true, events: ls.length, warnings: [NO_DIGEST_WARNING] });
    const against = await verify(text, theDigest);
    expect(against).toMatchObject({ ok: true, digestMatched: true, digestPositionMatches: true, warnings: [] });
    const ofFile = await digest(writeFile(text), { clock: () => theDigest.createdAt })();
    expect(ofFile).toEqual(E.right(theDigest));
  });

  it('an edited field in one line is detected at that line, stream and revision', async () => {
    const i = middleLine();
    const l = parse(ls[i] as string);
    const edited = ls.map((x, k) => (k === i ? x.replace('"v":1', '"v":2') : x));
    expect(edited[i]).not.toBe(ls[i]);
    const r = await verify(join1(edited));
    expect(r).toMatchObject({
      ok: false,
      failure: { kind: 'hash', line: i + 1, streamId: l.streamId, revision: l.revision },
    });
    expect(r.events).toBe(i);
  });

  it('a removed event in the middle is detected at the next event of its stream', async () => {
    const i = middleLine();
    const l = parse(ls[i] as string);
    const next = ls.findIndex((x, k) => k > i && parse(x).streamId === l.streamId);
    const removed = ls.filter((_, k) => k !== i);
    const r = await verify(join1(removed));
    expect(r.failure).toMatchObject({ kind: 'revision', streamId: l.streamId, revision: l.revision + 1, line: next });
  });

  it('the removed last event of a stream is detected only against the digest', async () => {
    const i = ls.findIndex(
      (x, k) =>
        k < ls.length - 5 &&
        parse(x).streamId.startsWith('subject-') &&
        !ls.slice(k + 1).some((y) => parse(y).streamId === parse(x).streamId),
    );
    expect(i).toBeGreaterThanOrEqual(0);
    const removed = join1(ls.filter((_, k) => k !== i));
    expect((await verify(removed)).ok).toBe(true);
    expect((await verify(removed, theDigest)).failure).toMatchObject({ kind: 'digest' });
  });

  it('a reordered pair of lines is detected at the second line of the pair', async () => {
    const i = middleLine();
    const swapped = [...ls];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1] as string, swapped[i] as string];
    const r = await verify(join1(swapped));
    const second = parse(swapped[i + 1] as string);
    expect(r.failure).toMatchObject({
      kind: 'order',
      line: i + 2,
      streamId: second.streamId,
      revision: second.revision,
    });
  });

  it('a reordered pair whose positions were swapped back is caught by a stream chain or, across streams, the digest', async () => {
    const i = ls.findIndex((x, k) => {
      const a = parse(x);
      const b = ls[k + 1] === undefined ? undefined : parse(ls[k + 1] as string);
      return (
        b !== undefined &&
        k > 5 &&
        a.streamId !== b.streamId &&
        !a.streamId.startsWith('login') &&
        !b.streamId.startsWith('login')
      );
    });
    const a = parse(ls[i] as string);
    const b = parse(ls[i + 1] as string);
    const swapped = [...ls];
    swapped[i] = (ls[i + 1] as string).replace(`"position":${b.position}`, `"position":${a.position}`);
    swapped[i + 1] = (ls[i] as string).replace(`"position":${a.position}`, `"position":${b.position}`);
    expect((await verify(join1(swapped))).ok).toBe(true);
    const r = await verify(join1(swapped), theDigest);
    expect(r.failure).toMatchObject({ kind: 'digest' });
  });

  it('a cut tail is undetectable without a digest, and detected with one, naming the last event left', async () => {
    const lastSubject = ls.map((x) => parse(x).streamId.startsWith('subject-')).lastIndexOf(true);
    const cut = ls.slice(0, lastSubject - 1);
    const without = await verify(join1(cut));
    expect(without.ok).toBe(true);
    expect(without.warnings).toContain(NO_DIGEST_WARNING);
    const last = parse(cut[cut.length - 1] as string);
    const withDigest = await verify(join1(cut), theDigest);
    expect(withDigest.failure).toMatchObject({
      kind: 'digest',
      line: cut.length,
      streamId: last.streamId,
      revision: last.revision,
    });
    expect(withDigest.failure?.message).toMatch(/cut off or removed/);
  });

  it('login events after the last identity event are outside the digest: their cut is not detected (Art. 17(2))', async () => {
    const lastSubject = ls.map((x) => parse(x).streamId.startsWith('subject-')).lastIndexOf(true);
    expect(lastSubject).toBeLessThan(ls.length - 1);
    expect(await verify(join1(ls.slice(0, lastSubject + 1)), theDigest)).toMatchObject({
      ok: true,
      digestMatched: true,
    });
  });

  it('a history rewritten with every hash recomputed passes the chains, and only an earlier digest catches it', async () => {
    const i = middleLine();
    const target = parse(ls[i] as string).streamId;
    const forged: string[] = [];
    let previous: string | undefined;
    for (const [k, x] of ls.entries()) {
      const l = JSON.parse(x) as Line & Record<string, unknown>;
      if (l.streamId !== target || k < i) {
        forged.push(x);
        continue;
      }
      if (k === i) l.data = { ...l.data, v: 2 };
      l.previousHash = previous ?? l.previousHash;
      const h = eventHash(l as never, l.previousHash);
      if (E.isLeft(h)) throw new Error('hash');
      l.hash = h.right;
      previous = h.right;
      forged.push(JSON.stringify(l));
    }
    expect((await verify(join1(forged))).ok).toBe(true);
    expect((await verify(join1(forged), theDigest)).failure).toMatchObject({ kind: 'digest' });
  });

  it('a lawful login purge (a prefix of a login stream) leaves identity digests valid and is listed', async () => {
    const login = parse(ls.find((x) => parse(x).streamId.startsWith('login-') && parse(x).revision === 1) as string);
    const purged = ls.filter((x) => !(parse(x).streamId === login.streamId && parse(x).revision === 0));
    const r = await verify(join1(purged), theDigest);
    expect(r).toMatchObject({ ok: true, digestMatched: true, purgedLoginPrefixes: 1 });
    expect(r.purgedLoginList[0]).toMatchObject({ streamId: login.streamId, firstRevision: 1 });
    // The same cut in an identity stream is tampering.
    const subject = ls.findIndex((x) => parse(x).streamId.startsWith('subject-') && parse(x).revision === 0);
    const r2 = await verify(join1(ls.filter((_, k) => k !== subject)));
    expect(r2.failure).toMatchObject({ kind: 'revision' });
  });

  it('a malformed JSON line and an unknown event type are reported with their line numbers', async () => {
    const broken = [...ls];
    broken[4] = (ls[4] as string).slice(0, 40);
    expect((await verify(join1(broken))).failure).toMatchObject({ kind: 'malformed', line: 5 });
    const results = [];
    for await (const r of readNdjson(textSource(join1(broken)), HistoryCodec)) results.push(r);
    expect(results).toHaveLength(5);
    expect(results[4]).toMatchObject(E.left({ kind: 'malformed', line: 5 }));

    // An unknown type, with the hash recomputed so that only the codec can object.
    const l = JSON.parse(ls[6] as string) as Line & { type: string };
    l.data = { ...l.data, type: 'AccountTeleported' };
    l.type = 'AccountTeleported';
    const h = eventHash(l as never, l.previousHash);
    if (E.isLeft(h)) throw new Error('hash');
    const unknown = join1([...ls.slice(0, 6), JSON.stringify({ ...l, hash: h.right })]);
    const target = historyStore();
    const r = await importNdjson(writeFile(unknown), target, { codec: HistoryCodec })();
    expect(r).toMatchObject(E.left({ kind: 'undecodable', line: 7 }));
    expect(target.eventCount()).toBe(0);
  });

  it('an extra field in a line is refused (it would be content no hash vouches for)', async () => {
    const extra = [...ls];
    extra[2] = (ls[2] as string).replace('{', '{"note":"x",');
    expect((await verify(join1(extra))).failure).toMatchObject({ kind: 'malformed', line: 3 });
  });
});

describe('NDJSON round trip and import', () => {
  it('store -> NDJSON -> new store -> NDJSON is byte-identical, with or without stored hashes', async () => {
    for (const hashChain of [false, true]) {
      const target = historyStore(hashChain);
      const r = await importNdjson(writeFile(text), target, {
        codec: HistoryCodec,
        clock: () => theDigest.createdAt,
      })();
      expect(r).toEqual(E.right({ appended: ls.length, skipped: 0, digest: theDigest }));
      expect(await exportText(target)).toBe(text);
    }
  });

  it('a store kept with hashes exports the same file as one without', async () => {
    expect(await exportText(await realHistory(true, 6))).toBe(text);
  });

  it('an import into a store that holds a conflicting stream is refused and leaves it unchanged', async () => {
    const target = historyStore(true);
    const first = parse(ls[0] as string);
    target.appendSync(
      first.streamId,
      [{ eventId: 'someone-else', type: 'LoginRecorded', data: JSON.parse(ls[0] as string).data }],
      'no-stream',
    );
    const before = await exportText(target);
    const r = await importNdjson(writeFile(text), target, { codec: HistoryCodec })();
    expect(r).toMatchObject(E.left({ kind: 'conflict', streamId: first.streamId, revision: 0, line: 1 }));
    expect(await exportText(target)).toBe(before);
    expect(target.eventCount()).toBe(1);
  });

  it('an import resumes after an interruption: what the target holds is skipped, the rest appended', async () => {
    const target = historyStore();
    const half = Math.floor(ls.length / 2);
    expect(E.isRight(await importNdjson(writeFile(join1(ls.slice(0, half))), target, { codec: HistoryCodec })())).toBe(
      true,
    );
    const r = await importNdjson(writeFile(text), target, { codec: HistoryCodec })();
    expect(r).toMatchObject(E.right({ appended: ls.length - half, skipped: half }));
    expect(await exportText(target)).toBe(text);
  });

  it('a tampered file is refused before anything is written', async () => {
    const i = middleLine();
    const edited = ls.map((x, k) => (k === i ? x.replace('"v":1', '"v":2') : x));
    const target = historyStore();
    const r = await importNdjson(writeFile(join1(edited)), target, { codec: HistoryCodec })();
    expect(r).toMatchObject(E.left({ kind: 'hash', line: i + 1 }));
    expect(target.eventCount()).toBe(0);
  });

  it('reads a file from a byte stream split anywhere, multi-byte characters included', async () => {
    const events = [];
    for await (const r of readNdjson(textSource(text, 7), HistoryCodec)) {
      if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
      events.push(r.right);
    }
    expect(events.map((e) => e.line)).toEqual(ls.map((_, k) => k + 1));
    expect(events[0]?.data).toEqual(parse(ls[0] as string).data);
  });
});

describe('digests', () => {
  it('are small and printable, read back by their codec, and signed with Ed25519', () => {
    const printed = printDigest(theDigest);
    expect(printed.length).toBeLessThan(300);
    expect(DigestCodec.decode(JSON.parse(printed))).toEqual(E.right(theDigest));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signed = signDigest(theDigest, privateKey);
    expect(verifyDigestSignature(signed, publicKey)).toBe(true);
    expect(verifyDigestSignature({ ...signed, count: signed.count - 1 }, publicKey)).toBe(false);
    expect(verifyDigestSignature(theDigest, publicKey)).toBe(false);
    expect(verifyDigestSignature(signed, generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });

  it('a file read from disk keeps its bytes (the test fixture is what was exported)', () => {
    expect(readFileSync(writeFile(text), 'utf8')).toBe(text);
  });
});

/** A store whose `readAll` shows its events through `tamper`, as an administrator with direct access could leave them. */
const tampered = <E>(
  store: EventStore<E>,
  tamper: (events: ReadonlyArray<StoredEvent<E>>) => ReadonlyArray<StoredEvent<E>>,
): EventStore<E> => ({
  ...store,
  readAll: (options) =>
    TE.fromTask(async () => {
      const all = await store.readAll()();
      if (E.isLeft(all)) throw new Error('read failed');
      const from = options?.fromPosition ?? 0;
      return tamper(all.right)
        .filter((e) => e.position >= from)
        .slice(0, options?.maxCount);
    }),
});

describe('tamper detection in a store (Art. 17(1)): the first bad stream and revision are named', () => {
  const pick = (events: ReadonlyArray<StoredEvent<unknown>>): StoredEvent<unknown> => {
    const e = events.find(
      (x, k) =>
        x.streamId.startsWith('subject-') &&
        x.revision > 0 &&
        events.slice(k + 1).some((y) => y.streamId === x.streamId),
    );
    if (e === undefined) throw new Error('no event to tamper with');
    return e;
  };

  const allOf = (store: InMemoryEventStore<HistoryEvent>): ReadonlyArray<StoredEvent<HistoryEvent>> => {
    const all = store.readAllSync();
    if (E.isLeft(all)) throw new Error('read failed');
    return all.right;
  };

  it('an edited event, a removed one and a cut tail, in a store that keeps the chain', async () => {
    const store = await realHistory(true, 6);
    const all = allOf(store);
    const victim = pick(all);
    const where = { streamId: victim.streamId, revision: victim.revision, position: victim.position };

    const edited = tampered(store, (es) =>
      es.map((e) => (e.position === victim.position ? { ...e, recordedAt: '2020-01-01T00:00:00.000Z' } : e)),
    );
    const r1 = await verifyLog(edited)();
    expect(r1).toMatchObject(E.right({ ok: false, failure: { kind: 'hash', ...where } }));
    expect(E.isRight(r1) && r1.right.failure?.line).toBe(undefined);

    const removed = tampered(store, (es) => es.filter((e) => e.position !== victim.position));
    expect(await verifyLog(removed)()).toMatchObject(
      E.right({ failure: { kind: 'revision', streamId: victim.streamId, revision: victim.revision + 1 } }),
    );

    const lastSubject = all.map((e) => e.streamId.startsWith('subject-')).lastIndexOf(true);
    const cut = tampered(store, (es) => es.slice(0, lastSubject));
    const kept = all[lastSubject - 1] as StoredEvent<unknown>;
    expect(await verifyLog(cut)()).toMatchObject(E.right({ ok: true }));
    expect(await verifyLog(cut, theDigest)()).toMatchObject(
      E.right({ ok: false, failure: { kind: 'digest', streamId: kept.streamId, revision: kept.revision } }),
    );
  });

  it('a store that does not keep the chain is hashed while read: only its digest vouches for it', async () => {
    const store = await realHistory(false, 6);
    const r = await verifyLog(store, theDigest)();
    expect(r).toMatchObject(E.right({ ok: true, digestMatched: true }));
    expect(E.isRight(r) && r.right.unhashedEvents).toBe(store.eventCount());
    const victim = pick(allOf(store));
    const edited = tampered(store, (es) =>
      es.map((e) => (e.position === victim.position ? { ...e, eventId: 'forged' } : e)),
    );
    expect(await verifyLog(edited, theDigest)()).toMatchObject(E.right({ ok: false, failure: { kind: 'digest' } }));
  });
});
