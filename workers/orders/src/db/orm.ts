import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

/** Typed queries over this service's tables. Guarded multi-statement writes stay single D1 `batch()` calls. */
export function orm(db: D1Database) {
  return drizzle(db, { schema });
}
