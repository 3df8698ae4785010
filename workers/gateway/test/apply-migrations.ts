import { applyD1Migrations, env } from 'cloudflare:test';

await applyD1Migrations(env.CATALOG_DB, env.CATALOG_MIGRATIONS);
await applyD1Migrations(env.IDENTITY_DB, env.IDENTITY_MIGRATIONS);
await applyD1Migrations(env.PAYMENTS_DB, env.PAYMENTS_MIGRATIONS);
await applyD1Migrations(env.ORDERS_DB, env.ORDERS_MIGRATIONS);
await applyD1Migrations(env.LOGISTICS_DB, env.LOGISTICS_MIGRATIONS);
await applyD1Migrations(env.NOTIFICATIONS_DB, env.NOTIFICATIONS_MIGRATIONS);
