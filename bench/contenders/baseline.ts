import {
  type BaselineRecord,
  type BaselineStore,
  type BaselineState,
  baselineAppend,
  baselineApply,
  baselineFold,
  baselineInitial,
} from '../baseline.js';
import { type Contender, timed, timedOut } from '../contender.js';

/** The plain-JavaScript baseline (see `baseline.ts`): a `Map` of arrays and a switch-based fold. */
export const baselineContender = (): Contender => {
  let store: BaselineStore = new Map();
  // The global order: the same records, in the order of their positions.
  let log: BaselineRecord[] = [];
  return {
    name: 'baseline',
    appendPerCommand: (p, deadline) =>
      timed(async () => {
        const s: BaselineStore = new Map();
        let events = 0;
        let position = 0;
        for (let k = 0; k < p.commands.length; k++) {
          const c = p.commands[k]!;
          // Load and fold the stream as a handler does before deciding; the decision is the command's events.
          const state = baselineFold(s.get(c.streamId) ?? []);
          if (state.lastAt !== null && state.lastAt > c.at) throw new Error(`${c.streamId}: out of order`);
          let expected = c.revisionBefore;
          for (const e of c.events) baselineAppend(s, e, expected++, position++);
          events += c.events.length;
          if ((k & 1023) === 0 && performance.now() > deadline.at) {
            return { events, note: timedOut(deadline, k, p.commands.length, 'commands') };
          }
        }
        return { events };
      }),
    importLog: (p) =>
      timed(async () => {
        store = new Map();
        const events = p.workload.events;
        log = new Array<BaselineRecord>(events.length);
        for (let i = 0; i < events.length; i++) {
          const e = events[i]!;
          log[i] = baselineAppend(store, e, e.revision - 1, i);
        }
        return { events: events.length };
      }),
    aggregate: (p) =>
      timed(async () => {
        let events = 0;
        for (const streamId of p.subjectStreams) {
          const records = store.get(streamId) ?? [];
          const state = baselineFold(records);
          if (state.lastAt === null) throw new Error(`${streamId}: empty`);
          events += records.length;
        }
        return { events };
      }),
    rebuild: (p) =>
      timed(async () => {
        // The accounts view: one state per subject stream, every record of the log applied in global order.
        const rows = new Map<string, BaselineState>();
        for (let i = 0; i < log.length; i++) {
          const r = log[i]!;
          if (r.data.type === 'LoginRecorded') continue;
          let row = rows.get(r.streamId);
          if (row === undefined) rows.set(r.streamId, (row = baselineInitial()));
          baselineApply(row, r.data);
        }
        if (rows.size !== p.subjectStreams.length) throw new Error('baseline rebuild lost subjects');
        return { events: log.length };
      }),
    release: () => {
      store = new Map();
      log = [];
    },
  };
};
