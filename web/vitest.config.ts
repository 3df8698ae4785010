import { defineConfig } from 'vitest/config';

// Plain Node: the pages are pure functions of their data, rendered to strings.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } },
  test: {
    name: 'web',
    environment: 'node',
    root: new URL('..', import.meta.url).pathname,
    include: ['web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
  },
});
