import { writeFile } from 'node:fs/promises';
import { audit, ndjsonFileLog, toJson, toText } from '@dinhdanh/projections';
import { EXIT, type ExitCode } from '../exit.js';
import { readDigestFile } from '../files.js';
import { renderHtmlReport } from '../html/report.js';
import type { CliIo } from '../io.js';
import { chartModelsOfFile } from '../readModels.js';

/** The formats of `dinhdanh audit`. */
export const AUDIT_FORMATS = ['text', 'json', 'html'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** Options of `dinhdanh audit`. */
export interface AuditCommand {
  readonly file: string;
  readonly asOf?: string;
  readonly format: AuditFormat;
  readonly digest?: string;
  /** Write the report here instead of stdout. */
  readonly out?: string;
}

/**
 * `dinhdanh audit log.ndjson [--as-of i] [--format text|json|html] [--digest d.json] [--out f]`: replays the log
 * against the decree. Exit 1 when there is any finding.
 */
export const auditCommand = async (cmd: AuditCommand, io: CliIo): Promise<ExitCode> => {
  const digest = cmd.digest === undefined ? undefined : await readDigestFile(cmd.digest);
  const asOf = cmd.asOf ?? io.now();
  const report = await audit(ndjsonFileLog(cmd.file), { asOf, ...(digest === undefined ? {} : { digest }) });
  let text: string;
  if (cmd.format === 'json') text = `${toJson(report)}\n`;
  else if (cmd.format === 'text') text = toText(report);
  else text = renderHtmlReport({ report, source: cmd.file, ...(await chartModelsOfFile(cmd.file)) });
  if (cmd.out === undefined) io.stdout.write(text);
  else {
    await writeFile(cmd.out, text);
    io.stdout.write(`${report.findings.length} findings; ${cmd.format} report written to ${cmd.out}\n`);
  }
  return report.findings.length === 0 ? EXIT.ok : EXIT.findings;
};
