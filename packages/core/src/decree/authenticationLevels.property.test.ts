import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authenticationLevel,
  categoryOf,
  differentFactors,
  MEANS,
  MeansCodec,
  meetsAuthenticationLevel,
  type AuthenticationLevel,
  type Means,
} from './authenticationLevels.js';
import { citationExists } from './catalogue.js';
import { formatCitation } from './citation.js';

const means: fc.Arbitrary<Means> = fc.constantFrom(...MEANS);
/** The means presented at one login: any number of them, in any order, repetitions included. */
const login: fc.Arbitrary<Means[]> = fc.array(means, { maxLength: 10 });
const required: fc.Arbitrary<AuthenticationLevel> = fc.constantFrom(1, 2, 3, 4);

const levelOf = (ms: readonly Means[]) => authenticationLevel(ms).level;
const hasBiometric = (ms: readonly Means[]) => ms.some((m) => categoryOf(m) === 'biometric');

describe('Art. 20(1) levels of authentication, as properties', () => {
  it('Art. 20(1): presenting another means of authentication never lowers the level', () => {
    fc.assert(fc.property(login, means, (ms, extra) => levelOf([...ms, extra]) >= levelOf(ms)));
  });

  it('Art. 20(1): presenting a superset of means never lowers the level', () => {
    fc.assert(fc.property(login, login, (ms, more) => levelOf([...ms, ...more]) >= levelOf(ms)));
  });

  it('Art. 20(1): the level depends on which means are presented, not their order or repetition', () => {
    fc.assert(
      fc.property(
        login.chain((ms) =>
          fc.tuple(
            fc.constant(ms),
            // A permutation of the login with some of its means presented again, anywhere.
            fc
              .tuple(fc.constant(ms), fc.subarray(ms))
              .chain(([all, again]) =>
                fc.shuffledSubarray([...all, ...again], { minLength: all.length + again.length }),
              ),
          ),
        ),
        ([ms, reordered]) => {
          expect(authenticationLevel(reordered)).toEqual(authenticationLevel(ms));
        },
      ),
    );
  });

  it('Art. 20(1): a reversed or duplicated login gets the same level, citation and reason', () => {
    fc.assert(
      fc.property(login, (ms) => {
        const r = authenticationLevel(ms);
        expect(authenticationLevel([...ms].reverse())).toEqual(r);
        expect(authenticationLevel([...ms, ...ms])).toEqual(r);
      }),
    );
  });

  it('Art. 20(1)(c)-(d): level 3 or 4 iff a biometric is present among at least two different factors', () => {
    fc.assert(
      fc.property(login, (ms) => {
        const high = levelOf(ms) >= 3;
        expect(high).toBe(hasBiometric(ms) && differentFactors(ms).length >= 2);
      }),
    );
  });

  it('Art. 20(1)(d): level 4 iff a biometric, a factor owned and a factor known are all presented', () => {
    fc.assert(
      fc.property(login, (ms) => {
        const cats = new Set(ms.map(categoryOf));
        expect(levelOf(ms) === 4).toBe(cats.has('biometric') && cats.has('owned') && cats.has('known'));
      }),
    );
  });

  it('Art. 20(1)(d): level 4 implies the conditions of level 3 (Art. 20(1)(c))', () => {
    fc.assert(
      fc.property(login, (ms) => {
        fc.pre(levelOf(ms) === 4);
        expect(hasBiometric(ms)).toBe(true);
        expect(differentFactors(ms).length).toBeGreaterThanOrEqual(2);
      }),
    );
  });

  it('Art. 20(1)(a)-(b): without biometric information, one factor is level 1 and two or more are level 2', () => {
    fc.assert(
      fc.property(login, (ms) => {
        fc.pre(!hasBiometric(ms));
        expect(levelOf(ms)).toBe(Math.min(differentFactors(ms).length, 2));
      }),
    );
  });

  it('Art. 20(1): every result cites an existing provision, printed 69/2024/ND-CP Art. 20(1)(x) for its level', () => {
    fc.assert(
      fc.property(login, (ms) => {
        const r = authenticationLevel(ms);
        expect(citationExists(r.citation)).toBe(true);
        const point = r.level === 0 ? '' : `(${'abcd'[r.level - 1] ?? '?'})`;
        expect(formatCitation(r.citation)).toBe(`69/2024/ND-CP Art. 20(1)${point}`);
        expect(r.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it('Art. 20(1), Art. 21(1): a login meeting a required level meets every lower one, and keeps it with more means', () => {
    fc.assert(
      fc.property(login, login, required, (ms, more, r) => {
        fc.pre(meetsAuthenticationLevel(ms, r));
        for (let lower = 1; lower <= r; lower++)
          expect(meetsAuthenticationLevel(ms, lower as AuthenticationLevel)).toBe(true);
        expect(meetsAuthenticationLevel([...ms, ...more], r)).toBe(true);
      }),
    );
  });

  it('Art. 3(8): the codec accepts exactly the modelled means', () => {
    fc.assert(
      fc.property(fc.oneof(means, fc.string()), (s) => {
        expect(E.isRight(MeansCodec.decode(s))).toBe((MEANS as readonly string[]).includes(s));
      }),
    );
  });
});
