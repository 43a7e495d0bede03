import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@dinhdanh/source'] },
  test: { name: 'examples', include: ['src/**/*.test.ts'] },
});
