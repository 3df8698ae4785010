import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

/** Typed queries over this service's tables. Multi-statement writes stay raw D1 `batch()`, beside the outbox row. */
export function orm(db: D1Database) {
  return drizzle(db, { schema });
}
