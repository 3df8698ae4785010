import { drizzle } from 'drizzle-orm/d1';
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
