import { describe, expect, it } from 'vitest';
import { art, digest, formatCitation, subjectStream } from '@dinhdanh/core';
import { audit } from './audit.js';
import { AUDIT_CHECKS } from './checks.js';
import { aCitizen, actors, level2InPerson } from '@dinhdanh/core/testing';
import {
  EXAMPLES,
  T,
  base,
  c,
  entries,
  ev,
  exampleFinding,
  runExample,
  verified,
  withAgency,
} from './examples.testSupport.js';
import { findingText, toJson, toText } from './format.js';
import { ndjsonLog } from './source.js';
import { ndjsonOf, runHistory, seal, storeOf } from './history.testSupport.js';

describe('each check has an example history that it reports', () => {
  for (const x of EXAMPLES) {
    it(`${x.check} (${x.citation})`, async () => {
      const report = await runExample(x);
      expect(exampleFinding(x, report), report.findings.map(findingText).join('\n')).toBeDefined();
    });
  }

  it('every check of the catalogue has an example, and every example a check', () => {
    const ids = AUDIT_CHECKS.map((k) => k.id);
    expect(ids.filter((id) => !EXAMPLES.some((x) => x.check === id))).toEqual([]);
    expect(EXAMPLES.map((x) => x.check).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('every finding of every example names a check of the catalogue and cites one of its clauses', async () => {
    for (const x of EXAMPLES) {
      for (const f of (await runExample(x)).findings) {
        const k = AUDIT_CHECKS.find((c) => c.id === f.check);
        expect(k, f.check).toBeDefined();
        expect(k?.severity, f.check).toBe(f.severity);
      }
    }
  });
});

describe('electronic identity cards (Arts. 28-30)', () => {
  const citizen = () =>
    runHistory(
      'C2',
      [
        {
          ...c('RequestAccount', T('03T09:00:00'), actors.officer, { request: level2InPerson(aCitizen()) }),
          subjectId: 'C2',
        },
        { ...c('VerifyIdentity', T('03T09:10:00'), actors.officer, verified('identity-database')), subjectId: 'C2' },
        { ...c('GrantAccount', T('03T10:00:00'), actors.agency), subjectId: 'C2' },
      ],
      { review: true },
    ).events;

  it("Art. 30: a card unlocked by a Public Security officer is reported (competence.lock), its lock on the holder's request is not", async () => {
    const events = citizen();
    const issued = events.some((e) => e.type === 'ElectronicIdentityCardIssued')
      ? []
      : [ev('ElectronicIdentityCardIssued', T('03T10:00:00'), actors.agency, art(28, 2))];
    const log = entries(
      [
        ...events,
        ...issued,
        ev('ElectronicIdentityCardLocked', T('04T09:00:00'), actors.agency, art(29, 2), { ground: 'own-request' }),
        // The citizen's account follows the card (Art. 15(1)).
        ev('AccountLocked', T('04T09:00:00'), actors.system, art(15, 1), { ground: 'electronic-identity-card-locked' }),
        ev('ElectronicIdentityCardUnlocked', T('05T09:00:00'), actors.police, art(30, 2), { ground: 'own-request' }),
        ev('AccountUnlocked', T('05T09:00:00'), actors.system, art(15, 3, 'a'), {
          ground: 'electronic-identity-card-locked',
        }),
      ],
      subjectStream('C2'),
    );
    const report = await audit(seal(log), { asOf: T('31T00:00:00') });
    expect(report.findings.map((f) => [f.check, formatCitation(f.citation), f.revision])).toEqual([
      ['competence.lock', '69/2024/ND-CP Art. 30', log.length - 2],
    ]);
  });
});

describe('Art. 17: the digest', () => {
  const lawful = () => seal(entries(base()));
  const digestOfLawful = async () => {
    const d = await digest(storeOf(entries(base())), { clock: () => T('04T00:00:00') })();
    if (d._tag === 'Left') throw new Error('no digest');
    return d.right;
  };

  it('Art. 17(1): the lawful log matches its digest: no finding', async () => {
    const report = await audit(lawful(), { asOf: T('31T00:00:00'), digest: await digestOfLawful() });
    expect(report.findings).toEqual([]);
  });

  it('Art. 17(1): a history whose hashes were all recomputed after an edit still fails the digest', async () => {
    const edited = seal(entries(base().map((e) => (e.type === 'AccountGranted' ? { ...e, level: 1 as const } : e))));
    const report = await audit(edited, { asOf: T('31T00:00:00'), digest: await digestOfLawful() });
    expect(report.findings.filter((f) => f.severity === 'integrity').map((f) => f.check)).toEqual(['integrity.digest']);
  });

  it('Art. 17(1): the digest is checked on the whole log, even events recorded after asOf', async () => {
    const report = await audit(lawful(), { asOf: T('03T09:05:00'), digest: await digestOfLawful() });
    expect(report.findings).toEqual([]);
    expect(report.events).toBe(1);
  });
});

describe('reading an NDJSON file', () => {
  const log = () => seal(entries(withAgency('approve', T('05T09:00:00'), T('06T09:00:00'))));

  it('Art. 15(2)(d): an NDJSON file gives the same findings as the same events from a store, with line numbers', async () => {
    const text = ndjsonOf(log());
    const fromFile = await audit(ndjsonLog([text.slice(0, 100), text.slice(100)]), { asOf: T('31T00:00:00') });
    const fromEvents = await audit(log(), { asOf: T('31T00:00:00') });
    const { line: _line, ...late } = fromFile.findings.find((f) => f.check === 'agency.forward-late') ?? {};
    expect(fromFile.findings.map((f) => f.line)).toEqual([6]);
    expect(fromEvents.findings).toEqual([late]);
  });

  it('Art. 17(1): a line that is not an event is a finding at its line, and the lines after it keep their numbers', async () => {
    // Line 4 (the activation) is cut short: the stream then jumps from revision 2 to 4 at line 5.
    const text = ndjsonOf(log()).replace(/\n[^\n]*"AccountActivated"[^\n]*\n/, '\n{"truncated":\n');
    const fromFile = await audit(ndjsonLog([text]), { asOf: T('31T00:00:00') });
    expect(fromFile.findings.map((f) => [f.check, f.line])).toEqual([
      ['integrity.revision-gap', 5],
      ['agency.forward-late', 6],
      ['integrity.undecodable', 4],
    ]);
  });
});

describe('determinism', () => {
  it('Art. 15(2)(dd): the same log and asOf give byte-identical JSON and text, however the file is chunked', async () => {
    const text = ndjsonOf(seal(entries(withAgency(null))));
    const a = await audit(ndjsonLog([text]), { asOf: T('31T00:00:00') });
    const b = await audit(ndjsonLog(text.split('')), { asOf: T('31T00:00:00') });
    expect(toJson(b)).toBe(toJson(a));
    expect(toText(b)).toBe(toText(a));
    expect(a.findings.map((f) => f.check)).toEqual(['agency.decide-late']);
  });

  it('an asOf that is not an instant with an offset is refused', async () => {
    await expect(audit([], { asOf: '2025-03-31' })).rejects.toThrow(RangeError);
  });
});
