import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { builtWorker, d1Id } from '@linked-all/testing/built-worker';
import { defineConfig } from 'vitest/config';

// Identity sends SMS (codes, invitations) through notifications, which nothing here asks it to do.
const identity = builtWorker('identity');
const { NOTIFICATIONS: _sends, ...identityServices } = identity.serviceBindings;

// Logistics runs with the real orders, payments, catalog and identity beside it (built JS, the bindings of
// their own wrangler.toml): a real checkout's order.confirmed reaches this worker's queue
// consumer, and its pickups and deliveries reach orders and payments over Service Bindings.
// Orders checks pickup stations with logistics over its LOGISTICS binding, which names this worker;
// the test runner does not register this worker under that name, so a second copy of it stands in,
// on the same D1 database, without its queue consumer (order-events has one consumer: this worker).
const logisticsForOrders = { ...builtWorker('logistics'), queueConsumers: {} };
// The catalog calls media only for photo uploads, which these tests never send.
const catalog = builtWorker('catalog');
const { MEDIA: _photos, ...catalogServices } = catalog.serviceBindings;
const migrations = (name: string) => readD1Migrations(new URL(`../../migrations/${name}`, import.meta.url).pathname);

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        workers: [
          { ...catalog, serviceBindings: catalogServices },
          builtWorker('orders'),
          builtWorker('payments'),
          { ...identity, serviceBindings: identityServices },
          logisticsForOrders,
        ],
        // Test-only: the other services' databases, to apply migrations and seed fixtures.
        d1Databases: {
          CATALOG_DB: d1Id('catalog'),
          ORDERS_DB: d1Id('orders'),
          PAYMENTS_DB: d1Id('payments'),
          IDENTITY_DB: d1Id('identity'),
          // An empty one to upgrade step by step, as a deployed database is.
          UPGRADE_DB: 'logistics-upgrade-test',
        },
        bindings: {
          TEST_MIGRATIONS: await migrations('logistics'),
          CATALOG_MIGRATIONS: await migrations('catalog'),
          ORDERS_MIGRATIONS: await migrations('orders'),
          PAYMENTS_MIGRATIONS: await migrations('payments'),
          IDENTITY_MIGRATIONS: await migrations('identity'),
        },
      },
    }),
  ],
  test: {
    // Access logs are noise when a test passes and evidence when it fails.
    silent: 'passed-only' as const,
    name: 'logistics',
    // Shipment tests wait for real queue deliveries between workers: 3–5 s each on a loaded 2-core CI box.
    testTimeout: 20_000,
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
}));
