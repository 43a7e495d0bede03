import { art, formatVietnamInstant } from '@dinhdanh/core';
import { report } from '../model.js';
import type { CheckFamily } from './family.js';

// Art. 40: the decree takes effect on 1 July 2024 (40(1)); accounts granted under Decree 59/2022/ND-CP before then
// remain valid and are carried over by the system (40(5)).

/** 1 July 2024, 00:00 in Vietnam (Art. 40(1)). */
export const IN_FORCE_MS = Date.parse('2024-07-01T00:00:00+07:00');

/** Acts dated before the decree took effect; carry-overs of accounts that were not granted under 59/2022. */
export const effectChecks: CheckFamily = {
  name: 'effect',
  onEvent: (e, _s, ctx, env) => {
    if (ctx.atMs < IN_FORCE_MS)
      report(
        env,
        ctx,
        'effect.before-in-force',
        'violation',
        art(40, 1),
        `Acts under Decree 69/2024/ND-CP from ${formatVietnamInstant(IN_FORCE_MS)}; earlier ones under Decree 59/2022/ND-CP`,
        `${e.type} is dated ${e.at}`,
      );
    if (e.type !== 'AccountCarriedOver') return;
    const granted = Date.parse(e.grantedAt);
    if (!(granted < IN_FORCE_MS) || e.by.role !== 'system')
      report(
        env,
        ctx,
        'effect.carry-over',
        'violation',
        art(40, 5),
        'Only accounts granted under Decree 59/2022/ND-CP (before 1 July 2024) are carried over, by the system',
        `an account granted at ${e.grantedAt} was carried over by a ${e.by.role}`,
      );
  },
};
