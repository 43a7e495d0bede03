/**
 * The exit codes of `dinhdanh`: 0 when all is well, 1 when an audit found something or a verification failed,
 * 2 when the command line is wrong or an input cannot be used (with a message saying what to do).
 */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure that ends a command with a message for the user and an exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}
