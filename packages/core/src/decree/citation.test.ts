import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import { describe, expect, it } from 'vitest';
import { citationsIn, DECREE_69_2024 } from './catalogue.js';
import {
  art,
  cite,
  CitationCodec,
  CitationFromString,
  decodeCitation,
  formatCitation,
  INSTRUMENT_IDS,
  parseCitation,
  POINTS,
  type Citation,
  type Point,
} from './citation.js';

const leftOf = <A>(r: E.Either<string, A>): string =>
  E.isLeft(r) ? r.left : `unexpectedly parsed ${JSON.stringify(r.right)}`;

/** Any well-formed citation of any known instrument, whether or not the provision exists. */
const anyCitation: fc.Arbitrary<Citation> = fc
  .record({
    instrument: fc.constantFrom(...INSTRUMENT_IDS),
    article: fc.integer({ min: 1, max: 500 }),
    clause: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    point: fc.option(fc.constantFrom(...POINTS), { nil: undefined }),
  })
  .map(({ instrument, article, clause, point }) =>
    clause === undefined
      ? cite(instrument, article)
      : point === undefined
        ? cite(instrument, article, clause)
        : cite(instrument, article, clause, point),
  );

describe('printing citations', () => {
  it('prints article, clause and point the way the project cites the decree', () => {
    expect(formatCitation(art(15, 2, 'a'))).toBe('69/2024/ND-CP Art. 15(2)(a)');
    expect(formatCitation(art(17))).toBe('69/2024/ND-CP Art. 17');
    expect(formatCitation(art(13, 1))).toBe('69/2024/ND-CP Art. 13(1)');
    expect(formatCitation(art(15, 2, 'dd'))).toBe('69/2024/ND-CP Art. 15(2)(dd)');
    expect(formatCitation(cite('26/2023/QH15', 34, 1, 'b'))).toBe('26/2023/QH15 Art. 34(1)(b)');
  });

  it('builds plain frozen objects that leave absent parts absent', () => {
    expect(art(15, 2, 'a')).toEqual({ instrument: '69/2024/ND-CP', article: 15, clause: 2, point: 'a' });
    expect(Object.keys(art(17))).toEqual(['instrument', 'article']);
    expect(Object.isFrozen(art(17))).toBe(true);
    expect(cite('91/2015/QH13', 147)).toEqual({ instrument: '91/2015/QH13', article: 147 });
  });

  it('treats a malformed citation written in code as a programming error', () => {
    expect(() => art(0)).toThrow(RangeError);
    expect(() => art(15, 1.5)).toThrow(/clause must be a positive integer, got 1.5/);
    expect(() => art(15, 2, 'f' as Point)).toThrow(/"f" is not a Vietnamese point letter/);
    expect(() => cite('70/2024/ND-CP' as '69/2024/ND-CP', 1)).toThrow(/unknown instrument "70\/2024\/ND-CP"/);
  });
});

