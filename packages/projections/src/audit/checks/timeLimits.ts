import { ACTIVATION_WINDOW, formatVietnamInstant } from '@dinhdanh/core';
import { endMs, periodText } from '../limits.js';
import { report, reportOmission } from '../model.js';
import type { CheckFamily } from './family.js';

// Art. 13 (time limits for granting, counted from the complete dossier) and Art. 14(1) (seven days to activate on
// the app). The limit of each request is chosen in limits.ts when the request is folded in (model.ts).

/** Late grants and overdue requests (Art. 13, lateness); app activations after the 7 days (Art. 14(1), violation). */
export const timeLimitChecks: CheckFamily = {
  name: 'timeLimits',
  onEvent: (e, s, ctx, env) => {
    switch (e.type) {
      case 'AccountGranted': {
        const p = s.pending;
        if (p === null || p.dueMs === null || ctx.atMs <= p.dueMs) return;
        report(
          env,
          ctx,
          'time-limit.grant',
          'lateness',
          p.limit.citation,
          `${p.limit.obligation} within ${periodText(p.limit)} of ${p.limit.trigger}`,
          `the dossier was received at ${p.receivedAt}, due by ${formatVietnamInstant(p.dueMs)}; granted at ${e.at}`,
        );
        return;
      }
      case 'AccountActivated': {
        const a = s.account;
        if (a === null || a.carriedOver || e.channel !== 'app') return;
        const end = endMs(a.grantedAt, ACTIVATION_WINDOW, env.calendar);
        if (end === null || ctx.atMs < end) return;
        report(
          env,
          ctx,
          'activation.window',
          'violation',
          ACTIVATION_WINDOW.citation,
          'Activation on the National Identification Application within 7 days of the notice of grant; afterwards only through the hotline',
          `granted at ${a.grantedAt}, the window closed at ${formatVietnamInstant(end)}; activated on the app at ${e.at}`,
        );
        return;
      }
      default:
        return;
    }
  },
  finish: (s, env) => {
    const p = s.pending;
    if (p === null || p.dueMs === null || env.asOfMs <= p.dueMs) return;
    reportOmission(
      env,
      s,
      'time-limit.grant',
      'lateness',
      formatVietnamInstant(p.dueMs),
      p.limit.citation,
      `${p.limit.obligation} within ${periodText(p.limit)} of ${p.limit.trigger}`,
      `the dossier was received at ${p.receivedAt}, due by ${formatVietnamInstant(p.dueMs)}; no decision as of ${env.asOf}`,
    );
  },
};
