/// <reference types="@cloudflare/vitest-plugin/types" />
// Every test database is built from nothing, but a deployed one is upgraded with data in it: a
// migration that rebuilds a table can pass the first and fail the second (docs/architecture.md,
// "Rebuilding a table"). This upgrades an empty database the way a deployed one is.
import { applyD1Migrations, type D1Migration, env } from 'cloudflare:test';

// Every worker's test config that upgrades binds these two (see its vitest.config.ts).
type UpgradeEnv = { UPGRADE_DB: D1Database; TEST_MIGRATIONS: D1Migration[] };

/**
 * On the test's empty UPGRADE_DB: applies the worker's migrations before `before` (a file name
 * prefix such as '0006'), writes `rows` (SQL that points at the table the next migrations
 * rebuild), then applies them all. Answers the database, to look at what survived.
 */
export async function upgradeHolding(options: { before: string; rows: string[] }): Promise<D1Database> {
  const { UPGRADE_DB: db, TEST_MIGRATIONS: migrations } = env as unknown as UpgradeEnv;
  await applyD1Migrations(
    db,
    migrations.filter((m) => m.name < options.before),
  );
  await db.batch(options.rows.map((sql) => db.prepare(sql)));
  await applyD1Migrations(db, migrations);
  return db;
}
