/** Where a command writes text. A Node stream, or a buffer in tests. */
export interface Output {
  write(text: string): unknown;
}

/** The outside world as a command sees it, so that every command can run in-process (tests) or as the binary. */
export interface CliIo {
  readonly stdout: Output;
  readonly stderr: Output;
  /** Whether stderr is a terminal: progress bars are drawn only then. */
  readonly interactive: boolean;
  /** The current instant (ISO 8601), for defaults such as an audit's as-of. */
  readonly now: () => string;
}

/** The process's own streams and clock. */
export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  interactive: process.stderr.isTTY === true,
  now: () => new Date().toISOString(),
});
