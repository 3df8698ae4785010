import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { builtWorker, d1Id } from '@linked-all/testing/built-worker';
import { defineConfig } from 'vitest/config';

// The gateway is tested with the real services beside it (built JS, the
// bindings of their own wrangler.toml), reached over the same Service Bindings
// as in production.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: '../../wrangler.toml' },
      miniflare: {
        workers: [
          builtWorker('catalog'),
          builtWorker('identity'),
          builtWorker('payments'),
          builtWorker('orders'),
          builtWorker('logistics'),
          builtWorker('notifications'),
          builtWorker('media'),
        ],
        // Test-only: the services' databases, to apply migrations and seed fixtures.
        d1Databases: {
          CATALOG_DB: d1Id('catalog'),
          IDENTITY_DB: d1Id('identity'),
          PAYMENTS_DB: d1Id('payments'),
          ORDERS_DB: d1Id('orders'),
          LOGISTICS_DB: d1Id('logistics'),
          NOTIFICATIONS_DB: d1Id('notifications'),
        },
        // Test-only: the catalog's image bucket, to store an image the gateway then serves.
        r2Buckets: { CATALOG_IMAGES: 'linked-all-images' },
        bindings: {
          CATALOG_MIGRATIONS: await readD1Migrations(new URL('../../migrations/catalog', import.meta.url).pathname),
          IDENTITY_MIGRATIONS: await readD1Migrations(new URL('../../migrations/identity', import.meta.url).pathname),
          PAYMENTS_MIGRATIONS: await readD1Migrations(new URL('../../migrations/payments', import.meta.url).pathname),
          ORDERS_MIGRATIONS: await readD1Migrations(new URL('../../migrations/orders', import.meta.url).pathname),
          LOGISTICS_MIGRATIONS: await readD1Migrations(new URL('../../migrations/logistics', import.meta.url).pathname),
          NOTIFICATIONS_MIGRATIONS: await readD1Migrations(new URL('../../migrations/notifications', import.meta.url).pathname),
        },
      },
    }),
  ],
  test: {
    name: 'gateway',
    // Access logs are noise when a test passes and evidence when it fails.
    silent: 'passed-only' as const,
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
}));
