import { AppError, decodeCursor, encodeCursor } from '@linked-all/http';
import { type CurrencyCode, priceBands } from '@linked-all/money';
import { z } from 'zod';
import { type ListProductsQuery, type ProductList, SearchMode } from '../../contract';
import { orm } from '../db/orm';
import { categories } from '../db/schema';
import type { Db } from '../db/session';
import { BAND_CASE, buildFacets, type FacetRows, facetQueries } from './listing-facets';
import { productSummary, type SummaryRow } from './product-summary';
import { groupExpressions, matchExpression, planSearch, SEARCH_MODES, type SearchPlan } from './search-plan';

type Row = SummaryRow & { sort_key: number };

// The cursor names the sort it belongs to, so a cursor from one sort cannot be
// replayed against another and skip or repeat items.
// A search's cursor also names the mode its first page was answered in.
const Cursor = z.object({
  s: z.enum(['relevance', 'price_asc', 'price_desc', 'newest']),
  k: z.number(),
  id: z.string(),
  m: SearchMode.optional(),
});

const ORDER = {
  // FTS5's rank of the candidate (bm25 with these column weights, set in the candidates' subquery).
  relevance: { key: 'm.rank', dir: 'ASC' },
  price_asc: { key: 'p.min_price', dir: 'ASC' },
  price_desc: { key: 'p.min_price', dir: 'DESC' },
  newest: { key: 'p.created_at', dir: 'DESC' },
} as const;

// The page and the counted facets stay raw SQL on purpose: a search's FROM is FTS5's ranked candidates
// and its sort key FTS5's rank and MATCH subqueries, which drizzle's builder cannot express; a
// listing without a search runs the same statements, so both keep one SQL shape and one plan.
type Filter = {
  from: string;
  where: string[];
  params: unknown[];
  categoryPath: string | null;
  /** A category's subtree as its categories' paths, with every other condition of the filter (listings only). */
  subtree: { paths: string[]; where: string[]; params: unknown[] } | null;
};

/**
 * A search ranks and counts at most this many matches, the best by FTS5's bm25 (see
 * rankedCandidates), so the join to products, the tiers, the page sort and the facets see 1,000
 * rows however many match ("phone": ≈ 20,000 at 100k products, ≈ 450 ms when all of them were
 * joined and scored). More matches than this show as "1,000+".
 */
export const SEARCH_COUNT_CAP = 1000;

// A search ranks the newest this many matches: bm25 over every match of a broad word ("laptop":
// 37,669 at 1M products) cost 40–56 ms natively each time; FTS5 walks its index backwards and
// stops here. Below it (most searches at 100k) every match is ranked, as before.
const RANKED_WINDOW = 5000;

/**
 * The candidates of a match as JSON `[[rowid, rank], …]`, ranked once: the page and its two facet
 * queries each ranked them again when they read FTS5 themselves.
 */
async function rankedCandidates(db: Db, match: string): Promise<string> {
  const row = await db
    .prepare(
      `SELECT json_group_array(json_array(rowid, score)) AS candidates FROM
         (SELECT rowid, score FROM
           (SELECT rowid, bm25(products_search, 10.0, 8.0, 2.0, 1.0) AS score FROM products_search
             WHERE products_search MATCH ? ORDER BY rowid DESC LIMIT ${RANKED_WINDOW})
          ORDER BY score LIMIT ${SEARCH_COUNT_CAP})`,
    )
    .bind(match)
    .first<{ candidates: string }>();
  return row?.candidates ?? '[]';
}

