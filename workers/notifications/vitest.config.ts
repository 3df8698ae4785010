import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { builtWorker, d1Id } from '@linked-all/testing/built-worker';
import { defineConfig } from 'vitest/config';

// Notifications runs with the real identity beside it (built JS, the bindings of its own
// wrangler.toml): contacts and callers are looked up over its Service Binding. Tests feed events
// through a test-only producer of the real notification-events and shipment-events queues.
const migrations = (name: string) => readD1Migrations(new URL(`../../migrations/${name}`, import.meta.url).pathname);

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        workers: [builtWorker('identity')],
        // Test-only: identity's database (migrations and seeded accounts) and producers of the queues this worker consumes.
        d1Databases: { IDENTITY_DB: d1Id('identity') },
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
