import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { builtWorker, d1Id } from '@linked-all/testing/built-worker';
import { defineConfig } from 'vitest/config';

// Identity runs with the real notifications beside it (built JS, the bindings of its own
// wrangler.toml): every SMS goes there over the NOTIFICATIONS Service Binding, and tests read
// what its sandbox providers "sent". Its priority path and its sandbox never call back into
// identity, orders or logistics, so those bindings are left out (the test runner does not
// register this worker under the name notifications binds anyway).
const notifications = builtWorker('notifications');
const { IDENTITY: _callsBack, ORDERS: _orders, LOGISTICS: _logistics, ...notificationsServices } = notifications.serviceBindings;
const migrations = (name: string) => readD1Migrations(new URL(`../../migrations/${name}`, import.meta.url).pathname);

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        // Its queue consumers stay off: nothing here publishes what they consume.
        workers: [{ ...notifications, serviceBindings: notificationsServices, queueConsumers: {} }],
        // Test-only: notifications' database, to apply its migrations; an empty one to upgrade step
        // by step, as a deployed database is.
        d1Databases: { NOTIFICATIONS_DB: d1Id('notifications'), UPGRADE_DB: 'identity-upgrade-test' },
        bindings: {
          TEST_MIGRATIONS: await migrations('identity'),
          NOTIFICATIONS_MIGRATIONS: await migrations('notifications'),
        },
      },
    }),
  ],
  test: {
    // Access logs are noise when a test passes and evidence when it fails.
    silent: 'passed-only' as const,
    name: 'identity',
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
}));
