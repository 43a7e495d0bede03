import type { StoreError } from '../errors.js';
import type { EventStore } from '../port.js';
import type { IntegrityFailure, SourceUnreadable } from './failures.js';
import { readLogBatches, type Entry, type NdjsonInput, type ReadLogOptions } from './records.js';
import type { Verifier } from './verifier.js';

/** How far a long run has got: reported every {@link PROGRESS_EVERY} events and at the end. */
export interface Progress {
  readonly phase: 'verify' | 'digest' | 'export' | 'import-check' | 'import-write';
  /** Events read so far in this phase. */
  readonly events: number;
  /** The last line read, for files. */
  readonly line?: number;
}

/** How often progress is reported, in events. */
export const PROGRESS_EVERY = 10_000;

/** What a pass over a log ended with: nothing (read to the end), an integrity failure, or a source that failed. */
export interface PassOutcome {
  readonly failure?: IntegrityFailure;
  readonly error?: SourceUnreadable | StoreError;
}

/** Per-record work beyond the chain (an import's decoding and target checks); may be asynchronous. */
export type EntryHook = (entry: Entry) => IntegrityFailure | undefined | Promise<IntegrityFailure | undefined>;

/**
 * One pass over a log: every record through the verifier (and the hook), stopping at the first failure. Holds one
 * batch at a time, so memory is the batch plus the verifier's per-stream map.
 */
export const drive = async <E>(
  source: EventStore<E> | NdjsonInput,
  verifier: Verifier,
  options: ReadLogOptions<E> & { readonly onProgress?: (p: Progress) => void; readonly phase: Progress['phase'] },
  hook?: EntryHook,
): Promise<PassOutcome> => {
  let nextReport = PROGRESS_EVERY;
  let line: number | undefined;
  const progress = (): void => {
    if (options.onProgress === undefined) return;
    const events = verifier.state.events;
    options.onProgress(line === undefined ? { phase: options.phase, events } : { phase: options.phase, events, line });
  };
  for await (const batch of readLogBatches(source, options)) {
    for (const entry of batch.entries) {
      line = entry.line;
      const failure = verifier.push(entry.record, entry.line);
      if (failure !== undefined) return { failure };
      if (hook !== undefined) {
        const r = hook(entry);
        const hooked = r instanceof Promise ? await r : r;
        if (hooked !== undefined) return { failure: hooked };
      }
    }
    if (batch.error !== undefined) {
      return batch.error._tag === 'IntegrityFailure' ? { failure: batch.error } : { error: batch.error };
    }
    if (verifier.state.events >= nextReport) {
      progress();
      nextReport = verifier.state.events + PROGRESS_EVERY;
    }
  }
  progress();
  const failure = verifier.finish();
  return failure === undefined ? {} : { failure };
};
