import * as E from 'fp-ts/lib/Either.js';
import { type StoredEvent, parseInstant } from '@dinhdanh/core';
import { ProjectedEventCodec, type Projection } from '../projection.js';
import type { AsOf } from '../runner/runner.js';
import type { RebuildJob, RebuildPart, RebuildStop } from './protocol.js';
import { type NextBatch, batchItems } from './workerAudit.js';

/** Which events an as-of point keeps: the runner's selection (see `AsOf`), one event at a time. */
export const keepOf = (upTo: AsOf | undefined): ((e: StoredEvent<unknown>) => boolean) => {
  if (upTo === undefined) return () => true;
  if ('position' in upTo) return (e) => e.position <= upTo.position;
  const limit = parseInstant(upTo.instant);
  if (E.isLeft(limit)) return () => false;
  const occurred = upTo.basis === 'occurred';
  return (e) => {
    const when = occurred ? (e.data as { readonly at?: unknown } | null)?.at : e.recordedAt;
    return typeof when === 'string' && Date.parse(when) <= limit.right;
  };
};

/** Loads the projection a job names; it must be keyed: only partitions by subject can be folded apart and merged. */
const loadProjection = async (job: RebuildJob): Promise<Projection<unknown, unknown>> => {
  const mod = (await import(job.projection.module)) as Record<string, unknown>;
  const p = mod[job.projection.name] as Projection<unknown, unknown> | undefined;
  if (p === undefined || (p.kind !== 'keyed' && p.kind !== 'global'))
    throw new TypeError(`${job.projection.module} exports no projection named ${job.projection.name}`);
  return p;
};

/**
 * Folds one partition into a keyed projection, as the runner's keyed engine does (one map, a partition replaced per
 * event), remembering the order of each partition's first event so that the merged map has the single-threaded
 * insertion order. Lines are decoded with {@link ProjectedEventCodec}; events from a store come as the store gives
 * them. Stops at the first line that is not a stored event or the first throw of the projection.
 */
export const rebuildPartition = async (job: RebuildJob, next: NextBatch, done: () => void): Promise<RebuildPart> => {
  const p = await loadProjection(job);
  if (p.kind !== 'keyed') throw new TypeError(`${p.name} is a global projection: only keyed ones rebuild in parallel`);
  const keep = keepOf(job.upTo);
  const model = new Map<string, unknown>();
  const first = new Map<string, number>();
  let last: RebuildPart['last'] = null;
  let stop: RebuildPart['stop'] = null;
  const halt = (order: number, error: RebuildStop): void => {
    stop = { order, error };
  };
  for (let batch = await next(); batch !== undefined; batch = await next()) {
    for (const item of batchItems(batch)) {
      if (stop !== null) break;
      if ('error' in item) {
        halt(item.line, { _tag: 'LineUnreadable', line: item.line, message: item.error });
        break;
      }
      let event: StoredEvent<unknown>;
      let order: number;
      if ('event' in item) {
        order = item.line;
        // Decoded as a store of the codec decodes (upcasting old versions); data the codec rejects is handed over as
        // it is, as the store the log was exported from hands over what it took in (the audit reports it).
        const data = ProjectedEventCodec.decode(item.event.data);
        event = E.isRight(data) ? { ...item.event, data: data.right } : item.event;
      } else {
        event = item;
        order = item.position;
      }
      if (!keep(event)) continue;
      try {
        const key = p.keyOf(event);
        if (key !== undefined) {
          model.set(key, p.apply(model.get(key) ?? p.init(key), event));
          if (!first.has(key)) first.set(key, order);
        }
      } catch (error) {
        halt(order, {
          _tag: 'ProjectionFailed',
          projection: p.name,
          position: event.position,
          streamId: event.streamId,
          error,
        });
        break;
      }
      last = { order, position: event.position };
    }
    done();
  }
  const entries: [string, unknown, number][] = [];
  for (const [key, state] of model) entries.push([key, state, first.get(key) as number]);
  return { kind: 'rebuild', name: p.name, version: p.version, entries, last, stop };
};
