import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@dinhdanh/source'] },
  test: { name: 'core', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000 },
});
