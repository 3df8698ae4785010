import { defineConfig } from 'vitest/config';

// End-to-end tests in plain Node against the real `wrangler dev` stack (e2e/stack.ts), one
// stack shared by every file (shared-stack.ts). One file at a time: the files share its data
// and rate-limit buckets, and the machine has 2 cores.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.test.ts'],
    setupFiles: ['e2e/setup.ts'],
    globalSetup: ['e2e/shared-stack.ts'],
    root: new URL('..', import.meta.url).pathname,
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    // Starting the stack (every worker on `wrangler dev`, migrations, seed) took over 180 s when the
    // e2e files ran while the worker projects still loaded both cores.
    hookTimeout: 420_000,
    teardownTimeout: 30_000,
  },
});
