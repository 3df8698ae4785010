import type { Db } from '../db/session';
import { toFtsQuery } from './search-query';

const MAX_TITLE = 80;

/**
 * Prefix autocomplete: up to 10 distinct titles, best title matches first.
 * Titles are cut to 80 characters so the answer stays under 2 KB on 2G.
 */
export async function suggest(db: Db, q: string): Promise<{ items: { id: string; title: string }[] }> {
  const fts = toFtsQuery(q);
  if (!fts) return { items: [] };
  const { results } = await db
    .prepare(
      `SELECT p.id, p.title FROM products_fts CROSS JOIN products p ON p.rowid = products_fts.rowid
       JOIN vendors v ON v.id = p.vendor_id
       WHERE products_fts MATCH ? AND p.status = 'active' AND v.status = 'active'
       ORDER BY bm25(products_fts, 10.0, 1.0) LIMIT 30`,
    )
    .bind(`{title} : ${fts}`)
    .all<{ id: string; title: string }>();
  const seen = new Set<string>();
  const items: { id: string; title: string }[] = [];
  for (const row of results) {
    const key = row.title.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({ id: row.id, title: row.title.length > MAX_TITLE ? `${row.title.slice(0, MAX_TITLE - 1)}…` : row.title });
    if (items.length === 10) break;
  }
  return { items };
}