/** The WHERE clause shared by the page and its facets; only active products of active vendors. */
async function buildFilter(db: Db, query: ListProductsQuery, candidates: string | null): Promise<Filter> {
  // With a search, the capped candidates drive the query: CROSS JOIN pins that order in
  // SQLite. Left to the planner, a category filter or price sort made it scan products
  // and re-run the match per row (9.8 s instead of ~10 ms on 100k products).
  const from = candidates
    ? `(SELECT json_extract(value, '$[0]') AS rowid, json_extract(value, '$[1]') AS rank FROM json_each(?)) m
       CROSS JOIN products p ON p.rowid = m.rowid JOIN vendors v ON v.id = p.vendor_id`
    : 'products p JOIN vendors v ON v.id = p.vendor_id';
  const others: [string, ...unknown[]][] = [["p.status = 'active'"], ["v.status = 'active'"]];
  if (query.vendor) others.push(['p.vendor_id = ?', query.vendor]);
  if (query.country) others.push(['p.country = ?', query.country]);
  if (query.currency) others.push(['p.currency = ?', query.currency]);
  if (query.minPrice !== undefined) others.push(['p.min_price >= ?', query.minPrice]);
  if (query.maxPrice !== undefined) others.push(['p.min_price <= ?', query.maxPrice]);
  if (query.inStock) others.push(['p.in_stock = 1']);
  const where = others.map(([sql]) => sql);
  const otherParams = others.flatMap(([, ...values]) => values);
  // The candidates are the first placeholder after the select list's.
  const params = candidates ? [candidates, ...otherParams] : otherParams;
  if (!query.category) return { from, where, params, categoryPath: null, subtree: null };

  const all = await orm(db).select({ slug: categories.slug, path: categories.path }).from(categories);
  const category = all.find((c) => c.slug === query.category);
  if (!category) throw new AppError('not_found', `There is no category "${query.category}"`);
  // A subtree is a range of materialised paths: "/phones/" ≤ path < "/phones0".
  const upper = `${category.path.slice(0, -1)}0`;
  const paths = all.filter((c) => c.path >= category.path && c.path < upper).map((c) => c.path);
  return {
    from,
    where: [...where, 'p.category_path >= ? AND p.category_path < ?'],
    params: [...params, category.path, upper],
    categoryPath: category.path,
    subtree: candidates ? null : { paths, where, params: otherParams },
  };
}

/**
 * A category listing in price or date order as the union of each category's own first rows, each
 * walked in an index of (category, sort column) and stopped after a page, then sorted. One walk of
 * the whole sort order instead crossed, at 1M products, every cheaper product for "cheapest laptops"
 * (1.1 s), and "newest in a category of one country" sorted all its rows (up to 250 ms); this
 * statement takes 2–5 ms natively. A correlated subquery per category of the subtree (json_each),
 * not a UNION ALL, which D1 refuses past a few terms ("too many terms in compound SELECT").
 */
function subtreePage(
  db: Db,
  subtree: NonNullable<Filter['subtree']>,
  order: { key: string; dir: 'ASC' | 'DESC' },
  cursor: z.infer<typeof Cursor> | null,
  pageSize: number,
): D1PreparedStatement {
  const where = [...subtree.where, 'p.category_path = cat.value'];
  const cursorParams: unknown[] = [];
  if (cursor) {
    const cmp = order.dir === 'ASC' ? '>' : '<';
    where.push(`(${order.key} ${cmp} ? OR (${order.key} = ? AND p.id ${cmp} ?))`);
    cursorParams.push(cursor.k, cursor.k, cursor.id);
  }
  const sql = `
    SELECT ${PAGE_COLUMNS}, ${order.key} AS sort_key
    FROM json_each(?) cat
    JOIN products p ON p.rowid IN (
      SELECT p.rowid FROM products p JOIN vendors v ON v.id = p.vendor_id
      WHERE ${where.join(' AND ')} ORDER BY ${order.key} ${order.dir}, p.id ${order.dir} LIMIT ?)
    JOIN vendors v ON v.id = p.vendor_id
    JOIN categories c ON c.id = p.category_id
    LEFT JOIN product_images i ON i.product_id = p.id AND i.position = 0
    ORDER BY sort_key ${order.dir}, p.id ${order.dir}
    LIMIT ?`;
  return db.prepare(sql).bind(JSON.stringify(subtree.paths), ...subtree.params, ...cursorParams, pageSize, pageSize);
}

// A page's columns but its sort key, as productSummary reads them.
const PAGE_COLUMNS = `p.id, p.title, p.vendor_id, v.name AS vendor_name, p.category_id, c.slug AS category_slug,
  c.name AS category_name, p.country, p.currency, p.min_price, p.max_price, p.in_stock, p.created_at,
  i.id AS img_id, i.key AS img_key, i.widths AS img_widths, i.format AS img_format,
  i.width AS img_width, i.height AS img_height, i.alt AS img_alt`;

type SortKey = { sql: string; params: unknown[] };

// Relevance is one number so keyset paging stays one comparison: tiers far apart (more words
// matched, then the shopper's country, then the category meant, then in stock), and within a
// tier the text score (bm25 is negative, better is lower; clamped so it never crosses a tier)
// raised by up to 30 % by popularity (sales and ratings, products.popularity in [0, 1)).
function relevanceKey(plan: SearchPlan, mode: SearchMode, shopperCountry: string | undefined): SortKey {
  const parts = [`max(${ORDER.relevance.key} * (1.0 + 0.3 * p.popularity), -999.0)`, '1000.0 * p.in_stock'];
  const params: unknown[] = [];
  if (plan.intentCategoryIds.length) {
    parts.push('2000.0 * (p.category_id IN (SELECT value FROM json_each(?)))');
    params.push(JSON.stringify(plan.intentCategoryIds));
  }
  if (shopperCountry) {
    parts.push('4000.0 * (p.country = ?)');
    params.push(shopperCountry);
  }
  if ((mode === 'any' || mode === 'any_text') && plan.groups.length > 1) {
    const groups = groupExpressions(plan, mode);
    parts.push(
      `8000.0 * (${groups.map(() => '(p.rowid IN (SELECT rowid FROM products_search WHERE products_search MATCH ?))').join(' + ')})`,
    );
    params.push(...groups);
  }
  const [score, ...boosts] = parts;
  return { sql: `(${score} - ${boosts.join(' - ')})`, params };
}

