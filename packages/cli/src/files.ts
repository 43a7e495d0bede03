import { readFile } from 'node:fs/promises';
import { type Digest, DigestCodec } from '@dinhdanh/core';
import { PathReporter } from 'io-ts/lib/PathReporter.js';
import { CliFailure } from './exit.js';

/** Reads and checks a digest file written by `dinhdanh export` or `simulate --digest`. */
export const readDigestFile = async (path: string): Promise<Digest> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliFailure(`cannot read the digest ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliFailure(`the digest ${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const decoded = DigestCodec.decode(json);
  if (decoded._tag === 'Left') {
    throw new CliFailure(`the digest ${path} is not a dinhdanh digest: ${PathReporter.report(decoded).join('; ')}`);
  }
  return decoded.right;
};

/** Fails with a usage error unless the value is an ISO 8601 instant with an offset (`2025-08-19T17:00:00+07:00`). */
export const instantOption = (value: string): string => {
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw new CliFailure(
      `"${value}" is not an instant: write it as 2025-08-19T17:00:00+07:00 (ISO 8601 with an offset)`,
    );
  }
  return value;
};
