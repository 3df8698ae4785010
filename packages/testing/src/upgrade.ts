// Every test database is built from nothing, but a deployed one is upgraded with data in it: a
// migration that rebuilds a table can pass the first and fail the second (docs/architecture.md,
// "Rebuilding a table"). This upgrades an empty database the way a deployed one is.

type Migration = { name: string };

/**
 * Applies the migrations before `before` (a file name prefix such as '0006'), writes `rows` (SQL
 * that points at the table the next migrations rebuild), then applies them all. `apply` is
 * cloudflare:test's applyD1Migrations, passed in because only the test runtime provides it.
 */
export async function upgradeHolding<M extends Migration>(options: {
  db: D1Database;
  migrations: M[];
  apply: (db: D1Database, migrations: M[]) => Promise<void>;
  before: string;
  rows: string[];
}): Promise<void> {
  const { db, migrations, apply, before, rows } = options;
  await apply(
    db,
    migrations.filter((m) => m.name < before),
  );
  await db.batch(rows.map((sql) => db.prepare(sql)));
  await apply(db, migrations);
}
