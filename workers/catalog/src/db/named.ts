import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * `column AS name`, decoded as the column decodes (JSON, boolean). D1's `batch()` answers rows as
 * objects keyed by column name, so a join selected in a batch must not name two columns alike
 * (`p.id` and `i.id`): drizzle would read the fields after the lost one out of place.
 */
export function named<C extends SQLiteColumn>(
  column: C,
  name: string,
): SQL.Aliased<C['_']['notNull'] extends true ? C['_']['data'] : C['_']['data'] | null> {
  return sql`${column}`.mapWith(column).as(name);
}
