// The people and organisations of a simulated population: who they are when they first come to the system. Their
// lives (requests, renewals, deaths, logins) are in simulatorLifecycle.ts.
import type { Citizen, Foreigner, IdentityCard, Organisation, Subject, SubjectKind } from '../account/subject.js';
import { type CivilDate, addDays, civilDate, partsOf } from '../calendar/civilDate.js';
import type { Rng } from './simulatorRandom.js';

const DAY = 86_400_000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** `date` moved `years` calendar years; 29 February becomes 28 February in a common year. */
export const shiftYears = (date: CivilDate, years: number): CivilDate => {
  const p = partsOf(date);
  const y = p.year + years;
  return civilDate(y, p.month, p.month === 2 && p.day === 29 && !isLeapYear(y) ? 28 : p.day);
};

/** Full years of age on a day. */
export const ageOn = (dob: CivilDate, on: CivilDate): number => {
  const b = partsOf(dob);
  const d = partsOf(on);
  return d.year - b.year - (d.month > b.month || (d.month === b.month && d.day >= b.day) ? 0 : 1);
};

// The ages at which a card is renewed under the Law on Identity 2023 (Art. 21): 14, 25, 40 and 60; a card issued
// from 60 on has no expiry.
const CARD_RENEWAL_AGES = [14, 25, 40, 60] as const;

/** The last day of validity of a card held on `on`: the next renewal birthday, or `null` from 60 on. */
export const cardValidUntil = (dob: CivilDate, on: CivilDate): CivilDate | null => {
  for (const age of CARD_RENEWAL_AGES) {
    const birthday = shiftYears(dob, age);
    if (birthday > on) return birthday;
  }
  return null;
};

// Provinces' codes, the first three digits of a personal identification number (Circular 59/2021/TT-BCA, annex).
// prettier-ignore
const PROVINCES = [
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
] as const;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'] as const;
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Gia', 'Ngọc', 'Đức', 'Thanh', 'Hữu'] as const;
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Hà', 'Huy', 'Lan', 'Linh', 'Mai', 'Nam', 'Phúc', 'Tâm', 'Trang'] as const;
const FOREIGN = [
  ['Anna Schmidt', 'DEU'],
  ['John Smith', 'USA'],
  ['Kim Min-jun', 'KOR'],
  ['Sato Yuki', 'JPN'],
  ['Marie Dubois', 'FRA'],
  ['Liam Wilson', 'AUS'],
  ['Wang Wei', 'CHN'],
  ['Park Ji-woo', 'KOR'],
  ['Somchai Sukjai', 'THA'],
] as const;
const ORG_KINDS = ['Công ty TNHH', 'Công ty Cổ phần', 'Hợp tác xã', 'Hội', 'Quỹ'] as const;
const ORG_WORDS = ['Sao Mai', 'Bình Minh', 'Thăng Long', 'Phương Nam', 'Hồng Hà', 'Việt Tiến', 'Hoa Sen'] as const;
const CITIES = ['Hà Nội', 'TP Hồ Chí Minh', 'Đà Nẵng', 'Hải Phòng', 'Cần Thơ'] as const;

/** Ages in full years drawn from a population pyramid: about 18% children under 14, 17% aged 60 and over. */
const drawAge = (r: Rng): number => {
  const u = r.float();
  if (u < 0.07) return r.int(0, 5);
  if (u < 0.18) return r.int(6, 13);
  if (u < 0.23) return r.int(14, 17);
  if (u < 0.83) return r.int(18, 59);
  return r.int(60, 90);
};

const dobForAge = (r: Rng, age: number, on: CivilDate): CivilDate =>
  addDays(shiftYears(on, -age), -r.int(0, 364 - (partsOf(on).month === 2 ? 1 : 0)));

/** What a subject's generation may be asked to respect. */
export interface SubjectConstraints {
  readonly kind?: SubjectKind;
  /** Ages in full years on the first day, both included. */
  readonly ages?: readonly [number, number];
  /** Every document stays valid until at least this day (no expiry inside the period). */
  readonly validThrough?: CivilDate;
  readonly capacity?: Citizen['legalCapacity'];
}

const drawKind = (r: Rng): SubjectKind => {
  const u = r.float();
  return u < 0.8 ? 'citizen' : u < 0.92 ? 'foreigner' : 'organisation';
};

const drawCapacity = (r: Rng, age: number): Citizen['legalCapacity'] => {
  if (age < 18) return 'full';
  const u = r.float();
  return u < 0.008 ? 'under-guardianship' : u < 0.01 ? 'represented' : 'full';
};

