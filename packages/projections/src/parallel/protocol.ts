// The messages between the coordinating thread and its workers. Everything here is structured-cloneable data: the
// projections and the audit's options travel by name and value, never as functions.
import type { StoredEvent } from '@dinhdanh/core';
import type { Finding } from '../audit/finding.js';
import type { AsOf } from '../runner/runner.js';

/** A projection a worker can load: the export `name` of the ES module `module` (a URL or a package name). */
export interface ProjectionRef {
  readonly module: string;
  readonly name: string;
}

/** An audit job: judge the worker's subjects as of `asOf`; hash the global chain too when `chain` is given. */
export interface AuditJob {
  readonly kind: 'audit';
  readonly asOf: string;
  /** Compute each chained event's global-chain hash (the digest is checked by the coordinator), in this category. */
  readonly chain: { readonly category?: string } | null;
}

/** A rebuild job: fold the worker's subjects into a keyed projection, up to an as-of point. */
export interface RebuildJob {
  readonly kind: 'rebuild';
  readonly projection: ProjectionRef;
  readonly upTo?: AsOf;
}

/** What a job asks of a worker. */
export type Job = AuditJob | RebuildJob;

/** One batch of NDJSON lines: their UTF-8 text joined by `\n`, and each line's number in the file. */
export interface LineBatch {
  readonly kind: 'lines';
  readonly text: Uint8Array;
  readonly lines: Float64Array;
}

/** One batch of events read from a store, in global order. */
export interface EventBatch {
  readonly kind: 'events';
  readonly events: ReadonlyArray<StoredEvent<unknown>>;
}

/** From the coordinator to a worker. */
export type ToWorker =
  | { readonly kind: 'start'; readonly job: Job }
  | { readonly kind: 'batch'; readonly batch: LineBatch | EventBatch }
  | { readonly kind: 'end' };

/**
 * A worker's answer to one batch, in the batch's order: for an audit with a chain, each item's global-chain hash
 * (`''`: not in the chain; `'!'` and a reason: not canonical JSON) and whether it is its stream's first in the chain.
 */
export interface BatchDone {
  readonly kind: 'batch-done';
  readonly hashes: readonly string[];
  readonly fresh: Uint8Array;
}

/** What an audit worker found in its partition. */
export interface AuditPart {
  readonly kind: 'audit';
  readonly events: number;
  readonly subjects: number;
  readonly findings: readonly Finding[];
}

/** Why a rebuild stopped in a worker, at the item of order `order` (a line number, or a store position). */
export type RebuildStop =
  | { readonly _tag: 'LineUnreadable'; readonly line: number; readonly message: string }
  | {
      readonly _tag: 'ProjectionFailed';
      readonly projection: string;
      readonly position: number;
      readonly streamId: string;
      readonly error: unknown;
    };

/** What a rebuild worker folded: each partition with the order of its first event, and its last event folded. */
export interface RebuildPart {
  readonly kind: 'rebuild';
  readonly name: string;
  readonly version: number;
  readonly entries: ReadonlyArray<readonly [key: string, state: unknown, firstOrder: number]>;
  readonly last: { readonly order: number; readonly position: number } | null;
  readonly stop: { readonly order: number; readonly error: RebuildStop } | null;
}

/** From a worker to the coordinator. */
export type FromWorker =
  | BatchDone
  | { readonly kind: 'result'; readonly part: AuditPart | RebuildPart }
  | { readonly kind: 'failed'; readonly message: string };
