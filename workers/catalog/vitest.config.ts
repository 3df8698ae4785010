import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { builtWorker, d1Id } from '@linked-all/testing/built-worker';
import { defineConfig } from 'vitest/config';

// Identity sends SMS (codes, invitations) through notifications, which nothing here asks it to do.
const identity = builtWorker('identity');
const { NOTIFICATIONS: _sends, ...identityServices } = identity.serviceBindings;

// Reviews ask orders who bought a vendor order (ORDERS binding), so the real orders worker runs
// beside the catalog, with the workers it binds in turn. Orders binds this worker back as
// CATALOG; the test runner does not register the worker under test by that name, so a second copy
// of it stands in, on the same D1 database, without its queue consumers (each queue has one).
const catalogForOrders = { ...builtWorker('catalog'), queueConsumers: {} };
const migrations = (name: string) => readD1Migrations(new URL(`../../migrations/${name}`, import.meta.url).pathname);

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        workers: [
          catalogForOrders,
          builtWorker('orders'),
          builtWorker('payments'),
          { ...identity, serviceBindings: identityServices },
          builtWorker('logistics'),
          // Photo uploads: the media worker decodes, resizes and encodes them (photon lives there).
          builtWorker('media'),
        ],
        // Test-only: orders' database, to apply its migrations and seed delivered purchases.
        d1Databases: { ORDERS_DB: d1Id('orders') },
        bindings: {
          TEST_MIGRATIONS: await migrations('catalog'),
          ORDERS_MIGRATIONS: await migrations('orders'),
        },
      },
    }),
  ],
  test: {
    // Access logs are noise when a test passes and evidence when it fails.
    silent: 'passed-only' as const,
    name: 'catalog',
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
}));
