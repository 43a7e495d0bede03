import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/**
 * The point letters of Vietnamese legislation, in order: the Vietnamese alphabet without f, j, w, z, with "đ" written
 * `dd` (so `a, b, c, d, dd, e, g, h, i, k, ...`).
 */
// prettier-ignore
export const POINTS = [
  'a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k', 'l', 'm',
  'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y',
] as const;

/** A point letter of a clause, e.g. the `a` of `Art. 15(2)(a)`. */
export type Point = (typeof POINTS)[number];

/**
 * The instruments a citation may name, with their titles.
 *
 * Only Decree 69/2024/ND-CP has a structure catalogue (see `catalogue.ts`); the others are here so that rules can
 * name the law they rest on (the Law on Identity's locking grounds, the Labour Code's holidays, the Civil Code's
 * periods, the working week). No amending decree of 69/2024 had been promulgated as of early 2026: when one is, add
 * its number here, and the catalogue for it in `catalogue.ts`.
 */
export const INSTRUMENTS = {
  '69/2024/ND-CP': { title: 'Decree 69/2024/ND-CP on electronic identification and authentication' },
  '59/2022/ND-CP': {
    title:
      'Decree 59/2022/ND-CP on electronic identification and authentication (repealed by 69/2024/ND-CP Art. 40(2))',
  },
  '26/2023/QH15': { title: 'Law on Identity 2023 (Law 26/2023/QH15)' },
  '45/2019/QH14': { title: 'Labour Code 2019 (Law 45/2019/QH14)' },
  '91/2015/QH13': { title: 'Civil Code 2015 (Law 91/2015/QH13)' },
  '188/1999/QD-TTg': { title: "Prime Minister's Decision 188/1999/QD-TTg on the 40-hour working week" },
} as const satisfies Readonly<Record<string, { readonly title: string }>>;

/** The number of an instrument that can be cited, e.g. `69/2024/ND-CP`. */
export type InstrumentId = keyof typeof INSTRUMENTS;

/** Every citable instrument number, in the order of {@link INSTRUMENTS}. */
export const INSTRUMENT_IDS = Object.keys(INSTRUMENTS) as readonly InstrumentId[];

/** The instrument this project encodes, and the one {@link art} and the short form `Art. N` cite. */
export const DEFAULT_INSTRUMENT = '69/2024/ND-CP' satisfies InstrumentId;

/**
 * A reference to an article, clause or point of a legal instrument, printed `69/2024/ND-CP Art. 15(2)(a)`.
 *
 * Every rule and every recorded event carries one as its legal basis. A point is only given with its clause. The type
 * parameter narrows the instrument when a caller needs to insist on one (e.g. `Citation<'69/2024/ND-CP'>`).
 * Build one with {@link art} or {@link cite}; read one with {@link parseCitation} or {@link CitationCodec}.
 */
export interface Citation<I extends InstrumentId = InstrumentId> {
  readonly instrument: I;
  readonly article: number;
  readonly clause?: number;
  readonly point?: Point;
}

const isInstrumentId = (u: unknown): u is InstrumentId =>
  typeof u === 'string' && Object.prototype.hasOwnProperty.call(INSTRUMENTS, u);

const isPoint = (u: unknown): u is Point => typeof u === 'string' && (POINTS as readonly string[]).includes(u);

const isPositiveInteger = (u: unknown): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u > 0;

const show = (u: unknown): string => {
  if (u === undefined) return 'undefined';
  if (typeof u === 'bigint') return `${u}n`;
  try {
    return JSON.stringify(u) ?? String(u);
  } catch {
    return String(u);
  }
};

const POINT_LIST = POINTS.join(', ');
const INSTRUMENT_LIST = INSTRUMENT_IDS.join(', ');

// Plain data only: the type leaves absent parts absent (exactOptionalPropertyTypes), and freezing keeps shared
// constants such as a rule's legal basis from being altered by whoever receives them.
const build = <I extends InstrumentId>(instrument: I, article: number, clause?: number, point?: Point): Citation<I> =>
  Object.freeze({
    instrument,
    article,
    ...(clause === undefined ? {} : { clause }),
    ...(point === undefined ? {} : { point }),
  });

