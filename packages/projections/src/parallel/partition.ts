// Which worker a stream belongs to. Everything the audit and the read models keep is per identity subject (per stream
// at most), and a subject's `subject-<id>` and `login-<id>` streams share the id after the first `-`: hashing that id
// puts both streams of a subject, and so every per-subject check and every per-stream hash chain, in one partition.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** FNV-1a (32 bits) over bytes `[from, to)`: stable across runs, machines and Node versions. */
const fnv1a = (bytes: Uint8Array, from: number, to: number): number => {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (bytes[i] as number), FNV_PRIME);
  return h >>> 0;
};

/**
 * The partition (0 to `partitions - 1`) of a stream: a stable hash of the UTF-8 bytes of the stream name after its
 * first `-` (the subject id), modulo the number of partitions. A name without `-` hashes the empty id.
 */
export const partitionOfStream = (streamId: string, partitions: number): number => {
  if (partitions <= 1) return 0;
  const dash = streamId.indexOf('-');
  const bytes = encoder.encode(dash < 0 ? '' : streamId.slice(dash + 1));
  return fnv1a(bytes, 0, bytes.length) % partitions;
};

/** `{"streamId":"`: how every line of `exportNdjson` starts. */
const PREFIX = encoder.encode('{"streamId":"');
const KEY = encoder.encode('"streamId"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const DASH = 0x2d;

const startsWithPrefix = (bytes: Uint8Array, from: number, to: number): boolean => {
  if (to - from < PREFIX.length) return false;
  for (let k = 0; k < PREFIX.length; k++) if (bytes[from + k] !== PREFIX[k]) return false;
  return true;
};

/** Whether `"streamId"` occurs in bytes `[from, to)` (a native search; the next line's key stops it early). */
const hasKey = (bytes: Uint8Array, from: number, to: number): boolean => {
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(KEY, from);
  return at >= 0 && at + KEY.length <= to;
};

/**
 * The partition of one NDJSON line (bytes `[from, to)`) read without parsing it, or `undefined` when that cannot be
 * done safely and the line must be parsed. Safe only when the line starts as an export does (`{"streamId":"`, so this
 * is the object's own key), the name is plain ASCII without escapes (so its bytes are its text), and no other
 * `"streamId"` key follows (a duplicate key would win in `JSON.parse`).
 */
export const partitionOfLine = (
  bytes: Uint8Array,
  from: number,
  to: number,
  partitions: number,
): number | undefined => {
  if (!startsWithPrefix(bytes, from, to)) return undefined;
  const nameFrom = from + PREFIX.length;
  let dash = -1;
  let i = nameFrom;
  for (; i < to; i++) {
    const b = bytes[i] as number;
    if (b === QUOTE) break;
    if (b === BACKSLASH || b >= 0x80) return undefined;
    if (b === DASH && dash < 0) dash = i;
  }
  if (i >= to || hasKey(bytes, i + 1, to)) return undefined;
  if (partitions <= 1) return 0;
  return (dash < 0 ? fnv1a(bytes, 0, 0) : fnv1a(bytes, dash + 1, i)) % partitions;
};
