import { applyD1Migrations, env } from 'cloudflare:test';

// Runs before each test file; applyD1Migrations skips what is already applied.
await Promise.all([
  applyD1Migrations(env.DB, env.TEST_MIGRATIONS),
  applyD1Migrations(env.NOTIFICATIONS_DB, env.NOTIFICATIONS_MIGRATIONS),
]);
