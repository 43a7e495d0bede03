import { defineProject } from 'vitest/config';

export default defineProject({
  // Test against the sources of sibling packages, not their last build.
  resolve: { conditions: ['@dinhdanh/source'] },
  ssr: { resolve: { conditions: ['@dinhdanh/source'] } },
  test: { name: 'cli', include: ['src/**/*.test.ts'] },
});
