import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { builtWorker, d1Id } from '@linked-all/testing/built-worker';
import { defineConfig } from 'vitest/config';

// Identity sends SMS (codes, invitations) through notifications, which nothing here asks it to do.
const identity = builtWorker('identity');
const { NOTIFICATIONS: _sends, ...identityServices } = identity.serviceBindings;

// Logistics calls orders back only when a parcel moves, which these tests never do; its ORDERS
// binding would name this worker, which the test runner does not register under that name.
const logistics = builtWorker('logistics');
const { ORDERS: _callsBack, ...logisticsServices } = logistics.serviceBindings;
// Likewise the catalog asks orders only about purchases (reviews, bought together), never here, and
// media only for photo uploads, which these tests never send.
const catalog = builtWorker('catalog');
const { ORDERS: _asksBack, MEDIA: _photos, ...catalogServices } = catalog.serviceBindings;

// Orders runs with the real catalog, payments, identity and logistics beside it (built JS, the bindings of
// their own wrangler.toml), reached over the same Service Bindings as in production.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        workers: [
          { ...catalog, serviceBindings: catalogServices },
          builtWorker('payments'),
          { ...identity, serviceBindings: identityServices },
          { ...logistics, serviceBindings: logisticsServices },
        ],
        // Test-only: the other services' databases, to apply migrations and seed fixtures.
        d1Databases: {
          CATALOG_DB: d1Id('catalog'),
          PAYMENTS_DB: d1Id('payments'),
          IDENTITY_DB: d1Id('identity'),
          LOGISTICS_DB: d1Id('logistics'),
        },
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(new URL('../../migrations/orders', import.meta.url).pathname),
          CATALOG_MIGRATIONS: await readD1Migrations(new URL('../../migrations/catalog', import.meta.url).pathname),
          PAYMENTS_MIGRATIONS: await readD1Migrations(new URL('../../migrations/payments', import.meta.url).pathname),
          IDENTITY_MIGRATIONS: await readD1Migrations(new URL('../../migrations/identity', import.meta.url).pathname),
          LOGISTICS_MIGRATIONS: await readD1Migrations(new URL('../../migrations/logistics', import.meta.url).pathname),
        },
      },
    }),
  ],
  test: {
    // Access logs are noise when a test passes and evidence when it fails.
    silent: 'passed-only' as const,
    name: 'orders',
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
}));
