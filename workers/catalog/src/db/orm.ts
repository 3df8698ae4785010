import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';
import type { Db } from './session';

/** Typed queries over this service's tables, on the database or a read/write session. */
export function orm(db: Db) {
  // drizzle's D1 driver types only D1Database but calls nothing a session lacks (prepare, batch),
  // so reads can go through a session's nearby replica.
  return drizzle(db as D1Database, { schema });
}

/**
 * A drizzle query as a D1 statement, so it can join one `db.batch()` with the statements packages
 * build (outbox rows, audit rows): one transaction, one round trip.
 */
export function statement(db: Db, query: { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return db.prepare(sql).bind(...params);
}

/**
 * "This drizzle query finds a row", as the SQL condition outbox and audit rows take (`when`), so a
 * guard written once in the builder both gates the change and the event of the same batch.
 */
export function existsGuard(query: { toSQL(): { sql: string; params: unknown[] } }): { sql: string; args: unknown[] } {
  const { sql, params } = query.toSQL();
  return { sql: `EXISTS (${sql})`, args: params };
}