/** Lists active products with filters, keyset pagination and facets; with `q`, a forgiving search. */
export async function listProducts(db: Db, query: ListProductsQuery): Promise<ProductList> {
  const plan = query.q ? await planSearch(db, query.q) : null;
  if (query.q && !plan) {
    throw new AppError('validation_failed', 'Search for at least one letter or digit', {
      errors: [{ path: 'q', message: 'No searchable words' }],
    });
  }
  const sort = query.sort ?? (plan ? 'relevance' : 'newest');
  if (sort === 'relevance' && !plan) {
    throw new AppError('validation_failed', 'sort=relevance needs a search query q', {
      errors: [{ path: 'sort', message: 'relevance needs q' }],
    });
  }
  let cursor: z.infer<typeof Cursor> | null = null;
  if (query.cursor) {
    cursor = decodeCursor(query.cursor, Cursor);
    if (cursor.s !== sort) {
      throw new AppError('validation_failed', 'The cursor belongs to another sort order; start again without it', {
        errors: [{ path: 'cursor', message: 'Cursor does not match sort' }],
      });
    }
  }
  if (!plan) return listPage(db, query, sort, cursor, null);
  // Every word first; when that finds nothing, fewer words, then descriptions. A next page
  // continues in the mode its first page was answered in.
  const modes = SEARCH_MODES.filter((m) => plan.groups.length > 1 || (m !== 'any' && m !== 'any_text'));
  const from = cursor?.m ? modes.indexOf(cursor.m) : 0;
  let list: ProductList | null = null;
  for (const mode of modes.slice(Math.max(0, from))) {
    list = await listPage(db, query, sort, cursor, { plan, mode });
    if (list.total > 0 || cursor) break;
  }
  return list!;
}

async function listPage(
  db: Db,
  query: ListProductsQuery,
  sort: keyof typeof ORDER,
  cursor: z.infer<typeof Cursor> | null,
  search: { plan: SearchPlan; mode: SearchMode } | null,
): Promise<ProductList> {
  const match = search ? matchExpression(search.plan, search.mode) : null;
  const filter = await buildFilter(db, query, match ? await rankedCandidates(db, match) : null);
  const order = ORDER[sort];
  const key: SortKey =
    sort === 'relevance' && search
      ? relevanceKey(search.plan, search.mode, query.shopperCountry)
      : { sql: order.key, params: [] };
  const where = [...filter.where];
  const params = [...key.params, ...filter.params];
  if (cursor) {
    // sort_key is the select list's alias: SQLite resolves it here and in ORDER BY.
    const cmp = order.dir === 'ASC' ? '>' : '<';
    where.push(`(sort_key ${cmp} ? OR (sort_key = ? AND p.id ${cmp} ?))`);
    params.push(cursor.k, cursor.k, cursor.id);
  }
  const whereSql = where.join(' AND ');
  // `narrow`: the filters leave few rows, so SQLite should find them by the filter's index and sort
  // them (a unary + keeps it off the sort column's index) instead of walking the sort order until
  // enough rows pass — a walk that, for "cheapest televisions in Ghana", crossed most of the table.
  // A category listing walks each category of its subtree on its own instead (subtreePage).
  const byCategory =
    sort !== 'relevance' && filter.subtree ? subtreePage(db, filter.subtree, order, cursor, query.limit + 1) : null;
  const pageStatement = (narrow: boolean) => {
    if (byCategory) return byCategory;
    const pageSql = `
    SELECT ${PAGE_COLUMNS}, ${narrow ? `+${key.sql}` : key.sql} AS sort_key
    FROM ${filter.from}
    JOIN categories c ON c.id = p.category_id
    LEFT JOIN product_images i ON i.product_id = p.id AND i.position = 0
    WHERE ${whereSql}
    ORDER BY sort_key ${order.dir}, p.id ${order.dir}
    LIMIT ?`;
    return db.prepare(pageSql).bind(...params, query.limit + 1);
  };
  const { page, facets, matches } = await pageAndFacets(db, query, filter, pageStatement, match);
  const rows = page.results as Row[];
  const hasMore = rows.length > query.limit;
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const bandRows = facets.bands;
  return {
    items: items.map(productSummary),
    nextCursor: hasMore && last ? encodeCursor({ s: sort, k: last.sort_key, id: last.id, m: search?.mode }) : null,
    // Every matching product falls in exactly one price band of its currency.
    total: bandRows.reduce((n, r) => n + r.count, 0),
    ...(matches !== null && { totalCapped: matches > SEARCH_COUNT_CAP }),
    facets: {
      categories: facets.categories.map((r) => ({
        slug: r.slug,
        name: r.name,
        count: r.count,
      })),
      priceBands: bandRows.map((r) => {
        const band = priceBands(r.currency)[r.band];
        return { currency: r.currency, min: band.min, max: band.max, count: r.count };
      }),
    },
    ...(search && { search: { mode: search.mode, correctedQuery: search.plan.correctedQuery } }),
  };
}

