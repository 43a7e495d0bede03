import { type LogEvent, LogEventCodec, describeLogError, readNdjson } from '@dinhdanh/core';
import {
  type KeyedModel,
  type KeyedProjection,
  type LockRegisterModel,
  type Statistics,
  lockRegisterProjection,
  statistics,
  statisticsOnVietnamCalendar,
} from '@dinhdanh/projections';

/** The read models the HTML report draws its charts from. */
export interface ChartModels {
  readonly statistics: Statistics;
  readonly lockRegister: LockRegisterModel;
}

const step = <S>(p: KeyedProjection<S, LogEvent>, model: Map<string, S>, e: Parameters<typeof p.apply>[1]): void => {
  const key = p.keyOf(e);
  if (key !== undefined) model.set(key, p.apply(model.get(key) ?? p.init(key), e));
};

/**
 * Folds the statistics and the lock register from an NDJSON log, in one streaming pass. The events that do not read
 * (the audit reports them) end the pass: the charts then show the log up to there.
 */
export const chartModelsOfFile = async (file: string): Promise<ChartModels & { readonly stoppedAt?: string }> => {
  const stats = new Map<string, Parameters<typeof statisticsOnVietnamCalendar.apply>[0]>();
  const locks = new Map<string, Parameters<typeof lockRegisterProjection.apply>[0]>();
  let stoppedAt: string | undefined;
  for await (const r of readNdjson(file, LogEventCodec, { verify: false })) {
    if (r._tag === 'Left') {
      stoppedAt = describeLogError(r.left);
      break;
    }
    step(statisticsOnVietnamCalendar, stats, r.right);
    step(lockRegisterProjection, locks, r.right);
  }
  return {
    statistics: statistics(stats as KeyedModel<Parameters<typeof statisticsOnVietnamCalendar.apply>[0]>),
    lockRegister: locks,
    ...(stoppedAt === undefined ? {} : { stoppedAt }),
  };
};
