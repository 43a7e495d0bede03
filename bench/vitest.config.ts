import { defineProject } from 'vitest/config';

export default defineProject({
  // The benchmark runs against the packages' sources, as the packages' own tests do.
  resolve: { conditions: ['@dinhdanh/source'] },
  ssr: { resolve: { conditions: ['@dinhdanh/source'] } },
  test: { name: 'bench', include: ['**/*.test.ts'], testTimeout: 60_000 },
});
