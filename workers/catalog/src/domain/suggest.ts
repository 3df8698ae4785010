import type { Suggestions } from '../../contract';
import type { Db } from '../db/session';
import { matchExpression, planSearch } from './search-plan';
import { searchWords, toFtsQuery } from './search-query';

const MAX_TITLE = 80;

const titlesMatching = (db: Db, match: string) =>
  db
    .prepare(
      `SELECT p.id, p.title FROM products_search CROSS JOIN products p ON p.rowid = products_search.rowid
       JOIN vendors v ON v.id = p.vendor_id
       WHERE products_search MATCH ? AND p.status = 'active' AND v.status = 'active'
       ORDER BY bm25(products_search, 10.0, 8.0, 2.0, 1.0) LIMIT 40`,
    )
    .bind(match);

/**
 * Autocomplete: up to 10 distinct titles (the same title from several shops once) and up to 3
 * categories, best matches first; a typo in the last word is corrected ("samsng" → Samsung).
 * Titles are cut to 80 characters so the answer stays under 2 KB on 2G.
 */
export async function suggest(db: Db, q: string): Promise<Suggestions> {
  const fts = toFtsQuery(q);
  if (!fts) return { items: [], categories: [], correctedQuery: null };
  const [titles, categories] = await db.batch<Record<string, unknown>>([
    titlesMatching(db, `{title} : ${fts}`),
    db.prepare('SELECT slug, name FROM categories ORDER BY position, name'),
  ]);
  let rows = titles.results as { id: string; title: string }[];
  let correctedQuery: string | null = null;
  if (!rows.length) {
    const plan = await planSearch(db, q);
    if (plan?.correctedQuery) {
      correctedQuery = plan.correctedQuery;
      rows = (await titlesMatching(db, matchExpression(plan, 'all')).all<{ id: string; title: string }>()).results;
    }
  }
  const seen = new Set<string>();
  const items: Suggestions['items'] = [];
  for (const row of rows) {
    const key = row.title.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    items.push({ id: row.id, title: row.title.length > MAX_TITLE ? `${row.title.slice(0, MAX_TITLE - 1)}…` : row.title });
    if (items.length === 10) break;
  }
  // A category completes the query when one of its name's words starts with the query's last word.
  const lastWord = searchWords(correctedQuery ?? q).at(-1) ?? '';
  const matchingCategories = (categories.results as { slug: string; name: string }[])
    .filter((c) => lastWord.length >= 2 && searchWords(c.name).some((w) => w.startsWith(lastWord)))
    .slice(0, 3);
  return { items, categories: matchingCategories, correctedQuery };
}
