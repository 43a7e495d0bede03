import { type AccountEvent, type Citation, art } from '@dinhdanh/core';
import { agencyLimits } from '../limits.js';
import { APPLICANT_ROLES, MANAGING_ROLES, report } from '../model.js';
import type { CheckFamily } from './family.js';

// Art. 16: the management agency (the system acting for it, Art. 15) grants, locks and unlocks. The other steps
// belong to the roles the decree names: the receiving officer or the agency checks identities (Arts. 10-12), the
// national databases update identities automatically (Art. 8), a Public Security agency receives and forwards
// competent agencies' requests, the head of the Ministry's identity management agency decides them (Art. 15(2)-(3)).

const VERIFIERS = new Set(['management-agency', 'system', 'receiving-officer']);

const LOCKING: ReadonlySet<AccountEvent['type']> = new Set([
  'AccountLocked',
  'LockGroundAdded',
  'LockGroundCeased',
  'AccountUnlocked',
  'ElectronicIdentityCardLocked',
  'CardLockGroundAdded',
  'CardLockGroundCeased',
  'ElectronicIdentityCardUnlocked',
]);

const isCard = (t: string): boolean => t.startsWith('ElectronicIdentityCard') || t.startsWith('Card');
const locks = (t: string): boolean => t.endsWith('Locked') || t.endsWith('Added');

/** Who did what: grants and locks by the management agency or system; the other steps by their roles. */
export const competenceChecks: CheckFamily = {
  name: 'competence',
  onEvent: (e, s, ctx, env) => {
    const role = e.by.role;
    const fail = (check: string, citation: Citation, required: string): void =>
      report(env, ctx, check, 'violation', citation, required, `${e.type} was recorded by a ${role} (${e.by.id})`);
    switch (e.type) {
      case 'AccountGranted':
      case 'AccountRefused':
        if (!MANAGING_ROLES.has(role))
          fail(
            'competence.grant',
            art(16),
            'The Director of the Police Department for Administrative Management of Social Order (the management agency) grants accounts',
          );
        return;
      case 'IdentityVerified':
      case 'IdentityVerificationFailed': {
        if (VERIFIERS.has(role)) return;
        const p = s.pending;
        const kind = p?.subject.kind ?? s.identity?.kind ?? 'citizen';
        const citation =
          kind === 'organisation'
            ? art(12, 2)
            : p?.level === 2
              ? art(kind === 'citizen' ? 10 : 11, 2, 'c')
              : kind === 'citizen'
                ? art(10, 1, 'c')
                : art(11, 1, 'b');
        return fail(
          'competence.verify',
          citation,
          "The receiving officer or the management agency checks and authenticates the subject's identity",
        );
      }
      case 'IdentityUpdated':
        if (role !== 'system')
          fail(
            'competence.identity-update',
            e.subject.kind === 'organisation' ? art(8, 2) : art(8, 1),
            'Identity information is updated automatically from the national databases',
          );
        return;
      case 'AgencyRequestReceived':
        if (role !== 'public-security')
          fail(
            'competence.agency-request',
            agencyLimits(e.target, e.action).receive,
            'A commune-level or district/provincial Public Security agency receives the request',
          );
        return;
      case 'AgencyRequestForwarded':
      case 'AgencyRequestApproved':
      case 'AgencyRequestRefused': {
        const r = s.agencyRequests.get(e.requestId);
        const l = agencyLimits(r?.target ?? 'account', r?.action ?? 'lock');
        if (e.type === 'AgencyRequestForwarded') {
          if (role !== 'public-security')
            fail(
              'competence.agency-request',
              l.forward.citation,
              'The receiving Public Security agency considers and forwards the request',
            );
        } else if (role !== 'management-agency')
          fail(
            'competence.agency-request',
            l.decide.citation,
            "The head of the Ministry of Public Security's identity management agency decides the request",
          );
        return;
      }
      default:
        if (!LOCKING.has(e.type) || MANAGING_ROLES.has(role)) return;
        if ('ground' in e && e.ground === 'own-request' && APPLICANT_ROLES.has(role)) return;
        fail(
          'competence.lock',
          isCard(e.type) ? art(locks(e.type) ? 29 : 30) : art(16),
          isCard(e.type)
            ? 'The identity management agency (the system) locks and unlocks electronic identity cards; holders ask for their own'
            : 'The management agency, or the system for it, locks and unlocks accounts; subjects ask for their own',
        );
    }
  },
};
