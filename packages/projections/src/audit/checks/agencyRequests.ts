import { art, formatVietnamInstant } from '@dinhdanh/core';
import { agencyLimits, periodText } from '../limits.js';
import { type AgencyRequestTrack, report, reportOmission } from '../model.js';
import type { CheckFamily } from './family.js';

// Competent agencies' requests to lock or unlock an account (Art. 15(2)(c)-(dd), 15(3)(b)-(d)) or an electronic
// identity card (Arts. 29(3)-(5), 30(3)-(5)): forwarded within 1 working day of receipt, decided within 2 working days
// of the proposal, a refusal in writing with its reason.

const what = (r: AgencyRequestTrack): string =>
  `request to ${r.action} the ${r.target === 'account' ? 'account' : 'electronic identity card'}`;

/** Late forwarding and decisions (lateness); refusals without reason, decisions before forwarding (violations). */
export const agencyRequestChecks: CheckFamily = {
  name: 'agencyRequests',
  onEvent: (e, s, ctx, env) => {
    switch (e.type) {
      case 'AgencyRequestForwarded': {
        const r = s.agencyRequests.get(e.requestId);
        if (r === undefined)
          return report(
            env,
            ctx,
            'agency.unknown-request',
            'violation',
            art(15, 2, 'd'),
            'A request is forwarded after it is received',
            `request ${e.requestId} was forwarded but never received`,
          );
        const l = agencyLimits(r.target, r.action).forward;
        if (r.forwardedAt === null && r.forwardDueMs !== null && ctx.atMs > r.forwardDueMs)
          report(
            env,
            ctx,
            'agency.forward-late',
            'lateness',
            l.citation,
            `${l.obligation} within ${periodText(l)} of ${l.trigger}`,
            `${what(r)} ${e.requestId} received at ${r.receivedAt}, due by ${formatVietnamInstant(r.forwardDueMs)}; forwarded at ${e.at}`,
          );
        return;
      }
      case 'AgencyRequestApproved':
      case 'AgencyRequestRefused': {
        const r = s.agencyRequests.get(e.requestId);
        if (r === undefined)
          return report(
            env,
            ctx,
            'agency.unknown-request',
            'violation',
            art(15, 2, 'dd'),
            'A request is decided after it is received and forwarded',
            `request ${e.requestId} was decided but never received`,
          );
        const l = agencyLimits(r.target, r.action).decide;
        if (r.forwardedAt === null)
          report(
            env,
            ctx,
            'agency.decided-before-forwarded',
            'violation',
            l.citation,
            "The head of the Ministry's identity management agency decides on the proposal forwarded by the receiving Public Security agency",
            `${what(r)} ${e.requestId} was ${e.type === 'AgencyRequestApproved' ? 'approved' : 'refused'} at ${e.at} without having been forwarded`,
          );
        else if (r.decision === null && r.decideDueMs !== null && ctx.atMs > r.decideDueMs)
          report(
            env,
            ctx,
            'agency.decide-late',
            'lateness',
            l.citation,
            `${l.obligation} within ${periodText(l)} of ${l.trigger}`,
            `${what(r)} ${e.requestId} forwarded at ${r.forwardedAt}, due by ${formatVietnamInstant(r.decideDueMs)}; decided at ${e.at}`,
          );
        if (e.type === 'AgencyRequestRefused' && e.reason.trim() === '')
          report(
            env,
            ctx,
            'agency.refusal-without-reason',
            'violation',
            l.citation,
            'A refusal is a written reply clearly stating the reason',
            `${what(r)} ${e.requestId} was refused without a reason`,
          );
        return;
      }
      default:
        return;
    }
  },
  finish: (s, env) => {
    for (const [id, r] of [...s.agencyRequests].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (r.decision !== null) continue;
      const l = agencyLimits(r.target, r.action);
      if (r.forwardedAt === null) {
        if (r.forwardDueMs !== null && env.asOfMs > r.forwardDueMs)
          reportOmission(
            env,
            s,
            'agency.forward-late',
            'lateness',
            formatVietnamInstant(r.forwardDueMs),
            l.forward.citation,
            `${l.forward.obligation} within ${periodText(l.forward)} of ${l.forward.trigger}`,
            `${what(r)} ${id} received at ${r.receivedAt}, due by ${formatVietnamInstant(r.forwardDueMs)}; not forwarded as of ${env.asOf}`,
          );
      } else if (r.decideDueMs !== null && env.asOfMs > r.decideDueMs)
        reportOmission(
          env,
          s,
          'agency.decide-late',
          'lateness',
          formatVietnamInstant(r.decideDueMs),
          l.decide.citation,
          `${l.decide.obligation} within ${periodText(l.decide)} of ${l.decide.trigger}`,
          `${what(r)} ${id} forwarded at ${r.forwardedAt}, due by ${formatVietnamInstant(r.decideDueMs)}; not decided as of ${env.asOf}`,
        );
    }
  },
};
