import { createHash } from 'node:crypto';

/**
 * Deterministic event ids for a command's events, so that handling the same command twice (a retry after a lost
 * answer, a redelivered message) names the same events and the store recognises them instead of recording them again.
 *
 * The id is a name-based UUID in the RFC 9562 version 8 layout (the SHA-256 variant of a version 5 UUID): the first
 * 128 bits of SHA-256 over a fixed namespace, the stream, the command id and the event's index in the command's
 * batch, with the version and variant bits set. EventStoreDB accepts it as any other UUID.
 */
export const deriveEventId = (streamId: string, commandId: string, index: number): string => {
  const digest = createHash('sha256')
    .update('dinhdanh/event-id\u0000', 'utf8')
    .update(streamId, 'utf8')
    .update('\u0000', 'utf8')
    .update(commandId, 'utf8')
    .update(`\u0000${index}`, 'utf8')
    .digest();
  digest[6] = ((digest[6] as number) & 0x0f) | 0x80; // version 8
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};
