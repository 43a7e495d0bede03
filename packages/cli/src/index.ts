/**
 * `@dinhdanh/cli`: the `dinhdanh` command, and the pieces of it a program can call in-process.
 *
 * @packageDocumentation
 */
export { runCli } from './program.js';
export { type CliIo, type Output, processIo } from './io.js';
export { EXIT, type ExitCode, CliFailure } from './exit.js';
export { type HtmlReportInput, locksByGroundPerMonth, renderHtmlReport } from './html/report.js';
export { type OpenedStore, openStore } from './stores.js';
