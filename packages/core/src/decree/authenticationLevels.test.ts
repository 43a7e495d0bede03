import * as E from 'fp-ts/lib/Either.js';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import { describe, expect, it } from 'vitest';
import {
  authenticationLevel,
  AUTHENTICATION_LEVEL_BASIS,
  categoryOf,
  differentFactors,
  MEANS,
  MEANS_TABLE,
  MeansCodec,
  MeansListCodec,
  meetsAuthenticationLevel,
  type Means,
} from './authenticationLevels.js';
import { citationExists } from './catalogue.js';
import { formatCitation } from './citation.js';

const classify = (...means: Means[]): { level: number; cites: string } => {
  const r = authenticationLevel(means);
  return { level: r.level, cites: formatCitation(r.citation) };
};

describe('levels of authentication (Art. 20(1))', () => {
  it('gives no level when nothing is presented, citing Art. 20(1)', () => {
    expect(classify()).toEqual({ level: 0, cites: '69/2024/ND-CP Art. 20(1)' });
    expect(authenticationLevel([]).reason).toBe('no means of authentication presented');
  });

  it('gives level 1 for one factor without biometric information (Art. 20(1)(a))', () => {
    expect(classify('password')).toEqual({ level: 1, cites: '69/2024/ND-CP Art. 20(1)(a)' });
    expect(classify('citizenIdentityCard')).toEqual({ level: 1, cites: '69/2024/ND-CP Art. 20(1)(a)' });
  });

  it('gives level 2 for two different factors without biometric information (Art. 20(1)(b))', () => {
    expect(classify('password', 'otpSoftware')).toEqual({ level: 2, cites: '69/2024/ND-CP Art. 20(1)(b)' });
  });

  it('counts two means of the same category as two different factors (Art. 3(7): a factor is a means in use)', () => {
    expect(classify('password', 'secretCode')).toEqual({ level: 2, cites: '69/2024/ND-CP Art. 20(1)(b)' });
  });

  it('reads "two" in Art. 20(1)(b) as at least two: three non-biometric factors stay level 2', () => {
    expect(classify('password', 'secretCode', 'otpDevice')).toEqual({ level: 2, cites: '69/2024/ND-CP Art. 20(1)(b)' });
  });

  it('counts the same means presented twice once', () => {
    expect(classify('password', 'password')).toEqual({ level: 1, cites: '69/2024/ND-CP Art. 20(1)(a)' });
  });

  it('gives level 3 for two or more different factors including a biometric (Art. 20(1)(c))', () => {
    expect(classify('password', 'facePhoto')).toEqual({ level: 3, cites: '69/2024/ND-CP Art. 20(1)(c)' });
    expect(classify('terminalDevice', 'fingerprint')).toEqual({ level: 3, cites: '69/2024/ND-CP Art. 20(1)(c)' });
    expect(authenticationLevel(['password', 'facePhoto']).reason).toMatch(/level 4 also needs a factor owned/);
  });

  it('gives level 3 for two different biometrics with nothing owned or known', () => {
    expect(classify('facePhoto', 'fingerprint')).toEqual({ level: 3, cites: '69/2024/ND-CP Art. 20(1)(c)' });
    expect(authenticationLevel(['facePhoto', 'fingerprint']).reason).toMatch(
      /level 4 also needs a factor owned and a factor known$/,
    );
  });

  it('gives level 4 for a biometric, a factor owned and a factor known (Art. 20(1)(d))', () => {
    expect(classify('password', 'terminalDevice', 'facePhoto')).toEqual({
      level: 4,
      cites: '69/2024/ND-CP Art. 20(1)(d)',
    });
    expect(classify('iris', 'barcode', 'identityCard', 'voice')).toEqual({
      level: 4,
      cites: '69/2024/ND-CP Art. 20(1)(d)',
    });
    expect(authenticationLevel(['facePhoto', 'terminalDevice', 'password']).reason).toBe(
      'a biometric factor (facePhoto), a factor owned (terminalDevice) and a factor known (password)',
    );
  });

  it('gives no level for a biometric alone, which no point of Art. 20(1) describes', () => {
    expect(classify('facePhoto')).toEqual({ level: 0, cites: '69/2024/ND-CP Art. 20(1)' });
    expect(classify('iris', 'iris')).toEqual({ level: 0, cites: '69/2024/ND-CP Art. 20(1)' });
    expect(authenticationLevel(['voice']).reason).toMatch(/biometric alone \(voice\) reaches no level/);
  });

  it('cites a provision of the decree for every level', () => {
    for (const c of Object.values(AUTHENTICATION_LEVEL_BASIS)) expect(citationExists(c)).toBe(true);
  });
});

