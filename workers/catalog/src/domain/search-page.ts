import type { CurrencyCode } from '@linked-all/money';
import type { Db } from '../db/session';
import { BAND_CASE, type FacetRows } from './listing-facets';
import { PAGE_COLUMNS, type SummaryRow } from './product-summary';

/**
 * A search ranks and counts at most this many matches, the best by FTS5's bm25, so the join to
 * products, the tiers, the page sort and the facets see 1,000 rows however many match ("phone":
 * ≈ 20,000 at 100k products, ≈ 450 ms when all of them were joined and scored). More matches
 * than this show as "1,000+".
 */
export const SEARCH_COUNT_CAP = 1000;

// A search ranks the newest this many matches: bm25 over every match of a broad word ("laptop":
// 37,669 at 1M products) cost 40–56 ms natively each time; FTS5 walks its index backwards and
// stops here. Below it every match is ranked. bm25 costs ≈ 2 µs a match at 1M: 2,000 rather than
// 5,000 took a fifth off the search statements of the relevance set and seed queries at 1M, with
// precision@5 1.0 at 100k and 1M either way (a broad word's best 1,000 are then among its newest
// 2,000). What stays is bm25's count of each phrase's matches, which reads its whole index entry
// ("phone" at 1M: ≈ 30 ms natively).
const RANKED_WINDOW = 2000;

// Among this many title matches in index order (unranked, so a fair sample, not the shortest
// titles bm25 favours), the commonest category is the one meant: the majority is as clear as
// among all of them, at a fixed cost (2,000 named the same categories over the relevance set and
// cost 3.5 ms more natively for "samsung" at 100k products).
const INTENT_SAMPLE = 500;

/** How many categories a search's facets list. */
const FACET_CATEGORIES = 30;

export type SearchPageInput = {
  /** The FTS5 MATCH of the search's mode. */
  match: string;
  /**
   * The page's sort key over `m.rank` (the candidate's bm25) and `p` (products); with
   * `intentSample` (a title MATCH), the commonest category of its sample, which the key calls `intent`.
   */
  sortKey: { sql: string; params: unknown[]; intentSample?: string };
  /** Conditions on `p` and `v` (vendors), with their parameters. */
  filter: { where: string[]; params: unknown[] };
  order: { dir: 'ASC' | 'DESC' };
  cursor: { k: number; id: string } | null;
  /** Rows to return (a page and one more, to know whether there is a next). */
  limit: number;
};

export type SearchPage = {
  rows: (SummaryRow & { sort_key: number })[];
  facets: FacetRows;
  /** Matches found, counted up to RANKED_WINDOW (more than SEARCH_COUNT_CAP is all that matters). */
  matches: number;
};

type FacetsJson = { categories: [string, string, number][]; bands: [string, number, number][]; matches: number };

/**
 * A search's page, facets and match count in one statement, so FTS5 ranks the candidates once and
 * products are joined to them once: the page, the two facet counts and the count were four
 * statements that each joined the 1,000 candidates again, after the ranking's own round trip, and
 * the intent sample another round trip before that (≈ 30 ms of a 45 ms search at 100k products).
 *
 * The capped candidates drive the join: CROSS JOIN pins that order in SQLite. Left to the planner,
 * a category filter or price sort made it scan products and re-run the match per row (9.8 s
 * instead of ~10 ms on 100k products). The page's cards are built for its rows only; the facets
 * ride on its first row (or on the one row of an empty page).
 */
