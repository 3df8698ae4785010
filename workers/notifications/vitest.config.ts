import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { builtWorker, d1Id } from '@linked-all/testing/built-worker';
import { defineConfig } from 'vitest/config';

// Identity binds this worker back (NOTIFICATIONS, for its SMS) under a name the test runner does not
// register; nothing here asks identity to send a code or an invitation.
const identity = builtWorker('identity');
const { NOTIFICATIONS: _sends, ...identityServices } = identity.serviceBindings;

// Notifications runs with the real identity beside it (built JS, the bindings of its own
// wrangler.toml): contacts and callers are looked up over its Service Binding. Tests feed events
// through a test-only producer of the real notification-events and shipment-events queues.
// Orders (SMS ACCEPT) and logistics (collection-code resend) are real too; what they would ask
// of the catalog and payments never happens here, so those bindings are left out, and logistics
// does not consume order-events (nothing here checks out).
const orders = builtWorker('orders');
const { CATALOG: _catalog, PAYMENTS: _payments, ...ordersServices } = orders.serviceBindings;
const logistics = builtWorker('logistics');
const { PAYMENTS: _paysOut, ...logisticsServices } = logistics.serviceBindings;
const migrations = (name: string) => readD1Migrations(new URL(`../../migrations/${name}`, import.meta.url).pathname);

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        workers: [
          { ...identity, serviceBindings: identityServices },
          { ...orders, serviceBindings: ordersServices },
          { ...logistics, serviceBindings: logisticsServices, queueConsumers: {} },
        ],
        // Test-only: the other services' databases (migrations and seeded rows) and producers of the queues this worker consumes.
        d1Databases: { IDENTITY_DB: d1Id('identity'), ORDERS_DB: d1Id('orders'), LOGISTICS_DB: d1Id('logistics') },
        queueProducers: {
          TEST_NOTIFICATION_EVENTS: { queueName: 'notification-events' },
          TEST_SHIPMENT_EVENTS: { queueName: 'shipment-events' },
          // A producer's own queue in the fan-out test (nobody consumes it here).
          TEST_FANOUT_MAIN: { queueName: 'fanout-main' },
        },
        bindings: {
          ENVIRONMENT: 'test',
          TEST_MIGRATIONS: await migrations('notifications'),
          IDENTITY_MIGRATIONS: await migrations('identity'),
          ORDERS_MIGRATIONS: await migrations('orders'),
          LOGISTICS_MIGRATIONS: await migrations('logistics'),
        },
      },
    }),
  ],
  test: {
    // Access logs are noise when a test passes and evidence when it fails.
    silent: 'passed-only' as const,
    name: 'notifications',
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
}));
