import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { CATALOG_D1_ID, catalogWorker } from './test/catalog-worker';

// The gateway is tested with the real catalog worker beside it (built JS, its
// own bindings), reached over the same Service Binding as in production.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: '../../wrangler.toml' },
      miniflare: {
        workers: [catalogWorker()],
        // Test-only: the catalog's database, to apply migrations and seed fixtures.
        d1Databases: { CATALOG_DB: CATALOG_D1_ID },
        bindings: { TEST_MIGRATIONS: await readD1Migrations(new URL('../../migrations/catalog', import.meta.url).pathname) },
      },
    }),
  ],
  test: {
    // Access logs are noise when a test passes and evidence when it fails.
    silent: 'passed-only' as const,
    name: 'gateway',
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
}));
