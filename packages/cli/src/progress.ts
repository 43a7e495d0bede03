import { SingleBar } from 'cli-progress';
import type { CliIo } from './io.js';

/** Reports a long run's progress: a live counter on a terminal, nothing otherwise (logs and pipes stay clean). */
export interface ProgressReporter {
  /** Reports that `events` have been processed so far in `phase`. */
  readonly update: (phase: string, events: number) => void;
  /** Stops drawing (the line is left with the last count). */
  readonly stop: () => void;
}

const quiet: ProgressReporter = { update: () => undefined, stop: () => undefined };

/**
 * A progress reporter for the io: `cli-progress` on stderr when it is a terminal. The total of a streamed log is
 * unknown, so it shows a count and a rate, not a bar.
 */
export const progressReporter = (io: CliIo): ProgressReporter => {
  if (!io.interactive) return quiet;
  const bar = new SingleBar({
    format: '  {phase} {value} events ({rate}/s)',
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
  });
  let started = false;
  const t0 = performance.now();
  return {
    update: (phase, events) => {
      const rate = Math.round(events / Math.max((performance.now() - t0) / 1000, 1e-3));
      if (!started) {
        bar.start(0, events, { phase, rate });
        started = true;
      } else bar.update(events, { phase, rate });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
};
