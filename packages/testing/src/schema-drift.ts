import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';

// The migrations are the source of truth for DDL; a service's drizzle schema describes what they
// build. This compares the two on a migrated database, so a column added to one and not the other
// fails that service's tests instead of a query at run time.

type ColumnRow = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };

/** Tables that are not the service's own data: SQLite's, D1's, Miniflare's, and FTS5 shadow tables. */
async function ownTables(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all<{ name: string; sql: string | null }>();
  const virtual = results.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name);
  return results
    .map((t) => t.name)
    .filter((name) => !/^(sqlite_|_cf_|d1_migrations$)/.test(name))
    .filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
}

/**
 * Every difference between the schema's tables and the migrated database, as readable lines
 * (an empty list when they agree): tables on one side only; per column its presence, SQL type,
 * NOT NULL, default and primary-key position.
 */
export async function schemaDrift(db: D1Database, schema: Record<string, unknown>): Promise<string[]> {
  const tables = Object.values(schema).filter((v): v is SQLiteTable => is(v, SQLiteTable));
  const described = new Map(tables.map((t) => [getTableConfig(t).name, getTableConfig(t)]));
  const drift: string[] = [];
  const inDatabase = await ownTables(db);
  for (const name of inDatabase) if (!described.has(name)) drift.push(`${name}: in the migrations, not in the schema`);
  for (const [name, config] of described) {
    if (!inDatabase.includes(name)) {
      drift.push(`${name}: in the schema, not in the migrations`);
      continue;
    }
    // table_xinfo, not table_info: generated columns (hidden 2 and 3) are columns the schema reads too;
    // hidden 1 are a virtual table's own.
    const { results } = await db
      .prepare('SELECT * FROM pragma_table_xinfo(?) WHERE hidden IN (0, 2, 3)')
      .bind(name)
      .all<ColumnRow>();
    const rows = new Map(results.map((r) => [r.name, r]));
    const compositeKey = config.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
    for (const column of config.columns) {
      const row = rows.get(column.name);
      if (!row) {
        drift.push(`${name}.${column.name}: in the schema, not in the migrations`);
        continue;
      }
      rows.delete(column.name);
      const pk = column.primary ? 1 : compositeKey.indexOf(column.name) + 1;
      const expected = {
        type: column.getSQLType().toUpperCase(),
        // A sole primary key is NOT NULL to drizzle whatever the DDL says (SQLite allows NULL in a TEXT key).
        notnull: column.primary ? row.notnull : Number(column.notNull),
        // An INTEGER sole key is SQLite's rowid, which drizzle counts as defaulted.
        default: column.primary ? row.dflt_value !== null : column.hasDefault,
        pk,
      };
      const actual = { type: row.type.toUpperCase(), notnull: row.notnull, default: row.dflt_value !== null, pk: row.pk };
      for (const key of Object.keys(expected) as (keyof typeof expected)[]) {
        if (expected[key] !== actual[key]) {
          drift.push(`${name}.${column.name}: ${key} is ${actual[key]} in the migrations, ${expected[key]} in the schema`);
        }
      }
    }
    for (const column of rows.keys()) drift.push(`${name}.${column}: in the migrations, not in the schema`);
  }
  return drift;
}
