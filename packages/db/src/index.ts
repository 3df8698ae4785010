import { fillPlaceholders, getTableColumns, getTableName, is, SQL, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

// The few ways every service writes D1 through drizzle that the builder does not offer: a query as a
// statement of a shared batch, a guard written as SQL text by a package, a row inserted only while a
// guard holds. Each service keeps its own schema (`src/db/schema.ts`) and `orm` handle.

/** What `toSQL()` gives: any drizzle query. */
type Query = { toSQL(): { sql: string; params: unknown[] } };

/**
 * `orm(db)` for one service's schema. One drizzle handle per binding: building it walks the whole
 * schema, and the money paths call it per query. The handle takes a D1 session too (a read replica's
 * `withSession()`): drizzle's D1 driver calls nothing a session lacks (prepare, batch).
 */
export function ormFor<S extends Record<string, unknown>>(schema: S) {
  const handles = new WeakMap<object, ReturnType<typeof drizzle<S>>>();
  return (db: D1Database | D1DatabaseSession) => {
    let handle = handles.get(db);
    if (!handle) {
      // The session's prepare/batch are D1Database's; drizzle's driver type names only the database.
      handle = drizzle(db as D1Database, { schema });
      handles.set(db, handle);
    }
    return handle;
  };
}

/**
 * A drizzle query as a D1 statement, so it can join one `db.batch()` with the statements packages
 * build (outbox rows, audit rows, ledger lines): one transaction, one round trip.
 */
export function statement(db: D1Database | D1DatabaseSession, query: Query): D1PreparedStatement {
  const { sql: text, params } = query.toSQL();
  return db.prepare(text).bind(...params);
}

/**
 * A condition a package writes as SQL text with `?` binds (an outbox or audit guard, a keyset
 * cursor's continuation) as a drizzle fragment, so one guard serves a builder's `where` too.
 */
export function bound(condition: { sql: string; args: readonly unknown[] }): SQL {
  const parts = condition.sql.split('?');
  if (parts.length !== condition.args.length + 1) {
    throw new Error(`${parts.length - 1} binds in "${condition.sql}", given ${condition.args.length}`);
  }
  return sql.join(parts.flatMap((part, i) => (i === 0 ? [sql.raw(part)] : [sql`${condition.args[i - 1]}`, sql.raw(part)])));
}

/**
 * "This drizzle query finds a row" as the SQL text guard outbox and audit rows take (`when`), so a
 * guard written once in the builder gates both the change and the event of the same batch.
 */
export function existsGuard(query: Query): { sql: string; args: unknown[] } {
  const { sql: text, params } = query.toSQL();
  return { sql: `EXISTS (${text})`, args: params };
}

/**
 * `SELECT <row> WHERE <when>` in the table's column order, for `insert(table).select(…)`: one
 * INSERT that writes the row only while `when` holds, read by the insert itself (a cap, a pending
 * invitation, a return line that must fit what was ordered) — no read-then-write race. Omitted
 * columns take the schema's default or NULL, as `values()` would (each service's schema test keeps
 * those defaults equal to the migrations'). The WHERE is always written: SQLite needs it to tell the
 * SELECT from a following ON CONFLICT.
 */
export function rowWhere<T extends SQLiteTable>(table: T, row: T['$inferInsert'], when: SQL): SQL {
  const given: Partial<Record<string, unknown>> = row;
  const values = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const value = given[key] === undefined ? column.default : given[key];
    if (value === undefined || value === null) return sql`NULL`;
    return is(value, SQL) ? value : sql.param(value, column);
  });
  return sql`SELECT ${sql.join(values, sql`, `)} WHERE ${when}`;
}

/**
 * A column named with its table, for a correlated subquery in a select list: drizzle writes a
 * single-table select's columns bare there, and a bare outer name binds to the inner table's
 * column of that name (`WHERE "order_id" = "order_id"` is true for every row).
 */
export function qualified(column: SQLiteColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

/**
 * `column IN (the values)` with ONE bind (a JSON array read by `json_each`), so a page of ids never
 * meets D1's limit of 100 bound parameters per statement, as `inArray` would.
 */
export function inJson(column: SQLiteColumn, values: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

const plain = new WeakMap<object, ReturnType<typeof drizzle>>();

/**
 * `INSERT INTO <table> (every column) SELECT <row> WHERE <guard>`: `rowWhere` as the insert, ready
 * to await, `.onConflictDoNothing()` or pass to `statement()`. The insert needs no schema, so it
 * serves every service.
 */
export function insertWhere<T extends SQLiteTable>(
  db: D1Database | D1DatabaseSession,
  table: T,
  row: T['$inferInsert'],
  guard: SQL,
) {
  let handle = plain.get(db);
  if (!handle) {
    handle = drizzle(db as D1Database);
    plain.set(db, handle);
  }
  return handle.insert(table).select(rowWhere(table, row, guard));
}

/** A query `.prepare()` made: its SQL with placeholders, and drizzle's mapping of a batch result. */
type Prepared = {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(response: unknown, isFromBatch?: boolean): unknown;
  all(...values: never[]): Promise<unknown>;
};

/**
 * Queries built once per binding, with `sql.placeholder()` for what changes per call, run as one
 * `db.batch()`. For hot reads: drizzle builds a query's SQL on every call (~0.25 ms for a join and
 * a subquery, a tenth of a public tracking request), while this builds it once.
 */
export function preparedBatch<const Q extends readonly Prepared[]>(build: (db: D1Database | D1DatabaseSession) => Q) {
  const built = new WeakMap<object, Q>();
  return async (
    db: D1Database | D1DatabaseSession,
    values: Record<string, unknown>,
  ): Promise<{ [K in keyof Q]: Awaited<ReturnType<Q[K]['all']>> }> => {
    let queries = built.get(db);
    if (!queries) {
      queries = build(db);
      built.set(db, queries);
    }
    const results = await db.batch(
      queries.map((q) => {
        const { sql: text, params } = q.getQuery();
        return db.prepare(text).bind(...fillPlaceholders(params, values));
      }),
    );
    // The tuple's element types are the queries' own `all()` results: drizzle maps each the same way.
    return results.map((result, i) => queries[i]?.mapResult(result, true)) as never;
  };
}
