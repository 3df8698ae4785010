import { getTableColumns, is, SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from './schema';

/** Typed queries over this service's tables. Guarded multi-statement writes stay single D1 `batch()` calls. */
export function orm(db: D1Database) {
  return drizzle(db, { schema });
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
 * A condition the shared packages write as SQL text with `?` binds (an outbox guard, a keyset
 * cursor's continuation) as a drizzle fragment, so it can sit in a builder's `where`.
 */
export function condition(raw: { sql: string; args: readonly unknown[] }): SQL {
  const parts = raw.sql.split('?');
  if (parts.length !== raw.args.length + 1) throw new Error(`condition has ${parts.length - 1} binds, given ${raw.args.length}`);
  return sql.join(parts.flatMap((part, i) => (i === 0 ? [sql.raw(part)] : [sql`${raw.args[i - 1]}`, sql.raw(part)])));
}

/**
 * `SELECT <row> WHERE <when>` in the table's column order, for `insert(table).select(…)`: one
 * INSERT that writes the row only when `when` holds in the same statement (a guarded audit row,
 * a return line that must fit what was ordered). Omitted columns take their default, as in
 * `values()`.
 */
export function rowWhere<T extends SQLiteTable>(table: T, row: T['$inferInsert'], when: SQL): SQL {
  const given: Partial<Record<string, unknown>> = row;
  const values = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const value = given[key];
    if (value !== undefined) return is(value, SQL) ? value : sql.param(value, column);
    if (column.default !== undefined && column.default !== null) {
      return is(column.default, SQL) ? column.default : sql.param(column.default, column);
    }
    return sql`null`;
  });
  return sql`select ${sql.join(values, sql`, `)} where ${when}`;
}

/**
 * `column IN (the values)` with ONE bind (a JSON array read by `json_each`), so a page of ids never
 * meets D1's limit of 100 bound parameters per statement, as `inArray` would.
 */
export function inJson(column: SQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
