import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'workers/*/vitest.config.ts', '{web,e2e}/vitest.config.ts'],
  },
});
