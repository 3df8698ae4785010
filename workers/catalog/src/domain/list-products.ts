import { AppError, decodeCursor, encodeCursor } from '@linked-all/http';
import { type CurrencyCode, priceBands } from '@linked-all/money';
import { z } from 'zod';
import { type ListProductsQuery, type ProductList, SearchMode } from '../../contract';
import { orm } from '../db/orm';
import { categories } from '../db/schema';
import type { Db } from '../db/session';
import { BAND_CASE, buildFacets, type FacetRows, facetQueries } from './listing-facets';
import { PAGE_COLUMNS, productSummary, type SummaryRow } from './product-summary';
import { SEARCH_COUNT_CAP, type SearchPageInput, searchPage } from './search-page';
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
// listing without a search runs the same WHERE and sort keys, so both keep one SQL shape.
type Filter = {
  where: string[];
  params: unknown[];
  categoryPath: string | null;
  /** A category's subtree as its categories' paths, with every other condition of the filter. */
  subtree: { paths: string[]; where: string[]; params: unknown[] } | null;
};

const LISTING_FROM = 'products p JOIN vendors v ON v.id = p.vendor_id';

/** The WHERE clause (on `p` and `v`) shared by the page and its facets; only active products of active vendors. */
async function buildFilter(db: Db, query: ListProductsQuery): Promise<Filter> {
  const others: [string, ...unknown[]][] = [["p.status = 'active'"], ["v.status = 'active'"]];
  if (query.vendor) others.push(['p.vendor_id = ?', query.vendor]);
  if (query.country) others.push(['p.country = ?', query.country]);
  if (query.currency) others.push(['p.currency = ?', query.currency]);
  if (query.minPrice !== undefined) others.push(['p.min_price >= ?', query.minPrice]);
  if (query.maxPrice !== undefined) others.push(['p.min_price <= ?', query.maxPrice]);
  if (query.inStock) others.push(['p.in_stock = 1']);
  const where = others.map(([sql]) => sql);
  const params = others.flatMap(([, ...values]) => values);
  if (!query.category) return { where, params, categoryPath: null, subtree: null };

  const all = await orm(db).select({ slug: categories.slug, path: categories.path }).from(categories);
  const category = all.find((c) => c.slug === query.category);
  if (!category) throw new AppError('not_found', `There is no category "${query.category}"`);
  // A subtree is a range of materialised paths: "/phones/" ≤ path < "/phones0".
  const upper = `${category.path.slice(0, -1)}0`;
  const paths = all.filter((c) => c.path >= category.path && c.path < upper).map((c) => c.path);
  return {
    where: [...where, 'p.category_path >= ? AND p.category_path < ?'],
    params: [...params, category.path, upper],
    categoryPath: category.path,
    subtree: { paths, where, params },
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

type SortKey = SearchPageInput['sortKey'];

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
  } else if (plan.intentSample) {
    parts.push('2000.0 * (p.category_id IN (SELECT id FROM intent))');
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
  return { sql: `(${score} - ${boosts.join(' - ')})`, params, intentSample: plan.intentSample ?? undefined };
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
  const filter = await buildFilter(db, query);
  const order = ORDER[sort];
  const key: SortKey =
    sort === 'relevance' && search
      ? relevanceKey(search.plan, search.mode, query.shopperCountry)
      : { sql: order.key, params: [] };
  const { rows, facets, matches } = search
    ? await searchPage(db, {
        match: matchExpression(search.plan, search.mode),
        sortKey: key,
        filter,
        order,
        cursor,
        limit: query.limit + 1,
      })
    : { ...(await listingPage(db, query, filter, key, order, cursor)), matches: null };
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
 * A listing's page and its facets: two round trips with the precomputed counts (the page's plan
 * depends on them), one otherwise. Facets come from the precomputed counts when they can answer
 * the listing (listing-facets.ts), else from the matching rows themselves (a shop, a price range):
 * the former is a sum over a few hundred rows, the latter a scan of every match.
 */
async function listingPage(
  db: Db,
  query: ListProductsQuery,
  filter: Filter,
  key: SortKey,
  order: (typeof ORDER)[keyof typeof ORDER],
  cursor: z.infer<typeof Cursor> | null,
): Promise<{ rows: Row[]; facets: FacetRows }> {
  const where = [...filter.where];
  const params = [...key.params, ...filter.params];
  if (cursor) {
    // sort_key is the select list's alias: SQLite resolves it here and in ORDER BY.
    const cmp = order.dir === 'ASC' ? '>' : '<';
    where.push(`(sort_key ${cmp} ? OR (sort_key = ? AND p.id ${cmp} ?))`);
    params.push(cursor.k, cursor.k, cursor.id);
  }
  // `narrow`: the filters leave few rows, so SQLite should find them by the filter's index and sort
  // them (a unary + keeps it off the sort column's index) instead of walking the sort order until
  // enough rows pass — a walk that, for "cheapest televisions in Ghana", crossed most of the table.
  // A category listing walks each category of its subtree on its own instead (subtreePage).
  const pageStatement = (narrow: boolean) => {
    if (filter.subtree) return subtreePage(db, filter.subtree, order, cursor, query.limit + 1);
    const pageSql = `
    SELECT ${PAGE_COLUMNS}, ${narrow ? `+${key.sql}` : key.sql} AS sort_key
    FROM ${LISTING_FROM}
    JOIN categories c ON c.id = p.category_id
    LEFT JOIN product_images i ON i.product_id = p.id AND i.position = 0
    WHERE ${where.join(' AND ')}
    ORDER BY sort_key ${order.dir}, p.id ${order.dir}
    LIMIT ?`;
    return db.prepare(pageSql).bind(...params, query.limit + 1);
  };
  const precomputed = facetQueries(db, query, filter.categoryPath);
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
    const page = await pageStatement(filtered && matching <= NARROW_LISTING_ROWS).all<Row>();
    return { rows: page.results, facets };
  }
  const facetWhere = filter.where.join(' AND ');
  const categorySql = `
    SELECT c.slug, c.name, count(*) AS count FROM ${LISTING_FROM}
    JOIN categories c ON c.id = p.category_id
    WHERE ${facetWhere} GROUP BY c.id ORDER BY count DESC, c.name LIMIT 30`;
  const bandSql = `
    SELECT p.currency, ${BAND_CASE} AS band, count(*) AS count FROM ${LISTING_FROM}
    WHERE ${facetWhere} GROUP BY p.currency, band ORDER BY p.currency, band`;
  const [page, categories, bands] = await db.batch<Record<string, unknown>>([
    pageStatement(false),
    db.prepare(categorySql).bind(...filter.params),
    db.prepare(bandSql).bind(...filter.params),
  ]);
  return { rows: page.results as Row[], facets: facetRows(categories, bands) };
}

function facetRows(categories: D1Result<Record<string, unknown>>, bands: D1Result<Record<string, unknown>>): FacetRows {
  return {
    categories: categories.results as FacetRows['categories'],
    bands: (bands.results as { currency: string; band: number; count: number }[]).map(bandRow),
  };
}

// Every counted row's currency is a product's, which a shop's currency (a CurrencyCode) set.
const bandRow = (r: { currency: string; band: number; count: number }) => ({ ...r, currency: r.currency as CurrencyCode });
