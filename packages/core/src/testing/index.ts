/**
 * `@dinhdanh/core/testing`: fast-check arbitraries of subjects, instants and account command sequences, and readable
 * fixtures (a subject of each kind, the actors, the requests of each procedure), for property tests of your own code
 * against lawful and unlawful histories. Needs `fast-check` (an optional peer dependency).
 *
 * @packageDocumentation
 */
export * from './arbitraries.js';
export * from './fixtures.js';
