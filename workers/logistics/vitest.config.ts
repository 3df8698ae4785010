import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { builtWorker, d1Id } from '@linked-all/testing/built-worker';
import { defineConfig } from 'vitest/config';

// Logistics runs with the real orders, payments and catalog beside it (built JS, the bindings of
// their own wrangler.toml): a real checkout's order.confirmed reaches this worker's queue
// consumer, and its pickups and deliveries reach orders and payments over Service Bindings.
const migrations = (name: string) => readD1Migrations(new URL(`../../migrations/${name}`, import.meta.url).pathname);

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        workers: [builtWorker('catalog'), builtWorker('orders'), builtWorker('payments')],
        // Test-only: the other services' databases, to apply migrations and seed fixtures.
        d1Databases: { CATALOG_DB: d1Id('catalog'), ORDERS_DB: d1Id('orders'), PAYMENTS_DB: d1Id('payments') },
        bindings: {
          TEST_MIGRATIONS: await migrations('logistics'),
          CATALOG_MIGRATIONS: await migrations('catalog'),
          ORDERS_MIGRATIONS: await migrations('orders'),
          PAYMENTS_MIGRATIONS: await migrations('payments'),
        },
      },
    }),
  ],
  test: {
    // Access logs are noise when a test passes and evidence when it fails.
    silent: 'passed-only' as const,
    name: 'logistics',
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
}));
