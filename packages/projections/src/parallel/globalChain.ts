import * as E from 'fp-ts/lib/Either.js';
import {
  type Digest,
  GLOBAL_GENESIS,
  type StoredEvent,
  nextGlobalHead,
  parseInstant,
  parseStreamName,
} from '@dinhdanh/core';
import {
  digestMismatch,
  digestShortfall,
  eventFinding,
  logDigestFinding,
  type Place,
} from '../audit/checks/integrity.js';
import { parseLogLine } from '../audit/source.js';
import type { Finding } from '../audit/finding.js';
import type { BatchDone } from './protocol.js';
import type { EventRound, LineRound } from './rounds.js';

// The digest check of the audit (Art. 17: nothing recorded may vanish or change, tail included) follows one chain over
// the whole log in its global order, so it cannot be split by subject. The workers hash each event into its stream's
// part of the chain; this fold, in the coordinating thread, takes those hashes in global order into the head and
// compares it with the digest, exactly as the single-threaded audit's integrity tracker does, with the same findings.

const decoder = new TextDecoder();

/** The event at item `k` of a round and its line, read again: only for the one event a digest finding names. */
const eventAt = (round: LineRound | EventRound, k: number): { event: StoredEvent<unknown>; line?: number } => {
  if (round.kind === 'events') return { event: round.events[k] as StoredEvent<unknown> };
  const text = decoder.decode(round.bytes.subarray(round.starts[k], round.ends[k]));
  const parsed = parseLogLine(text, round.lines[k] as number);
  if ('error' in parsed) throw new Error(`line ${parsed.line} was hashed but does not parse: ${parsed.error}`);
  return { event: parsed.event, line: parsed.line };
};

/** The global chain over the log, fed by the workers' hashes; reports against a digest. */
export class GlobalChainFold {
  private head = GLOBAL_GENESIS;
  private count = 0;
  private streams = 0;
  private broken: string | null = null;
  private done = false;

  constructor(
    private readonly digest: Digest,
    private readonly asOf: string,
    private readonly emit: (f: Finding) => void,
  ) {}

  /** Folds one round, its items in global order, each answered by the worker it went to. */
  onRound(round: LineRound | EventRound, answers: ReadonlyArray<BatchDone | undefined>): void {
    if (this.done) return;
    const cursor = answers.map(() => 0);
    const d = this.digest;
    for (let k = 0; k < round.assign.length; k++) {
      const w = round.assign[k] as number;
      const answer = answers[w];
      if (answer === undefined) continue;
      const i = cursor[w] as number;
      cursor[w] = i + 1;
      const hash = answer.hashes[i] as string;
      if (hash === '') continue;
      if (this.broken === null) {
        if (hash.startsWith('!')) this.broken = hash.slice(1);
        else this.head = nextGlobalHead(this.head, hash);
      }
      this.count++;
      if (answer.fresh[i] === 1) this.streams++;
      if (this.count !== d.count) continue;
      this.done = true;
      const found = digestMismatch(d, this.broken, this.head, this.streams);
      if (found !== undefined) this.report(eventAt(round, k), found);
      return;
    }
  }

  private report({ event: e, line }: { event: StoredEvent<unknown>; line?: number }, found: string): void {
    const recorded = parseInstant(e.recordedAt);
    const place: Place = {
      subjectId: parseStreamName(e.streamId).id,
      ...(line === undefined ? {} : { line }),
      at: E.isRight(recorded) ? e.recordedAt : this.asOf,
    };
    this.emit(eventFinding(e, place, 'integrity.digest', found));
  }

  /** At the end: a log that stops short of the digest's count lost its tail (or events before it). */
  finish(): void {
    if (this.done) return;
    const found = digestShortfall(this.digest, this.count);
    if (found !== undefined) this.emit(logDigestFinding(this.asOf, found));
  }
}