/**
 * The citation made of these parts, or every reason they do not make one. The single check behind {@link art},
 * {@link cite}, {@link parseCitation} and {@link CitationCodec}, so the four can never disagree.
 */
const validate = (
  instrument: unknown,
  article: unknown,
  clause: unknown,
  point: unknown,
): E.Either<string[], Citation> => {
  const problems: string[] = [];
  if (!isInstrumentId(instrument)) problems.push(`unknown instrument ${show(instrument)} (known: ${INSTRUMENT_LIST})`);
  if (!isPositiveInteger(article)) problems.push(`article must be a positive integer, got ${show(article)}`);
  if (clause !== undefined && !isPositiveInteger(clause))
    problems.push(`clause must be a positive integer, got ${show(clause)}`);
  if (point !== undefined && !isPoint(point))
    problems.push(`${show(point)} is not a Vietnamese point letter (${POINT_LIST})`);
  if (point !== undefined && clause === undefined) problems.push(`point ${show(point)} is given without a clause`);
  // The guards repeat the checks above so that the compiler, not a cast, vouches for the parts' types.
  return problems.length === 0 &&
    isInstrumentId(instrument) &&
    isPositiveInteger(article) &&
    (clause === undefined || isPositiveInteger(clause)) &&
    (point === undefined || isPoint(point))
    ? E.right(build(instrument, article, clause, point))
    : E.left(problems);
};

const checked = <I extends InstrumentId>(
  instrument: I,
  article: number,
  clause?: number,
  point?: Point,
): Citation<I> => {
  const r = validate(instrument, article, clause, point);
  // A rule's citation is written in code: a bad one is a broken program, not bad input.
  if (E.isLeft(r)) throw new RangeError(`invalid citation: ${r.left.join('; ')}`);
  return r.right as Citation<I>;
};

/**
 * Cites an article, clause or point of Decree 69/2024/ND-CP: `art(15, 2, 'a')` is `69/2024/ND-CP Art. 15(2)(a)`.
 *
 * Checks the form only (positive integers, a known point letter); whether the decree has that clause is
 * `citationExists` in `catalogue.ts`. Throws a `RangeError` on a malformed citation, which is a programming error.
 */
export function art(article: number): Citation<'69/2024/ND-CP'>;
export function art(article: number, clause: number): Citation<'69/2024/ND-CP'>;
export function art(article: number, clause: number, point: Point): Citation<'69/2024/ND-CP'>;
export function art(article: number, clause?: number, point?: Point): Citation<'69/2024/ND-CP'> {
  return checked(DEFAULT_INSTRUMENT, article, clause, point);
}

/**
 * Cites an article, clause or point of any known instrument: `cite('26/2023/QH15', 34, 1, 'b')` is the Law on
 * Identity's Art. 34(1)(b). Same checks and `RangeError` as {@link art}.
 */
export function cite<I extends InstrumentId>(instrument: I, article: number): Citation<I>;
export function cite<I extends InstrumentId>(instrument: I, article: number, clause: number): Citation<I>;
export function cite<I extends InstrumentId>(instrument: I, article: number, clause: number, point: Point): Citation<I>;
export function cite<I extends InstrumentId>(
  instrument: I,
  article: number,
  clause?: number,
  point?: Point,
): Citation<I> {
  return checked(instrument, article, clause, point);
}

/**
 * Prints a citation the way the project writes it everywhere: `69/2024/ND-CP Art. 15(2)(a)`, `69/2024/ND-CP Art. 17`,
 * `69/2024/ND-CP Art. 13(1)`. {@link parseCitation} reads it back.
 */
export const formatCitation = (c: Citation): string =>
  `${c.instrument} Art. ${c.article}` +
  (c.clause === undefined ? '' : `(${c.clause})`) +
  (c.point === undefined ? '' : `(${c.point})`);

// Instrument numbers look like `69/2024/ND-CP` or `26/2023/QH15`; whether one is known is checked after matching so
// that an unknown one gets its own message. Numbers with a leading zero (`Art. 015`) are refused so that every citation
// has one spelling; a bare 0 is matched only to be refused with a clearer message.
const CITATION_RE = /^(?:(\d+\/\d{4}\/[A-Za-z0-9-]+)\s+)?Art\.\s*(0|[1-9]\d*)(?:\((0|[1-9]\d*)\)(?:\(([a-z]+)\))?)?$/;

