import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineBatches } from './records.js';

const collect = async (chunks: (string | Uint8Array)[]): Promise<string[]> => {
  const lines: string[] = [];
  for await (const batch of lineBatches(chunks)) lines.push(...batch);
  return lines;
};

/** What splitting the whole text at once gives: every line, a last one only when it is not empty, no leading BOM. */
const expected = (text: string): string[] => {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};

/** Cuts `bytes` at the given points (any points, even inside a multi-byte UTF-8 character). */
const cut = (bytes: Uint8Array, points: number[]): Uint8Array[] => {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const p of [...at, bytes.length]) {
    parts.push(bytes.subarray(start, p));
    start = p;
  }
  return parts;
};

describe('lineBatches: the lines of an NDJSON file, whatever its chunks', () => {
  const textArb = fc.array(
    fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('Trần Hữu Mai', '{"a":1}\r', '')),
    {
      maxLength: 12,
    },
  );

  it('gives the lines of the whole text, for byte chunks cut anywhere (multi-byte characters included)', async () => {
    await fc.assert(
      fc.asyncProperty(
        textArb,
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (lines, newlineAtEnd, points) => {
          const text = lines.join('\n') + (newlineAtEnd ? '\n' : '');
          expect(await collect(cut(new TextEncoder().encode(text), points))).toEqual(expected(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('drops a byte order mark at the start of the file, and only there', async () => {
    await fc.assert(
      fc.asyncProperty(textArb, fc.array(fc.nat(), { maxLength: 4 }), async (lines, points) => {
        const text = `${lines.join('\n')}\n`;
        const bytes = new TextEncoder().encode(`\uFEFF${text}\uFEFF`);
        expect(await collect(cut(bytes, points))).toEqual(expected(`${text}\uFEFF`));
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same lines for string chunks, one character a chunk included', async () => {
    await fc.assert(
      fc.asyncProperty(textArb, async (lines) => {
        const text = `${lines.join('\n')}\n`;
        expect(await collect([...text])).toEqual(expected(text));
        expect(await collect([text])).toEqual(expected(text));
      }),
      { numRuns: 100 },
    );
  });
});
