/**
 * `@dinhdanh/core/testing/conformance`: the event store conformance suite, to run against your own adapter or server.
 * Registers vitest tests; needs `vitest` (an optional peer dependency).
 *
 * @packageDocumentation
 */
export * from '../store/conformance.js';
export * from '../store/modelConformance.js';