/**
 * Reads a citation printed by {@link formatCitation} (`69/2024/ND-CP Art. 15(2)(a)`), or its short form without the
 * instrument (`Art. 15(2)(a)`), which cites Decree 69/2024/ND-CP. Surrounding whitespace is ignored.
 *
 * Returns a readable message naming the input when the text is not a citation, names an unknown instrument, or uses
 * a letter that is not a Vietnamese point (there is no point `f`). Whether the clause exists is not checked here.
 */
export const parseCitation = (text: string): E.Either<string, Citation> => {
  const m = CITATION_RE.exec(text.trim());
  if (m === null)
    return E.left(`not a citation: ${show(text)} (expected e.g. "69/2024/ND-CP Art. 15(2)(a)" or "Art. 15(2)(a)")`);
  const [, instrument = DEFAULT_INSTRUMENT, article = '', clause, point] = m;
  return E.mapLeft((problems: string[]) => `invalid citation ${show(text)}: ${problems.join('; ')}`)(
    validate(instrument, Number(article), clause === undefined ? undefined : Number(clause), point),
  );
};

/** A citation as it is stored: the same plain object, absent parts absent. */
export interface CitationJson {
  readonly instrument: string;
  readonly article: number;
  readonly clause?: number;
  readonly point?: string;
}

const KEYS: ReadonlySet<string> = new Set(['instrument', 'article', 'clause', 'point']);

/**
 * io-ts codec for a {@link Citation} stored as a plain object (an event's `legalBasis`, a rule table in a file).
 *
 * Strict: an unknown instrument, a letter that is not a Vietnamese point, a non-positive or fractional number, a point
 * without a clause, or an unexpected key (a misspelt `pont` would otherwise vanish silently) is rejected, each with a
 * message that says what was wrong. Every problem is reported, not only the first.
 */
export const CitationCodec: t.Type<Citation, CitationJson, unknown> = new t.Type<Citation, CitationJson, unknown>(
  'Citation',
  (u): u is Citation => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
    const r = u as Record<string, unknown>;
    return (
      Object.keys(r).every((k) => KEYS.has(k)) &&
      E.isRight(validate(r['instrument'], r['article'], r['clause'], r['point']))
    );
  },
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u))
      return t.failure(
        u,
        c,
        `expected a citation object such as {"instrument":"69/2024/ND-CP","article":15,"clause":2,"point":"a"}, got ${show(u)}`,
      );
    const r = u as Record<string, unknown>;
    const extra = Object.keys(r).filter((k) => !KEYS.has(k));
    const v = validate(r['instrument'], r['article'], r['clause'], r['point']);
    const problems = [
      ...(extra.length > 0
        ? [`unexpected key(s) ${extra.map(show).join(', ')} (a citation has instrument, article, clause, point)`]
        : []),
      ...(E.isLeft(v) ? v.left : []),
    ];
    if (E.isRight(v) && problems.length === 0) return t.success(v.right);
    return t.failures(problems.map((message) => ({ value: u, context: c, message })));
  },
  (c) => build(c.instrument, c.article, c.clause, c.point),
);

/** io-ts codec for a citation stored as its printed text (`69/2024/ND-CP Art. 15(2)(a)`), e.g. in a CSV column. */
export const CitationFromString: t.Type<Citation, string, unknown> = new t.Type<Citation, string, unknown>(
  'CitationFromString',
  CitationCodec.is,
  (u, c) => {
    if (typeof u !== 'string')
      return t.failure(u, c, `expected a citation as text such as "69/2024/ND-CP Art. 15(2)(a)", got ${show(u)}`);
    const parsed = parseCitation(u);
    return E.isRight(parsed) ? t.success(parsed.right) : t.failure(u, c, parsed.left);
  },
  formatCitation,
);

/**
 * Decodes a stored citation with {@link CitationCodec}, giving its problems as one readable message
 * (`unknown instrument "70/2024/ND-CP" (known: ...); "f" is not a Vietnamese point letter (...)`).
 */
export const decodeCitation = (u: unknown): E.Either<string, Citation> => {
  const r = CitationCodec.decode(u);
  return E.isRight(r) ? r : E.left(r.left.map((e) => e.message ?? `invalid citation ${show(e.value)}`).join('; '));
};
