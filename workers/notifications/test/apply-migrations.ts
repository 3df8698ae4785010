import { applyD1Migrations, env } from 'cloudflare:test';

// Runs before each test file; applyD1Migrations skips what is already applied.
await Promise.all([
  applyD1Migrations(env.DB, env.TEST_MIGRATIONS),
  applyD1Migrations(env.IDENTITY_DB, env.IDENTITY_MIGRATIONS),
  applyD1Migrations(env.ORDERS_DB, env.ORDERS_MIGRATIONS),
  applyD1Migrations(env.LOGISTICS_DB, env.LOGISTICS_MIGRATIONS),
]);
