import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { builtWorker, d1Id } from '@linked-all/testing/built-worker';
import { defineConfig } from 'vitest/config';

// Identity sends SMS (codes, invitations) through notifications, which nothing here asks it to do.
const identity = builtWorker('identity');
const { NOTIFICATIONS: _sends, ...identityServices } = identity.serviceBindings;

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        // Identity beside it (built JS, its own bindings): the shop guard of vendor routes asks it.
        workers: [{ ...identity, serviceBindings: identityServices }],
        // Test-only: identity's database, to apply its migrations and seed shops.
        // UPGRADE_DB: an empty one to upgrade step by step, as a deployed database is.
        d1Databases: { IDENTITY_DB: d1Id('identity'), UPGRADE_DB: 'payments-upgrade-test' },
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(new URL('../../migrations/payments', import.meta.url).pathname),
          IDENTITY_MIGRATIONS: await readD1Migrations(new URL('../../migrations/identity', import.meta.url).pathname),
        },
      },
    }),
  ],
  test: {
    // Access logs are noise when a test passes and evidence when it fails.
    silent: 'passed-only' as const,
    name: 'payments',
    setupFiles: ['./test/apply-migrations.ts'],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
}));
