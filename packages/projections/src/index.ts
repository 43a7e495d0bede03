/**
 * `@dinhdanh/projections`: read models, the projection runner and the audit of Decree 69/2024/ND-CP histories.
 *
 * Not yet implemented: this package is the workspace's place for them (see docs/architecture.md once written). It
 * exports nothing so far.
 *
 * @packageDocumentation
 */
export {};
