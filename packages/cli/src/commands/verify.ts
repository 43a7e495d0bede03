import { describeLogError, printDigest, verifyLog } from '@dinhdanh/core';
import { EXIT, type ExitCode } from '../exit.js';
import { readDigestFile } from '../files.js';
import type { CliIo } from '../io.js';
import { progressReporter } from '../progress.js';

/** Options of `dinhdanh verify`. */
export interface VerifyCommand {
  readonly file: string;
  readonly digest?: string;
  readonly json?: boolean;
}

/**
 * `dinhdanh verify log.ndjson [--digest d.json]`: checks every stream's hash chain and, given the digest an auditor
 * kept, that nothing was altered, reordered, removed or cut from the tail since (Art. 17). Exit 1 names the first bad
 * line, stream and revision.
 */
export const verifyCommand = async (cmd: VerifyCommand, io: CliIo): Promise<ExitCode> => {
  const digest = cmd.digest === undefined ? undefined : await readDigestFile(cmd.digest);
  const progress = progressReporter(io);
  const result = await verifyLog(cmd.file, digest, { onProgress: (p) => progress.update(p.phase, p.events) })();
  progress.stop();
  if (result._tag === 'Left') {
    io.stderr.write(`dinhdanh verify: cannot read ${cmd.file}: ${describeLogError(result.left)}\n`);
    return EXIT.usage;
  }
  const report = result.right;
  if (cmd.json === true) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const lines = [
      report.ok ? `OK: ${cmd.file} verifies` : `FAILED: ${cmd.file} does not verify`,
      `  ${report.events} events in ${report.streams} identity streams and ${report.loginStreams} login streams`,
      `  global head ${report.globalHead}`,
    ];
    if (report.failure !== undefined) lines.push(`  ${describeLogError(report.failure)}`);
    if (digest !== undefined) {
      lines.push(`  against the digest: ${report.digestMatched === true ? 'matches' : 'does NOT match'}`);
      lines.push(
        ...printDigest(digest)
          .split('\n')
          .map((l) => `    ${l}`),
      );
    }
    for (const w of report.warnings) lines.push(`  warning: ${w}`);
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return report.ok && report.digestMatched !== false ? EXIT.ok : EXIT.findings;
};
