import { GENESIS_HASH, sha256Hex } from '../hashChain.js';
import { streamKind } from '../streams.js';

/**
 * The global chain: one running hash over the per-stream event hashes of the whole log, in global order, so that a
 * digest of a few hundred bytes pins every event, the order between streams and the tail.
 *
 * Defined over the events of every stream except login streams, in increasing `position`:
 *
 *     G_0 = GENESIS_HASH (64 zeros)
 *     G_n = lowercase hex SHA-256 of the 128 ASCII characters G_{n-1} + h_n
 *
 * where `h_n` is the n-th such event's per-stream hash (`eventHash`, lowercase hex). Positions are not hashed: they
 * are the store's own (gap-free in memory, sequence values in PostgreSQL, log offsets in EventStoreDB), so the chain
 * and a digest taken in one store still verify after an import into another. The head is computed when exporting,
 * digesting and verifying, never stored by adapters.
 *
 * Login streams are left out because Decree 69/2024/ND-CP Art. 17(2) lets their events older than five years be
 * purged, which would break every digest taken before the purge; their own per-stream chains are still verified,
 * from the first event still present (see docs/storage.md).
 */

/** The head of an empty global chain. */
export const GLOBAL_GENESIS = GENESIS_HASH;

/** The global head after an event whose per-stream hash is `eventHash`, given the head before it. */
export const nextGlobalHead = (head: string, eventHash: string): string => sha256Hex(head + eventHash);

/** Whether a stream's events are in the global chain: every stream but login streams (Art. 17(2) purges). */
export const inGlobalChain = (streamId: string): boolean => streamKind(streamId) !== 'login';
