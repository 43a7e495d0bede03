import type { AccountEvent } from '@dinhdanh/core';
import type { AuditEnv, EventCtx, SubjectTrack } from '../model.js';

/**
 * A family of checks over identity-subject streams: `onEvent` sees each decoded event before it is folded into the
 * subject's track; `finish` runs once per subject at the end, as of `env.asOf`.
 */
export interface CheckFamily {
  readonly name: string;
  readonly onEvent?: (e: AccountEvent, s: SubjectTrack, ctx: EventCtx, env: AuditEnv) => void;
  readonly finish?: (s: SubjectTrack, env: AuditEnv) => void;
}
