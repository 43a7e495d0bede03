import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { AUDIT_FORMATS, type AuditFormat, auditCommand } from './commands/audit.js';
import { demoCommand } from './commands/demo.js';
import { parseViolations, simulateCommand } from './commands/simulate.js';
import { exportCommand, importCommand } from './commands/transfer.js';
import { verifyCommand } from './commands/verify.js';
import { CliFailure, EXIT, type ExitCode } from './exit.js';
import { instantOption } from './files.js';
import type { CliIo } from './io.js';

const instant = (value: string): string => {
  try {
    return instantOption(value);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
  }
};

const integer =
  (name: string, min: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
    return n;
  };

const violations = (value: string) => {
  try {
    return parseViolations(value);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
  }
};

const share = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('a share between 0 and 1');
  return n;
};

const STORE_HELP = 'memory | postgres://user@host:5432/db | esdb://host:2113?tls=false';

/**
 * Runs `dinhdanh` with the given arguments (without `node` and the script) and returns its exit code: 0 ok, 1 findings
 * or a failed verification, 2 a usage error or an input that cannot be used.
 */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<ExitCode> => {
  let code: ExitCode = EXIT.ok;
  const run =
    <O>(f: (o: O, io: CliIo) => Promise<ExitCode>) =>
    async (o: O): Promise<void> => {
      code = await f(o, io);
    };
  const program = new Command('dinhdanh')
    .description('Decree 69/2024/ND-CP on electronic identification: simulate, audit, verify, export and import logs')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError();

  program
    .command('demo', { isDefault: false })
    .description('simulate a population on the in-memory store, rebuild the read models, audit it, write the reports')
    .option('--subjects <n>', 'identity subjects to simulate', integer('--subjects', 1), 3000)
    .option('--seed <n>', 'the seed (same seed, same log)', integer('--seed', 0), 2024)
    .option('--violations <share>', 'share of subjects with an injected violation, per kind', share, 0.002)
    .option('--out-dir <dir>', 'where to write the reports', 'dinhdanh-report')
    .action((o: { subjects: number; seed: number; violations: number; outDir: string }) => run(demoCommand)(o));

  program
    .command('simulate')
    .description('simulate a population through the real decider and write its log as NDJSON with hashes')
    .requiredOption('--subjects <n>', 'identity subjects', integer('--subjects', 1))
    .option('--seed <n>', 'the seed (same seed, same log)', integer('--seed', 0), 1)
    .requiredOption('--out <file>', 'the NDJSON file to write')
    .option('--from <instant>', 'start of the period (default 2025-01-01T00:00:00+07:00)', instant)
    .option('--to <instant>', 'end of the period (default 2025-12-31T23:59:59+07:00)', instant)
    .option('--violations <spec>', 'inject violations: a share for every kind (0.01) or kind=share,...', violations)
    .option('--digest-out <file>', 'also write the digest of the log (JSON)')
    .option('--json', 'print the summary and the injected violations as JSON')
    .action((o: Parameters<typeof simulateCommand>[0]) => run(simulateCommand)(o));

  program
    .command('verify')
    .description(
      "verify a log's hash chains and, given a digest kept outside, that nothing was altered or cut (Art. 17)",
    )
    .argument('<file>', 'an NDJSON log written by `dinhdanh export` or `simulate`')
    .option('--digest <file>', 'the digest (JSON) to verify against')
    .option('--json', 'print the verification report as JSON')
    .action((file: string, o: { digest?: string; json?: boolean }) => run(verifyCommand)({ file, ...o }));

  program
    .command('audit')
    .description('replay a log against the decree and report findings with their clauses')
    .argument('<file>', 'an NDJSON log')
    .option('--as-of <instant>', 'judge the log as of this instant (ISO 8601 with offset); default now', instant)
    .addOption(new Option('--format <format>', 'report format').choices(AUDIT_FORMATS).default('text'))
    .option('--digest <file>', 'a digest (JSON): events that vanished since are findings')
    .option('--out <file>', 'write the report to this file instead of stdout')
    .action((file: string, o: { asOf?: string; format: AuditFormat; digest?: string; out?: string }) =>
      run(auditCommand)({ file, ...o }),
    );

  program
    .command('export')
    .description('export a store (or one category) to an NDJSON log with hashes, in global order')
    .requiredOption('--store <location>', STORE_HELP)
    .requiredOption('--out <file>', 'the NDJSON file to write')
    .option('--category <name>', 'only this category of streams (subject or login)')
    .option('--digest-out <file>', 'also write the digest of the export (JSON), to keep outside the system')
    .action((o: { store: string; out: string; category?: string; digestOut?: string }) => run(exportCommand)(o));

  program
    .command('import')
    .description('verify an NDJSON log, then import it into a store (nothing is written unless all of it verifies)')
    .argument('<file>', 'an NDJSON log')
    .requiredOption('--store <location>', STORE_HELP)
    .action((file: string, o: { store: string }) => run(importCommand)({ file, ...o }));

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0
        ? EXIT.ok
        : EXIT.usage;
    }
    if (e instanceof CliFailure) {
      io.stderr.write(`dinhdanh: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
};
