import type { Citation, InstrumentId, Point } from './citation.js';

/** A numbered clause of an article and the point letters it has, in order (none for a clause without points). */
export interface ClauseStructure {
  readonly number: number;
  readonly points: readonly Point[];
  /** What the numbering does not show: an unnumbered paragraph, a heading, quoted text of another instrument. */
  readonly note?: string;
}

/** An article: its number, its title as in the translation, and its numbered clauses (none if it is one paragraph). */
export interface ArticleStructure {
  readonly number: number;
  readonly title: string;
  readonly clauses: readonly ClauseStructure[];
  /** What the numbering does not show, e.g. a lead-in sentence before clause 1. */
  readonly note?: string;
}

/**
 * The citable structure of one legal instrument: which articles, clauses and points exist, so that a citation can be
 * checked against the text ({@link citationExists}). Structure only: the wording stays in the source document.
 */
export interface DecreeStructure {
  readonly instrument: InstrumentId;
  readonly title: string;
  /** The text the structure was transcribed from. */
  readonly source: string;
  readonly articles: readonly ArticleStructure[];
}

const C = (points: readonly Point[] = [], note?: string): Omit<ClauseStructure, 'number'> =>
  note === undefined ? { points: Object.freeze([...points]) } : { points: Object.freeze([...points]), note };

/** `n` clauses without points. */
const plain = (n: number): Omit<ClauseStructure, 'number'>[] => Array.from({ length: n }, () => C());

// Decree 69 numbers the clauses of every article 1, 2, 3, ... without gaps, so a clause's number is its position.
const A = (
  number: number,
  title: string,
  clauses: readonly Omit<ClauseStructure, 'number'>[] = [],
  note?: string,
): ArticleStructure =>
  Object.freeze({
    number,
    title,
    clauses: Object.freeze(clauses.map((c, i) => Object.freeze({ number: i + 1, ...c }))),
    ...(note === undefined ? {} : { note }),
  });

const LEAD_IN = 'An unnumbered lead-in sentence precedes clause 1.';
const ONE_PARAGRAPH = 'One unnumbered paragraph, no clauses: cite the article alone.';

/**
 * Decree 69/2024/ND-CP on electronic identification and authentication (25 June 2024, in force 1 July 2024): its 41
 * articles, their clauses and points, transcribed from the English translation in `shared/seeds/003_a14c88081c0ba12b.txt`
 * and checked against it by `catalogue.test.ts`.
 *
 * Unnumbered paragraphs are part of the clause (or article) they follow and cannot be cited on their own; the `note`
 * fields say where they are. The appendix of forms (TK01-TK03, XT01-XT05) is not translated and not catalogued.
 */
