import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Stateless and alone: no other worker, no migrations. Its callers' tests (the catalog's) run it
// beside them as a built auxiliary worker.
export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
  test: {
    // Access logs are noise when a test passes and evidence when it fails.
    silent: 'passed-only' as const,
    name: 'media',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
