/**
 * The test projects. Vitest 4 no longer reads this file by itself: `vitest.config.ts` imports this list and passes
 * it as `test.projects`, so a package added here is tested and a package missing here is not.
 */
export default ['packages/core', 'packages/projections', 'packages/cli', 'packages/examples', 'bench'];
