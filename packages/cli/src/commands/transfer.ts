import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { LogEventCodec, describeLogError, exportNdjson, importNdjson, printDigest } from '@dinhdanh/core';
import { EXIT, type ExitCode } from '../exit.js';
import type { CliIo } from '../io.js';
import { progressReporter } from '../progress.js';
import { openStore } from '../stores.js';

/** Options of `dinhdanh export`. */
export interface ExportCommand {
  readonly store: string;
  readonly out: string;
  readonly category?: string;
  /** Where to write the digest of what was exported (JSON), to keep outside the system. */
  readonly digestOut?: string;
}

/** `dinhdanh export --store URL --out log.ndjson [--category subject] [--digest-out d.json]`. */
export const exportCommand = async (cmd: ExportCommand, io: CliIo): Promise<ExitCode> => {
  const { store, label, close } = await openStore(cmd.store);
  const progress = progressReporter(io);
  try {
    const sink = createWriteStream(cmd.out);
    const result = await exportNdjson(store, sink, {
      encode: (d) => LogEventCodec.encode(d),
      onProgress: (p) => progress.update(p.phase, p.events),
      ...(cmd.category === undefined ? {} : { category: cmd.category }),
    })();
    progress.stop();
    if (result._tag === 'Left') {
      sink.destroy();
      io.stderr.write(`dinhdanh export: ${label} was not exported: ${describeLogError(result.left)}\n`);
      return EXIT.findings;
    }
    if (cmd.digestOut !== undefined)
      await writeFile(cmd.digestOut, `${JSON.stringify(result.right.digest, null, 2)}\n`);
    io.stdout.write(
      `exported ${result.right.events} events from ${label} to ${cmd.out}\n${printDigest(result.right.digest)}\n`,
    );
    return EXIT.ok;
  } finally {
    await close();
  }
};

/** Options of `dinhdanh import`. */
export interface ImportCommand {
  readonly file: string;
  readonly store: string;
}

/**
 * `dinhdanh import log.ndjson --store URL`: verifies the whole file first and writes nothing unless it all verifies;
 * an interrupted import is resumed by running it again.
 */
export const importCommand = async (cmd: ImportCommand, io: CliIo): Promise<ExitCode> => {
  const { store, label, close } = await openStore(cmd.store);
  const progress = progressReporter(io);
  try {
    const result = await importNdjson(cmd.file, store, {
      codec: LogEventCodec,
      onProgress: (p) => progress.update(p.phase, p.events),
    })();
    progress.stop();
    if (result._tag === 'Left') {
      const e = result.left;
      const why =
        e._tag === 'ImportInterrupted'
          ? `${e.reason} after ${e.appended} events were appended; run the import again to resume`
          : describeLogError(e);
      io.stderr.write(`dinhdanh import: ${cmd.file} was not imported into ${label}: ${why}\n`);
      return EXIT.findings;
    }
    io.stdout.write(
      `imported ${cmd.file} into ${label}: ${result.right.appended} events appended, ${result.right.skipped} already there\n`,
    );
    return EXIT.ok;
  } finally {
    await close();
  }
};
