import type { AccountCommand } from '../account/commands.js';
import type { Citizen, Foreigner, Organisation } from '../account/subject.js';
import type { CivilDate } from '../calendar/civilDate.js';
import type { Actor } from '../decree/competence.js';
import type { AccountRequest } from '../decree/procedures.js';

// Readable builders for tests and examples: a subject of each kind, the actors, and the requests of each procedure.

const d = (s: string): CivilDate => s as CivilDate;

/** The actors of the decree's procedures. */
export const actors = {
  subject: { role: 'subject', id: 'subject' },
  guardian: { role: 'guardian', id: 'guardian-1' },
  legalRepresentative: { role: 'legal-representative', id: 'rep-1' },
  officer: { role: 'receiving-officer', id: 'officer-1' },
  agency: { role: 'management-agency', id: 'C06' },
  system: { role: 'system', id: 'electronic-identification-and-authentication-system' },
  police: { role: 'public-security', id: 'ward-police-1' },
} as const satisfies Record<string, Actor>;

/** A foreigner with a passport and a temporary residence card, biometrics on file. */
export const aForeigner = (overrides: Partial<Foreigner> = {}): Foreigner => ({
  kind: 'foreigner',
  identificationNumber: '900000000001',
  fullName: 'Anna Schmidt',
  dateOfBirth: d('1990-05-17'),
  gender: 'female',
  nationality: 'DEU',
  travelDocument: {
    type: 'passport',
    number: 'C01X00T47',
    issuedOn: d('2020-01-10'),
    placeOfIssue: 'Berlin',
    expiresOn: d('2030-01-09'),
  },
  residenceCard: { type: 'temporary', number: 'TT-123456', expiresOn: d('2027-06-30') },
  biometricsOnFile: true,
  legalCapacity: 'full',
  diedOn: null,
  ...overrides,
});

/** A Vietnamese citizen with a valid identity card. */
export const aCitizen = (overrides: Partial<Citizen> = {}): Citizen => ({
  kind: 'citizen',
  personalIdentificationNumber: '001090012345',
  fullName: 'Nguyễn Văn An',
  dateOfBirth: d('1990-03-02'),
  identityCard: { type: 'citizen-identity-card', number: '001090012345', validUntil: d('2030-03-02'), status: 'valid' },
  legalCapacity: 'full',
  diedOn: null,
  ...overrides,
});

/** An operating organisation found in the national databases. */
export const anOrganisation = (overrides: Partial<Organisation> = {}): Organisation => ({
  kind: 'organisation',
  identificationNumber: '7000000001',
  name: 'Công ty TNHH Ví dụ',
  establishedOn: d('2015-04-01'),
  headOffice: 'Hà Nội',
  legalRepresentative: { fullName: 'Trần Thị Bình', identificationNumber: '001080054321' },
  inNationalDatabases: true,
  status: 'operating',
  ...overrides,
});

/** An in-person level-2 request (Arts. 10(2), 11(2)), the subject applying themselves. */
export const level2InPerson = (
  subject: Citizen | Foreigner,
  overrides: Partial<AccountRequest> = {},
): AccountRequest => ({
  subject,
  level: 2,
  channel: 'in-person',
  applicant: { role: 'self' },
  faceImage: null,
  form: 'TK01',
  consentConfirmedByOfficer: subject.kind === 'foreigner',
  withCardApplication: false,
  ...overrides,
});

/** A level-1 request on the app (Arts. 10(1), 11(1)), the subject applying themselves. */
export const level1OnApp = (subject: Citizen | Foreigner, overrides: Partial<AccountRequest> = {}): AccountRequest => ({
  subject,
  level: 1,
  channel: 'app',
  applicant: { role: 'self' },
  faceImage: { kind: 'face-photo', ref: 'sha256:face' },
  form: null,
  consentConfirmedByOfficer: false,
  withCardApplication: false,
  ...overrides,
});

/** An organisation's request on the app by its legal representative (Art. 12(1)). */
export const organisationOnApp = (subject: Organisation): AccountRequest => ({
  subject,
  level: null,
  channel: 'app',
  applicant: {
    role: 'legal-representative',
    personId: 'rep-1',
    hasLevel2Account: true,
    otherRepresentativesConsented: true,
  },
  faceImage: null,
  form: null,
  consentConfirmedByOfficer: false,
  withCardApplication: false,
});

/** A command without its ids, which {@link cmd} fills in. */
export type CommandInput = AccountCommand extends infer C
  ? C extends AccountCommand
    ? Omit<C, 'commandId' | 'subjectId'> & { readonly subjectId?: string; readonly commandId?: string }
    : never
  : never;

let counter = 0;
/** Builds a command, with subject `s1` and a fresh command id unless given. */
export const cmd = (c: CommandInput): AccountCommand =>
  ({ subjectId: 's1', commandId: `cmd-${++counter}`, ...c }) as AccountCommand;