export const DECREE_69_2024: DecreeStructure = Object.freeze({
  instrument: '69/2024/ND-CP',
  title: 'Decree 69/2024/ND-CP on electronic identification and authentication',
  source: 'English translation, shared/seeds/003_a14c88081c0ba12b.txt',
  articles: Object.freeze([
    // Chapter I. General provisions
    A(1, 'Scope of regulation', [], ONE_PARAGRAPH),
    A(2, 'Subjects of application', [], ONE_PARAGRAPH),
    A(3, 'Interpretation of terms', plain(11), LEAD_IN),
    A(4, 'Principles of electronic identification and authentication', plain(8)),
    // Chapter II. Electronic identities, electronic identification, electronic identification accounts, and
    // electronic authentication
    A(5, 'Electronic identities of foreigners', [C(['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h']), C()]),
    A(6, 'Electronic identities of agencies and organizations', [C(['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h']), C()]),
    A(
      7,
      'Classification of, and subjects entitled to be granted, electronic identification accounts',
      [
        C(
          [],
          'A second, unnumbered paragraph covers citizens aged 6 to under 14 and under 6; it is still Clause 1 (the decree has no clause 1a).',
        ),
        C(),
        C(),
      ],
      LEAD_IN,
    ),
    A(8, 'Updating of information to the electronic identification and authentication system', plain(2)),
    A(
      9,
      'Use of electronic identification accounts and other electronic transaction accounts created by agencies, organizations, and individuals',
      plain(7),
    ),
    A(10, 'Procedures for grant of electronic identification accounts to Vietnamese citizens', [
      C(['a', 'b', 'c', 'd']),
      C(
        ['a', 'b', 'c', 'd', 'dd'],
        'Point dd is followed by an unnumbered paragraph (guardians register minors with their own phone numbers); cite it as Clause 2 (whether it belongs to point dd the translation does not show).',
      ),
      C(),
    ]),
    A(11, 'Order and procedures for grant of electronic identification accounts to foreigners', [
      C(['a', 'b', 'c', 'd']),
      C(
        ['a', 'b', 'c', 'd', 'dd', 'e'],
        'Point e is followed by an unnumbered paragraph (guardians of foreigners aged 6 to under 14 register with their own phone numbers); cite it as Clause 2 (whether it belongs to point e the translation does not show).',
      ),
    ]),
    A(12, 'Procedures for grant of electronic identification accounts for agencies and organizations', [
      C([], 'A second, unnumbered paragraph covers a dossier delivered by hand (Form TK02).'),
      C([], 'A second, unnumbered paragraph covers information not yet in the databases: the agency verifies it.'),
      C([], 'A second, unnumbered paragraph covers refusal: notice in writing, by text message or via the account.'),
    ]),
    A(
      13,
      'Time limits for processing requests for grant of electronic identification accounts',
      [C(['a', 'b']), C(), C(['a', 'b', 'c']), C(['a', 'b'])],
      'An unnumbered lead-in sentence precedes clause 1: the limits run from receipt of a complete and valid dossier.',
    ),
    A(14, 'Activation and use of electronic identification accounts', plain(4)),
    A(15, 'Order and procedures for locking and unlocking electronic identification accounts', [
      C(
        [],
        'A heading ("Locking and unlocking electronic identification accounts of Vietnamese citizens") followed by one unnumbered paragraph.',
      ),
      C(
        ['a', 'b', 'c', 'd', 'dd'],
        'A heading: "Locking electronic identification accounts of foreigners and organizations".',
      ),
      C(['a', 'b', 'c', 'd'], 'A heading: "Unlocking electronic identification accounts".'),
    ]),
    A(
      16,
      'Competence to grant, lock and unlock electronic identification accounts for Vietnamese citizens, foreigners, and agencies and organizations',
      [],
      ONE_PARAGRAPH,
    ),
    A(17, 'Storage of information in the electronic identification and authentication system', plain(2)),
    A(18, 'Conditions and procedures for connection to the electronic identification and authentication system', [
      C(),
      C(),
      C([], 'A second, unnumbered paragraph covers permitting or refusing the connection.'),
      C(),
      C(),
    ]),
    // Authentication levels 1-4 are the points of Art. 20(1): level N is point a, b, c, d.
    A(19, 'Electronic authentication', plain(4)),
    A(20, 'Levels of authentication of electronic identification accounts', [C(['a', 'b', 'c', 'd']), C()]),
    A(
      21,
      'Methods of electronic authentication in performing transactions through the electronic identification and authentication system',
      plain(2),
    ),
    // Chapter III. Electronic authentication services
    A(22, 'Electronic authentication services', plain(3)),
    A(23, 'Conditions for provision of electronic authentication services', [
      C([], 'A heading ("Conditions on an organization/enterprise") followed by one unnumbered paragraph.'),
      C(['a', 'b'], 'A heading: "Conditions on personnel".'),
      C([], 'A heading (physical facilities, equipment, process, security plan) followed by one unnumbered paragraph.'),
      C(),
    ]),
    A(
      24,
      'Dossiers and procedures for grant of certificates of eligibility for dealing in electronic authentication services',
      [C(['a', 'b']), C(['a', 'b', 'c', 'd', 'dd'])],
    ),
    A(25, 'Re-grant and change of certificates of eligibility for dealing in electronic authentication services', [
      C(),
      C(['a', 'b']),
      C(),
      C(),
      C(['a', 'b']),
    ]),
    A(26, 'Revocation of certificates of eligibility for dealing in electronic authentication services', [
      C(['a', 'b', 'c']),
      C(),
      C(),
    ]),
    A(
      27,
      'Expenses for grant and use of electronic identification accounts and use of electronic authentication services',
      plain(3),
    ),
    // Chapter IV. Electronic identity cards
    A(28, 'Issuance of electronic identity cards', plain(5)),
    A(29, 'Order and procedures for locking electronic identity cards', plain(5)),
    A(30, 'Order and procedures for unlocking electronic identity cards', plain(5)),
    // Chapter V. Responsibilities of agencies, organizations and individuals
    A(31, 'Responsibilities of electronic identity subjects', plain(3)),
    A(32, 'Responsibilities of electronic authentication service users', plain(3)),
    A(
      33,
      'Responsibilities of electronic authentication service providers and agencies, organizations and individuals creating accounts by themselves',
      [C(['a', 'b', 'c', 'd', 'dd', 'e']), C(['a', 'b', 'c', 'd'])],
    ),
    A(34, 'Responsibilities of the Ministry of Public Security', plain(10)),
    A(35, 'Responsibility of the Ministry of Information and Communications', [], ONE_PARAGRAPH),
    A(36, 'Responsibilities of the Ministry of Planning and Investment', plain(3)),
    A(37, 'Responsibilities of the Ministry of National Defense', plain(3)),
    A(38, 'Responsibilities of the Government Cipher Committee', plain(3)),
    A(
      39,
      'Responsibilities of ministries, ministerial-level agencies, government-attached agencies and provincial-level People’s Committees',
      plain(3),
    ),
    // Chapter VI. Implementation provisions
    A(40, 'Effect', [
      ...plain(6),
      C(
        [],
        'Amends Decree 45/2020/ND-CP Art. 7(1); the quoted new text ("1. Organizations and individuals ...") is that decree\'s clause, not a clause of this one.',
      ),
      C(
        [],
        'Amends Decree 107/2021/ND-CP Art. 21a(1)(a); the quoted new text ("a/ Examining and authenticating ...") is that decree\'s point, not a point of this clause.',
      ),
    ]),
    A(41, 'Implementation responsibility', plain(3)),
  ]),
});

