import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from './io.js';
import { runCli } from './program.js';

/** What a run of the CLI printed and returned. */
export interface Ran {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `dinhdanh <args>` in-process with captured output, as a user would see it (not a terminal: no progress). */
export const dinhdanh = async (...args: string[]): Promise<Ran> => {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    interactive: false,
    now: () => '2026-01-01T00:00:00+07:00',
  };
  const code = await runCli(args, io);
  return { code, out, err };
};

/** A new temporary directory. */
export const scratch = (): Promise<string> => mkdtemp(join(tmpdir(), 'dinhdanh-cli-'));
