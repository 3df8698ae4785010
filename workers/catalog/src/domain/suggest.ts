import { statement } from '@linked-all/db';
import type { Suggestions } from '../../contract';
import { orm } from '../db/orm';
import { brands, categories } from '../db/schema';
import type { Db } from '../db/session';
import { matchExpression, spellingCorrections, wordGroups } from './search-plan';
import { quoted, searchWords, toFtsQuery } from './search-query';
import { editDistance, typoBudget } from './spelling';

const MAX_TITLE = 80;
// A completion ranks the newest matches only: bm25 over every title a short prefix starts ("so":
// tens of thousands at 1M products) cost 100+ ms natively; the newest 500 (FTS5 walks its index
// backwards and stops) cost ≈ 30 ms, and the best of them by bm25 still fill the 10 lines.
const WINDOW = 500;
// The best of the window by bm25, joined to products; the join never sees the rest.
const CANDIDATES = 60;
const MAX_BRANDS = 3;

// Raw SQL on purpose: FTS5 (MATCH, bm25), which drizzle's query builder cannot express.
const titlesMatching = (db: Db, match: string) =>
  db
    .prepare(
      `SELECT p.id, p.title FROM
         (SELECT rowid, score FROM
           (SELECT rowid, bm25(products_search, 10.0, 8.0, 2.0, 1.0) AS score FROM products_search
             WHERE products_search MATCH ?1 ORDER BY rowid DESC LIMIT ${WINDOW})
          ORDER BY score LIMIT ${CANDIDATES}) m
       CROSS JOIN products p ON p.rowid = m.rowid
       JOIN vendors v ON v.id = p.vendor_id
       WHERE p.status = 'active' AND v.status = 'active'
       ORDER BY m.score * (1.0 + 0.3 * p.popularity), p.id LIMIT 40`,
    )
    .bind(match);

/** Brands whose key starts with `word`, else (a typo) is within its typo budget of it or of its start. */
function brandCandidates(word: string, brands: { name: string; key: string }[]): { name: string; key: string }[] {
  if (word.length < 2) return [];
  const prefixed = brands.filter((b) => b.key.startsWith(word));
  if (prefixed.length || typoBudget(word) === 0) return prefixed.slice(0, MAX_BRANDS);
  const budget = typoBudget(word);
  return brands
    .map((b) => ({ b, d: Math.min(editDistance(word, b.key, budget), editDistance(word, b.key.slice(0, word.length), budget)) }))
    .filter((x) => x.d <= budget)
    .sort((x, y) => x.d - y.d || x.b.key.localeCompare(y.b.key))
    .slice(0, MAX_BRANDS)
    .map((x) => x.b);
}

/**
 * Autocomplete: up to 10 distinct titles (the same title from several shops once), up to 3
 * categories and up to 3 brands, best matches first; a typo in the last word is corrected
 * ("samsng" → Samsung). Titles are cut to 80 characters so the answer stays under 2 KB on 2G.
 */
export async function suggest(db: Db, q: string): Promise<Suggestions> {
  const fts = toFtsQuery(q);
  if (!fts) return { items: [], categories: [], brands: [], correctedQuery: null };
  const [titles, categoryRows, brandRows] = await db.batch<Record<string, unknown>>([
    titlesMatching(db, `{title} : ${fts}`),
    statement(
      db,
      orm(db)
        .select({ slug: categories.slug, name: categories.name })
        .from(categories)
        .orderBy(categories.position, categories.name),
    ),
    statement(db, orm(db).select({ name: brands.name, key: brands.key }).from(brands).orderBy(brands.key)),
  ]);
  let rows = titles.results as { id: string; title: string }[];
  const categoryList = categoryRows.results as { slug: string; name: string }[];
  let correctedQuery: string | null = null;
  if (!rows.length) {
    // Nothing starts so: a typo, most likely. Corrected in one round trip, without the search's
    // synonyms and category intent, which a completion does not use.
    const words = searchWords(q);
    const corrections = await spellingCorrections(
      db,
      words,
      categoryList.map((c) => c.name),
    );
    if (corrections.size) {
      correctedQuery = words.map((w) => corrections.get(w) ?? w).join(' ');
      const match = matchExpression({ groups: wordGroups(words, corrections) }, 'all');
      rows = (await titlesMatching(db, match).all<{ id: string; title: string }>()).results;
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
  const matchingCategories = categoryList
    .filter((c) => lastWord.length >= 2 && searchWords(c.name).some((w) => w.startsWith(lastWord)))
    .slice(0, 3);
  return {
    items,
    categories: matchingCategories,
    brands: await brandsOnSale(
      db,
      brandCandidates(searchWords(q).at(-1) ?? '', brandRows.results as { name: string; key: string }[]),
    ),
    correctedQuery,
  };
}

/** The candidates some active product's title carries (one indexed look-up each, in one batch). */
async function brandsOnSale(db: Db, candidates: { name: string; key: string }[]): Promise<Suggestions['brands']> {
  if (!candidates.length) return [];
  const hits = await db.batch<{ hit: number }>(
    // Raw: FTS5 MATCH.
    candidates.map((b) =>
      db
        .prepare(
          `SELECT EXISTS (SELECT 1 FROM products_search CROSS JOIN products p ON p.rowid = products_search.rowid
             WHERE products_search MATCH ? AND p.status = 'active') AS hit`,
        )
        .bind(`{title} : ${quoted(b.key)}`),
    ),
  );
  return candidates.filter((_, i) => hits[i].results[0]?.hit === 1).map((b) => ({ name: b.name }));
}
