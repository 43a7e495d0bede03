import { sha256Hex } from '../store/hashChain.js';

/**
 * Deterministic event ids for a command's events, so that handling the same command twice (a retry after a lost
 * answer, a redelivered message) names the same events and the store recognises them instead of recording them again.
 *
 * The id is a name-based UUID in the RFC 9562 version 8 layout (the SHA-256 variant of a version 5 UUID): the first
 * 128 bits of SHA-256 over a fixed namespace, the stream, the command id and the event's index in the command's
 * batch, with the version and variant bits set. EventStoreDB accepts it as any other UUID.
 */
export const deriveEventId = (streamId: string, commandId: string, index: number): string => {
  // One-shot SHA-256 of the UTF-8 text (the same bytes the incremental updates hashed); the handler derives an id per
  // command and per event, so this is on the hot path of every append.
  const hex = sha256Hex(`dinhdanh/event-id\u0000${streamId}\u0000${commandId}\u0000${index}`);
  const v = ((parseInt(hex.slice(12, 14), 16) & 0x0f) | 0x80).toString(16); // version 8
  const r = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16); // RFC 9562 variant
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${v}${hex.slice(14, 16)}-${r}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
};
