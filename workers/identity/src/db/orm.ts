import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';

/** Typed queries over this service's tables. Guarded multi-statement writes stay single D1 `batch()` calls. */
export function orm(db: D1Database) {
  return drizzle(db, { schema });
}

/**
 * A drizzle query as a D1 statement, so it can join one `db.batch()` with the statements packages
 * build (outbox rows, audit rows): one transaction, one round trip.
 */
export function statement(db: D1Database, query: { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql: text, params } = query.toSQL();
  return db.prepare(text).bind(...params);
}

/**
 * A condition a package builds as text with `?` binds (keyset.after, an audit row's `when`) as drizzle
 * SQL, so one guard is written once and serves both.
 */
export function fragment(condition: { sql: string; args: unknown[] }): SQL {
  const parts = condition.sql.split('?');
  if (parts.length !== condition.args.length + 1) throw new Error(`${condition.sql}: ${condition.args.length} binds`);
  return sql.join(
    parts.map((part, i) => (i < condition.args.length ? sql`${sql.raw(part)}${condition.args[i]}` : sql.raw(part))),
  );
}

/**
 * `INSERT INTO table (every column) SELECT <row> WHERE <guard>`: a row written only while the guard
 * holds, checked in the same statement (a cap, a pending invitation), so no read-then-write race.
 * Drizzle's `insert().select()` wants every column in table order; the row's missing columns take
 * their schema default (or NULL), encoded by the column as `values()` would.
 */
export function insertWhere<T extends SQLiteTable>(db: D1Database, table: T, row: T['$inferInsert'], guard: SQL) {
  const given: Record<string, unknown> = row;
  const values = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const value = given[key];
    if (value !== undefined) return value === null ? sql`NULL` : sql.param(value, column);
    if (is(column.default, SQL)) return column.default;
    return column.default === undefined || column.default === null ? sql`NULL` : sql.param(column.default, column);
  });
  return orm(db)
    .insert(table)
    .select(sql`SELECT ${sql.join(values, sql`, `)} WHERE ${guard}`);
}
