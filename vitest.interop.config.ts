import { defineConfig } from 'vitest/config';

// The interop suite: real clients and reference programs (Hercules, s3270, c3270 in tmux).
// Run by .ci/run after it installs the Debian packages; `npm test` does not need them.
export default defineConfig({
  test: {
    include: ['test/interop/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