export async function searchPage(db: Db, input: SearchPageInput): Promise<SearchPage> {
  const { dir } = input.order;
  const cursorWhere: string[] = [];
  const cursorParams: unknown[] = [];
  if (input.cursor) {
    const cmp = dir === 'ASC' ? '>' : '<';
    cursorWhere.push(`(sort_key ${cmp} ? OR (sort_key = ? AND id ${cmp} ?))`);
    cursorParams.push(input.cursor.k, input.cursor.k, input.cursor.id);
  }
  const { intentSample } = input.sortKey;
  const intent = intentSample
    ? `intent AS (
         SELECT p.category_id AS id
           FROM (SELECT rowid FROM products_search WHERE products_search MATCH ? LIMIT ${INTENT_SAMPLE}) s
           CROSS JOIN products p ON p.rowid = s.rowid
         WHERE p.status = 'active' GROUP BY p.category_id ORDER BY count(*) DESC LIMIT 1),`
    : '';
  const sql = `
    WITH scored AS MATERIALIZED (
      SELECT rowid, bm25(products_search, 10.0, 8.0, 2.0, 1.0) AS score FROM products_search
      WHERE products_search MATCH ? ORDER BY rowid DESC LIMIT ${RANKED_WINDOW}),
    ranked AS (SELECT rowid, score AS rank FROM scored ORDER BY score LIMIT ${SEARCH_COUNT_CAP}),
    ${intent}
    hits AS MATERIALIZED (
      SELECT p.rowid AS rowid, p.id AS id, p.category_id AS category_id, p.currency AS currency,
        ${BAND_CASE} AS band, ${input.sortKey.sql} AS sort_key
      FROM ranked m CROSS JOIN products p ON p.rowid = m.rowid JOIN vendors v ON v.id = p.vendor_id
      WHERE ${input.filter.where.join(' AND ')}),
    page AS (
      SELECT rowid, sort_key, row_number() OVER (ORDER BY sort_key ${dir}, id ${dir}) AS n FROM hits
      ${cursorWhere.length ? `WHERE ${cursorWhere.join(' AND ')}` : ''}
      ORDER BY sort_key ${dir}, id ${dir} LIMIT ?),
    facets AS (
      SELECT json_object(
        'categories', (SELECT json_group_array(json_array(c.slug, c.name, f.n)) FROM
          (SELECT category_id, count(*) AS n FROM hits GROUP BY category_id) f JOIN categories c ON c.id = f.category_id),
        'bands', (SELECT json_group_array(json_array(currency, band, n)) FROM
          (SELECT currency, band, count(*) AS n FROM hits GROUP BY currency, band)),
        'matches', (SELECT count(*) FROM scored)
      ) AS facets),
    cards AS (
      SELECT ${PAGE_COLUMNS}, page.sort_key, page.n
      FROM page CROSS JOIN products p ON p.rowid = page.rowid
      JOIN vendors v ON v.id = p.vendor_id
      JOIN categories c ON c.id = p.category_id
      LEFT JOIN product_images i ON i.product_id = p.id AND i.position = 0)
    SELECT cards.*, CASE WHEN cards.n IS NULL OR cards.n = 1 THEN facets.facets END AS facets
    FROM facets LEFT JOIN cards ON 1 ORDER BY cards.n`;
  const params = [
    input.match,
    ...(intentSample ? [intentSample] : []),
    ...input.sortKey.params,
    ...input.filter.params,
    ...cursorParams,
    input.limit,
  ];
  const { results } = await db
    .prepare(sql)
    .bind(...params)
    .all<SummaryRow & { sort_key: number; n: number | null; facets: string | null }>();
  const facets = JSON.parse(results[0]?.facets ?? 'null') as FacetsJson | null;
  return {
    rows: results.filter((r) => r.n !== null),
    facets: {
      categories: (facets?.categories ?? [])
        .map(([slug, name, count]) => ({ slug, name, count }))
        .sort((a, b) => b.count - a.count || binary(a.name, b.name))
        .slice(0, FACET_CATEGORIES),
      bands: (facets?.bands ?? [])
        .map(([currency, band, count]) => ({ currency: currency as CurrencyCode, band, count }))
        .sort((a, b) => binary(a.currency, b.currency) || a.band - b.band),
    },
    matches: facets?.matches ?? 0,
  };
}

// SQLite's own order for text (a listing's facets sort ties by name the same way).
const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