describe('parsing citations', () => {
  it('reads the printed form and the short form, which cites Decree 69/2024/ND-CP', () => {
    expect(parseCitation('69/2024/ND-CP Art. 15(2)(a)')).toEqual(E.right(art(15, 2, 'a')));
    expect(parseCitation('Art. 15(2)(a)')).toEqual(E.right(art(15, 2, 'a')));
    expect(parseCitation('Art. 17')).toEqual(E.right(art(17)));
    expect(parseCitation('  Art. 13(1) ')).toEqual(E.right(art(13, 1)));
    expect(parseCitation('45/2019/QH14 Art. 112(1)')).toEqual(E.right(cite('45/2019/QH14', 112, 1)));
  });

  it('explains what is wrong with text that is not a citation', () => {
    expect(leftOf(parseCitation('Article 15'))).toBe(
      'not a citation: "Article 15" (expected e.g. "69/2024/ND-CP Art. 15(2)(a)" or "Art. 15(2)(a)")',
    );
    expect(leftOf(parseCitation('Art. 15(a)'))).toMatch(/^not a citation: "Art. 15\(a\)"/);
    expect(leftOf(parseCitation('Art. 015'))).toMatch(/^not a citation/);
    expect(leftOf(parseCitation(''))).toMatch(/^not a citation: ""/);
    expect(leftOf(parseCitation('Art. 15(2)(f)'))).toBe(
      'invalid citation "Art. 15(2)(f)": "f" is not a Vietnamese point letter (a, b, c, d, dd, e, g, h, i, k, l, m, n, o, p, q, r, s, t, u, v, x, y)',
    );
    expect(leftOf(parseCitation('70/2024/ND-CP Art. 1'))).toMatch(
      /^invalid citation "70\/2024\/ND-CP Art. 1": unknown instrument "70\/2024\/ND-CP" \(known: 69\/2024\/ND-CP, /,
    );
    expect(leftOf(parseCitation('Art. 0'))).toContain('article must be a positive integer, got 0');
    expect(leftOf(parseCitation('Art. 99999999999999999999'))).toContain('article must be a positive integer');
  });

  it('round-trips every provision of the decree through print and parse, long and short form', () => {
    fc.assert(
      fc.property(fc.constantFrom(...citationsIn(DECREE_69_2024)), (c) => {
        const printed = formatCitation(c);
        expect(parseCitation(printed)).toEqual(E.right(c));
        expect(parseCitation(printed.replace('69/2024/ND-CP ', ''))).toEqual(E.right(c));
        expect(formatCitation(E.getOrElseW(() => art(1))(parseCitation(printed)))).toBe(printed);
      }),
    );
  });

  it('round-trips any well-formed citation of any known instrument', () => {
    fc.assert(
      fc.property(anyCitation, (c) => {
        expect(parseCitation(formatCitation(c))).toEqual(E.right(c));
      }),
    );
  });
});

describe('the citation codec', () => {
  it('decodes what it encodes, also after a trip through JSON', () => {
    fc.assert(
      fc.property(anyCitation, (c) => {
        expect(CitationCodec.decode(JSON.parse(JSON.stringify(CitationCodec.encode(c))))).toEqual(E.right(c));
        expect(CitationCodec.is(c)).toBe(true);
        expect(CitationFromString.decode(CitationFromString.encode(c))).toEqual(E.right(c));
      }),
    );
  });

  it('rejects an unknown instrument, a non-Vietnamese point and malformed numbers, saying which', () => {
    const cases: [unknown, string][] = [
      [{ instrument: '70/2024/ND-CP', article: 15 }, 'unknown instrument "70/2024/ND-CP" (known: 69/2024/ND-CP, '],
      [{ instrument: '69/2024/ND-CP', article: 15, clause: 2, point: 'f' }, '"f" is not a Vietnamese point letter'],
      [{ instrument: '69/2024/ND-CP', article: 15, clause: 2, point: 'A' }, '"A" is not a Vietnamese point letter'],
      [{ instrument: '69/2024/ND-CP', article: 0 }, 'article must be a positive integer, got 0'],
      [{ instrument: '69/2024/ND-CP', article: '15' }, 'article must be a positive integer, got "15"'],
      [{ instrument: '69/2024/ND-CP', article: 15, clause: 2.5 }, 'clause must be a positive integer, got 2.5'],
      [{ instrument: '69/2024/ND-CP', article: 15, clause: null }, 'clause must be a positive integer, got null'],
      [{ instrument: '69/2024/ND-CP', article: 15, point: 'a' }, 'point "a" is given without a clause'],
      [{ article: 15 }, 'unknown instrument undefined'],
      [{ instrument: '69/2024/ND-CP', article: 15, clause: 2, pont: 'a' }, 'unexpected key(s) "pont"'],
      ['69/2024/ND-CP Art. 15', 'expected a citation object such as {"instrument":"69/2024/ND-CP"'],
      [null, 'got null'],
    ];
    for (const [input, message] of cases) {
      const decoded = CitationCodec.decode(input);
      expect(E.isLeft(decoded), JSON.stringify(input)).toBe(true);
      expect(PathReporter.report(decoded).join('\n')).toContain(message);
      expect(leftOf(decodeCitation(input))).toContain(message);
      expect(CitationCodec.is(input)).toBe(false);
    }
  });

  it('reports every problem of a bad citation at once', () => {
    expect(leftOf(decodeCitation({ instrument: 'ND-CP', article: -1, point: 'z', extra: 1 }))).toBe(
      'unexpected key(s) "extra" (a citation has instrument, article, clause, point); ' +
        `unknown instrument "ND-CP" (known: ${INSTRUMENT_IDS.join(', ')}); ` +
        'article must be a positive integer, got -1; ' +
        `"z" is not a Vietnamese point letter (${POINTS.join(', ')}); ` +
        'point "z" is given without a clause',
    );
  });

  it('reads citations stored as text with the same messages as parseCitation', () => {
    expect(CitationFromString.decode('Art. 15(2)(a)')).toEqual(E.right(art(15, 2, 'a')));
    expect(PathReporter.report(CitationFromString.decode('Art. 15(2)(f)')).join()).toContain(
      '"f" is not a Vietnamese point letter',
    );
    expect(PathReporter.report(CitationFromString.decode(15)).join()).toContain('expected a citation as text');
  });
});
