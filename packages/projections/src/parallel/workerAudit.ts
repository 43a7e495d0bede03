import * as E from 'fp-ts/lib/Either.js';
import { GENESIS_HASH, type StoredEvent, eventHash, inGlobalChain, streamCategory } from '@dinhdanh/core';
import { audit } from '../audit/audit.js';
import { type AuditInput, parseLogLine } from '../audit/source.js';
import type { AuditJob, AuditPart, BatchDone, EventBatch, LineBatch } from './protocol.js';

/** The next batch of the job, or `undefined` at its end. */
export type NextBatch = () => Promise<LineBatch | EventBatch | undefined>;

/** The items of a batch, as the audit reads them: NDJSON lines parsed with their numbers, or stored events. */
export function* batchItems(batch: LineBatch | EventBatch): Generator<AuditInput> {
  if (batch.kind === 'events') {
    yield* batch.events;
    return;
  }
  // Each line decoded on its own, as core's `lineBatches` does (faster than one string for the batch, then slices).
  const bytes = Buffer.from(batch.text.buffer, batch.text.byteOffset, batch.text.byteLength);
  let start = 0;
  for (let k = 0; k < batch.lines.length; k++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    yield parseLogLine(bytes.toString('utf8', start, end), batch.lines[k] as number);
    start = end + 1;
  }
}

/**
 * The global chain's hash of each event of this partition (see `IntegrityTracker.onChainedEvent` in the audit): a
 * stream's hash depends on its own events only, so the workers compute them and the coordinator folds them into the
 * head in global order.
 */
class ChainHasher {
  private readonly last = new Map<string, string>();
  private readonly seen = new Set<string>();

  constructor(private readonly category: string | undefined) {}

  /** `''` when the item is not in the chain; `'!reason'` when its content is not canonical JSON. */
  hash(item: AuditInput): { hash: string; fresh: boolean } {
    if ('error' in item) return { hash: '', fresh: false };
    const e: StoredEvent<unknown> = 'event' in item ? item.event : item;
    if (!inGlobalChain(e.streamId)) return { hash: '', fresh: false };
    if (this.category !== undefined && streamCategory(e.streamId) !== this.category) return { hash: '', fresh: false };
    const fresh = !this.seen.has(e.streamId);
    if (fresh) this.seen.add(e.streamId);
    const previous = this.last.get(e.streamId) ?? (e.revision === 0 ? GENESIS_HASH : (e.previousHash ?? GENESIS_HASH));
    const h = eventHash(e, previous);
    if (E.isLeft(h)) return { hash: `!${e.streamId}@${e.revision} is not canonical JSON (${h.left.reason})`, fresh };
    this.last.set(e.streamId, h.right);
    return { hash: h.right, fresh };
  }
}

/**
 * Audits one partition: every batch goes through the audit (without a digest: the global chain is the coordinator's),
 * and each batch is acknowledged once the audit has read all of it, with its chain hashes when asked.
 */
export const auditPartition = async (
  job: AuditJob,
  next: NextBatch,
  done: (d: BatchDone) => void,
): Promise<AuditPart> => {
  const hasher = job.chain === null ? undefined : new ChainHasher(job.chain.category);
  async function* items(): AsyncGenerator<AuditInput> {
    for (let batch = await next(); batch !== undefined; batch = await next()) {
      const hashes: string[] = [];
      const fresh: number[] = [];
      for (const item of batchItems(batch)) {
        if (hasher !== undefined) {
          const h = hasher.hash(item);
          hashes.push(h.hash);
          fresh.push(h.fresh ? 1 : 0);
        }
        yield item;
      }
      done({ kind: 'batch-done', hashes, fresh: Uint8Array.from(fresh) });
    }
  }
  const report = await audit(items(), { asOf: job.asOf });
  return { kind: 'audit', events: report.events, subjects: report.subjects, findings: report.findings };
};