describe('factor categories of the means of Art. 3(8)', () => {
  it('puts password, secret code and barcode among the factors known (Art. 20(1)(d))', () => {
    expect(MEANS.filter((m) => categoryOf(m) === 'known')).toEqual(['password', 'secretCode', 'barcode']);
  });

  it('puts devices, software and identity documents among the factors owned (Art. 20(1)(d))', () => {
    expect(MEANS.filter((m) => categoryOf(m) === 'owned')).toEqual([
      'terminalDevice',
      'otpDevice',
      'otpSoftware',
      'cryptographicDevice',
      'cryptographicSoftware',
      'identityCard',
      'citizenIdentityCard',
      'passport',
    ]);
  });

  it('puts face photo, fingerprint, voice and iris among the biometric factors (Art. 20(1)(d))', () => {
    expect(MEANS.filter((m) => categoryOf(m) === 'biometric')).toEqual(['facePhoto', 'fingerprint', 'voice', 'iris']);
  });

  it('states a reading for every means Art. 20(1)(d) does not name, and cites that point for all', () => {
    for (const m of MEANS) {
      expect(formatCitation(MEANS_TABLE[m].basis)).toBe('69/2024/ND-CP Art. 20(1)(d)');
      expect(MEANS_TABLE[m].reading.length).toBeGreaterThan(0);
    }
    expect(MEANS_TABLE.barcode.reading).toMatch(/2D barcode/);
    expect(MEANS_TABLE.otpSoftware.reading).toMatch(/software/);
  });

  it('lists the different factors once each, in the order of Art. 3(8)', () => {
    expect(differentFactors(['facePhoto', 'password', 'facePhoto'])).toEqual(['password', 'facePhoto']);
  });
});

describe('meeting a required level', () => {
  it('accepts a higher level for a lower requirement and refuses a lower one', () => {
    const lvl3: Means[] = ['password', 'facePhoto'];
    expect([1, 2, 3, 4].map((r) => meetsAuthenticationLevel(lvl3, r as 1 | 2 | 3 | 4))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(meetsAuthenticationLevel([], 1)).toBe(false);
    expect(meetsAuthenticationLevel(['facePhoto'], 1)).toBe(false);
  });
});

describe('reading means from outside', () => {
  it('decodes the means of Art. 3(8) and a login list of them', () => {
    for (const m of MEANS) expect(MeansCodec.decode(m)).toEqual(E.right(m));
    expect(MeansListCodec.decode(['password', 'otpSoftware'])).toEqual(E.right(['password', 'otpSoftware']));
  });

  it('refuses an unknown means with a message naming it and the known ones', () => {
    const r = MeansListCodec.decode(['password', 'sms']);
    expect(E.isLeft(r)).toBe(true);
    const report = PathReporter.report(r).join('\n');
    expect(report).toMatch(/unknown means of authentication "sms" \(Art\. 3\(8\); known: password, secretCode/);
    expect(E.isLeft(MeansCodec.decode(42))).toBe(true);
    expect(E.isLeft(MeansCodec.decode('Password'))).toBe(true);
  });
});