const citizen = (r: Rng, index: number, on: CivilDate, c: SubjectConstraints): Citizen => {
  const age = c.ages === undefined ? drawAge(r) : r.int(c.ages[0], c.ages[1]);
  const dob = dobForAge(r, age, on);
  const female = r.chance(0.5);
  const century = partsOf(dob).year >= 2000 ? 2 : 0;
  // Unique for up to 63 million subjects: the province cycles with the index, the serial counts within it.
  const pin = `${PROVINCES[index % PROVINCES.length] as string}${century + (female ? 1 : 0)}${pad(partsOf(dob).year % 100, 2)}${pad(Math.floor(index / PROVINCES.length) % 1_000_000, 6)}`;
  // A card about to expire on the first day was renewed already: the next renewal age applies.
  let validUntil = cardValidUntil(dob, addDays(on, 45));
  if (c.validThrough !== undefined && validUntil !== null && validUntil < c.validThrough) validUntil = null;
  const identityCard: IdentityCard = {
    // Cards issued from 1 July 2024 are identity cards (Law on Identity 2023); older ones citizen identity cards.
    type: r.chance(0.7) ? 'citizen-identity-card' : 'identity-card',
    number: pin,
    validUntil,
    status: 'valid',
  };
  return {
    kind: 'citizen',
    personalIdentificationNumber: pin,
    fullName: `${r.pick(FAMILY)} ${female ? 'Thị' : r.pick(MIDDLE)} ${r.pick(GIVEN)}`,
    dateOfBirth: dob,
    identityCard,
    legalCapacity: c.capacity ?? drawCapacity(r, age),
    diedOn: null,
  };
};

const foreigner = (r: Rng, index: number, on: CivilDate, c: SubjectConstraints): Foreigner => {
  const age = c.ages === undefined ? (r.chance(0.08) ? r.int(0, 17) : r.int(18, 70)) : r.int(c.ages[0], c.ages[1]);
  const [name, nationality] = r.pick(FOREIGN);
  const years = age < 14 ? 5 : 10;
  // Issued up to `years` years ago, valid for `years` years; one expiring within 60 days was renewed already.
  let issuedOn = addDays(on, -r.int(0, years * 365 - 1));
  if (addDays(shiftYears(issuedOn, years), -1) < addDays(on, 60)) issuedOn = addDays(on, -r.int(0, 30));
  let expiresOn = addDays(shiftYears(issuedOn, years), -1);
  if (c.validThrough !== undefined && expiresOn < c.validThrough) {
    issuedOn = addDays(on, -r.int(0, 30));
    expiresOn = addDays(shiftYears(issuedOn, 10), -1);
  }
  // Temporary residence cards run 1 to 2 years, permanent ones 10 (Law on Entry and Exit of Foreigners, Arts. 38-39).
  const permanent = r.chance(0.15);
  let residenceEnds = addDays(on, permanent ? r.int(365, 3650) : r.int(60, 730));
  if (c.validThrough !== undefined && residenceEnds < c.validThrough) residenceEnds = addDays(c.validThrough, 365);
  return {
    kind: 'foreigner',
    identificationNumber: `9${pad(index, 11)}`,
    fullName: name,
    dateOfBirth: dobForAge(r, age, on),
    gender: r.chance(0.5) ? 'female' : 'male',
    nationality,
    travelDocument: {
      type: r.chance(0.95) ? 'passport' : 'international-travel-document',
      number: `P${pad(index % 100_000_000, 8)}`,
      issuedOn,
      placeOfIssue: nationality,
      expiresOn,
    },
    residenceCard: {
      type: permanent ? 'permanent' : 'temporary',
      number: `${permanent ? 'TT' : 'TR'}-${pad(index, 8)}`,
      expiresOn: residenceEnds,
    },
    biometricsOnFile: r.chance(0.6),
    legalCapacity: c.capacity ?? drawCapacity(r, age),
    diedOn: null,
  };
};

const organisation = (r: Rng, index: number, on: CivilDate): Organisation => {
  const name = `${r.pick(ORG_KINDS)} ${r.pick(ORG_WORDS)} ${index}`;
  return {
    kind: 'organisation',
    identificationNumber: `7${pad(index, 9)}`,
    name,
    establishedOn: addDays(on, -r.int(30, 12_000)),
    headOffice: r.pick(CITIES),
    legalRepresentative: {
      fullName: `${r.pick(FAMILY)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`,
      identificationNumber: `0${pad(index % 100_000_000_000, 11)}`,
    },
    inNationalDatabases: r.chance(0.85),
    status: 'operating',
    taxCode: `01${pad(index % 100_000_000, 8)}`,
  };
};

/**
 * A subject of a simulated population as first known on day `on`: citizens of every age (a pyramid with children
 * and the elderly) with cards that expire at the renewal ages of the Law on Identity 2023, foreigners with passports
 * and residence cards that expire, organisations in or outside the national databases. `index` makes the
 * identification numbers unique within a population of up to 63 million.
 */
export const generateSubject = (r: Rng, index: number, on: CivilDate, c: SubjectConstraints = {}): Subject => {
  switch (c.kind ?? drawKind(r)) {
    case 'citizen':
      return citizen(r, index, on, c);
    case 'foreigner':
      return foreigner(r, index, on, c);
    case 'organisation':
      return organisation(r, index, on);
  }
};

/** The id of a subject's stream: its personal or foreigner or organisation identification number. */
export const idOfSubject = (s: Subject): string =>
  s.kind === 'citizen' ? s.personalIdentificationNumber : s.identificationNumber;

/** `n` days in milliseconds. */
export const days = (n: number): number => n * DAY;
