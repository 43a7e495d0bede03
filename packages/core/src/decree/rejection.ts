import type { Citation } from './citation.js';
import { formatCitation } from './citation.js';

/**
 * Why the decree forbids a command: a stable `code`, the clause that forbids it, and a message for people.
 * Rejections are values (fp-ts `Left`), never exceptions.
 */
export interface Rejection {
  readonly code: string;
  readonly citation: Citation;
  readonly message: string;
}

/** Makes a rejection; the message is suffixed with its citation so that it reads on its own. */
export const reject = (code: string, citation: Citation, message: string): Rejection => ({
  code,
  citation,
  message: `${message} (${formatCitation(citation)})`,
});
