import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/interop/**'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
