import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';

const handles = new WeakMap<D1Database, ReturnType<typeof handle>>();
const handle = (db: D1Database) => drizzle(db, { schema });

/**
 * Typed queries over this service's tables. Guarded multi-statement writes stay single D1 `batch()` calls.
 * One drizzle handle per binding: building it walks the whole schema, and the money paths call this per query.
 */
export function orm(db: D1Database) {
  let d = handles.get(db);
  if (!d) {
    d = handle(db);
    handles.set(db, d);
  }
  return d;
}

/**
 * A drizzle query as a D1 statement, so it can join one `db.batch()` with the statements packages
 * build (outbox rows, audit rows, postEntry's lines): one transaction, one round trip.
 */
export function statement(db: D1Database, query: { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return db.prepare(sql).bind(...params);
}

/**
 * `INSERT INTO <table> (every column) SELECT <row> WHERE <condition>`: a row that lands only if the
 * condition holds when the statement runs, read by the insert itself (the guard and the write are one
 * statement). Columns left out take the schema's default or NULL, as drizzle's `.values()` does
 * (test/schema.test.ts keeps those defaults equal to the migrations'). The WHERE is always written:
 * SQLite needs it to tell the SELECT from a following ON CONFLICT.
 */
export function insertWhere<T extends SQLiteTable>(db: D1Database, table: T, row: T['$inferInsert'], condition: SQL) {
  const given: Partial<Record<string, unknown>> = row;
  // Every column, in the schema's order: the order drizzle lists them in the INSERT (no table here has generated columns).
  const values = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const value = given[key] === undefined ? column.default : given[key];
    if (value === undefined || value === null) return sql`NULL`;
    return is(value, SQL) ? value : sql.param(value, column);
  });
  return orm(db)
    .insert(table)
    .select(sql`SELECT ${sql.join(values, sql`, `)} WHERE ${condition}`);
}

/**
 * A condition written for D1's `?` binds (the shared keyset paging of @linked-all/http) as a drizzle
 * fragment, so it joins a typed query with its binds in place.
 */
export function bound(condition: { sql: string; args: unknown[] }): SQL {
  const parts = condition.sql.split('?');
  if (parts.length !== condition.args.length + 1) throw new Error(`${condition.args.length} binds for: ${condition.sql}`);
  return sql.join(
    parts.map((part, i) => (i < condition.args.length ? sql`${sql.raw(part)}${condition.args[i]}` : sql.raw(part))),
  );
}