/**
 * The instruments whose structure is catalogued, keyed by instrument number. Only Decree 69/2024/ND-CP is catalogued
 * today; the other citable instruments (the Law on Identity, the Labour Code, the Civil Code, ...) are deliberately
 * absent, so {@link citationExists} answers `false` for them rather than vouching for a clause nobody has checked.
 * An amending decree gets its own entry here when it is catalogued.
 */
export const CATALOGUES: { readonly [I in InstrumentId]?: DecreeStructure } = Object.freeze({
  '69/2024/ND-CP': DECREE_69_2024,
});

const articleOf = (c: Citation): ArticleStructure | undefined =>
  CATALOGUES[c.instrument]?.articles.find((a) => a.number === c.article);

/**
 * Whether the cited provision exists in a catalogued instrument: the article exists; the clause, if given, exists in
 * that article; the point, if given, exists in that clause. `false` for an instrument with no catalogue (see
 * {@link CATALOGUES}): an unchecked citation is not taken on trust.
 */
export const citationExists = (c: Citation): boolean => {
  const article = articleOf(c);
  if (article === undefined) return false;
  if (c.clause === undefined) return c.point === undefined;
  const clause = article.clauses.find((k) => k.number === c.clause);
  if (clause === undefined) return false;
  return c.point === undefined || clause.points.includes(c.point);
};

/**
 * The title of the cited article as in the translation, e.g. `Time limits for processing requests for grant of
 * electronic identification accounts` for `Art. 13(1)(a)`; `undefined` when the citation does not exist
 * ({@link citationExists}).
 */
export const describeCitation = (c: Citation): string | undefined =>
  citationExists(c) ? articleOf(c)?.title : undefined;

/**
 * Every citation the structure allows, article by article, each article followed by its clauses and each clause by
 * its points: `Art. 5`, `Art. 5(1)`, `Art. 5(1)(a)`, ... For traceability tables and for property tests.
 */
export const citationsIn = (structure: DecreeStructure): Citation[] =>
  structure.articles.flatMap((a) => [
    { instrument: structure.instrument, article: a.number },
    ...a.clauses.flatMap((k) => [
      { instrument: structure.instrument, article: a.number, clause: k.number },
      ...k.points.map((point) => ({ instrument: structure.instrument, article: a.number, clause: k.number, point })),
    ]),
  ]);