/**
 * Up to this many matching rows, a listing's page is found through its filters' index and sorted,
 * rather than by walking the sort column's index (measured at 100k products: below ≈ 5,000 rows
 * the sort costs a few ms, while the walk costs up to seconds when the sort and the filter are
 * correlated, as price and category are).
 */
const NARROW_LISTING_ROWS = 5000;

/**
 * The page and its facets: two round trips with the precomputed counts (the page's plan depends
 * on them), one otherwise. Facets come from the precomputed counts when they can
 * answer the listing (listing-facets.ts), else from the matching rows themselves (a search, a shop,
 * a price range): the former is a sum over a few hundred rows, the latter a scan of every match.
 */
async function pageAndFacets(
  db: Db,
  query: ListProductsQuery,
  filter: Filter,
  pageStatement: (narrow: boolean) => D1PreparedStatement,
  searchMatch: string | null,
): Promise<{ page: D1Result<Record<string, unknown>>; facets: FacetRows; matches: number | null }> {
  const precomputed = searchMatch ? null : facetQueries(db, query, filter.categoryPath);
  if (precomputed) {
    // The counts first (a few hundred rows): they say how many rows the page's filters leave.
    const q = orm(db);
    let [built, categories, bands] = await q.batch([precomputed.built, precomputed.categories, precomputed.bands]);
    if (!built.length) {
      await buildFacets(db);
      [built, categories, bands] = await q.batch([precomputed.built, precomputed.categories, precomputed.bands]);
    }
    const facets = { categories, bands: bands.map(bandRow) };
    const matching = facets.bands.reduce((n, r) => n + r.count, 0);
    const filtered = Boolean(query.category || query.country || query.inStock || query.currency);
    const page = await pageStatement(filtered && matching <= NARROW_LISTING_ROWS).all<Record<string, unknown>>();
    return { page, facets, matches: null };
  }
  const facetWhere = filter.where.join(' AND ');
  const categorySql = `
    SELECT c.slug, c.name, count(*) AS count FROM ${filter.from}
    JOIN categories c ON c.id = p.category_id
    WHERE ${facetWhere} GROUP BY c.id ORDER BY count DESC, c.name LIMIT 30`;
  const bandSql = `
    SELECT p.currency, ${BAND_CASE} AS band, count(*) AS count FROM ${filter.from}
    WHERE ${facetWhere} GROUP BY p.currency, band ORDER BY p.currency, band`;
  const statements = [
    pageStatement(false),
    db.prepare(categorySql).bind(...filter.params),
    db.prepare(bandSql).bind(...filter.params),
  ];
  if (searchMatch) {
    // Whether there are more matches than candidates: an unranked walk that stops one past the cap.
    statements.push(
      db
        .prepare(
          `SELECT count(*) AS n FROM (SELECT 1 FROM products_search WHERE products_search MATCH ? LIMIT ${SEARCH_COUNT_CAP + 1})`,
        )
        .bind(searchMatch),
    );
  }
  const [page, categories, bands, counted] = await db.batch<Record<string, unknown>>(statements);
  const matches = counted ? (counted.results[0] as { n: number }).n : null;
  return { page, facets: facetRows(categories, bands), matches };
}

function facetRows(categories: D1Result<Record<string, unknown>>, bands: D1Result<Record<string, unknown>>): FacetRows {
  return {
    categories: categories.results as FacetRows['categories'],
    bands: (bands.results as { currency: string; band: number; count: number }[]).map(bandRow),
  };
}

// Every counted row's currency is a product's, which a shop's currency (a CurrencyCode) set.
const bandRow = (r: { currency: string; band: number; count: number }) => ({ ...r, currency: r.currency as CurrencyCode });
