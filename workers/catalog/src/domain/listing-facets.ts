import { statement } from '@linked-all/db';
import { CURRENCIES, type CurrencyCode, priceBands } from '@linked-all/money';
import { and, count, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { ListProductsQuery } from '../../contract';
import { orm } from '../db/orm';
import { listingFacets as lf, listingFacetsBuilt, products, vendors } from '../db/schema';
import type { Db } from '../db/session';

/** The price band index of `p.min_price`, one CASE per currency, from the shared band table. */
function bandCase(): string {
  const arms = (Object.keys(CURRENCIES) as CurrencyCode[]).map((currency) => {
    const bands = priceBands(currency);
    const inner = bands
      .slice(0, -1)
      .map((b, i) => `WHEN p.min_price < ${b.max} THEN ${i}`)
      .join(' ');
    return `WHEN '${currency}' THEN CASE ${inner} ELSE ${bands.length - 1} END`;
  });
  return `CASE p.currency ${arms.join(' ')} END`;
}
export const BAND_CASE = bandCase();

export type FacetRows = {
  categories: { slug: string; name: string; count: number }[];
  bands: { currency: CurrencyCode; band: number; count: number }[];
};

/** Which products a scope recounts: every one, one country, or one category of one country. */
type Scope = { country?: string; categoryId?: string };

// Aliased as BAND_CASE expects (`p.min_price`, `p.currency`).
const p = alias(products, 'p');
const v = alias(vendors, 'v');

function recount(db: Db, scope: Scope, now: number) {
  const q = orm(db);
  const country = scope.country;
  const inScope = country
    ? (columns: { country: typeof lf.country | typeof p.country; categoryId: typeof lf.categoryId | typeof p.categoryId }) =>
        and(eq(columns.country, country), scope.categoryId ? eq(columns.categoryId, scope.categoryId) : undefined)
    : () => undefined;
  const statements = [
    statement(db, q.delete(lf).where(inScope(lf))),
    statement(
      db,
      q.insert(lf).select(
        q
          .select({
            country: p.country,
            categoryId: p.categoryId,
            currency: p.currency,
            inStock: p.inStock,
            band: sql<number>`${sql.raw(BAND_CASE)}`.as('band'),
            count: count().as('count'),
          })
          .from(p)
          .innerJoin(v, eq(v.id, p.vendorId))
          .where(and(eq(p.status, 'active'), eq(v.status, 'active'), inScope(p)))
          .groupBy(sql.raw('1, 2, 3, 4, 5')),
      ),
    ),
  ];
  if (!country) {
    statements.push(
      statement(
        db,
        q
          .insert(listingFacetsBuilt)
          .values({ id: 1, builtAt: now })
          .onConflictDoUpdate({ target: listingFacetsBuilt.id, set: { builtAt: sql`excluded.built_at` } }),
      ),
    );
  }
  // One batch: a reader sees the old rows or the new ones, never a half-cleared scope.
  return db.batch(statements);
}

/**
 * Recounts the facets a change to these products can move: each one's (category, country); a whole
 * country when `wholeCountry` (a product moved category, or a shop's standing changed: the old
 * category is no longer known). Idempotent, so a redelivered event recounts the same rows.
 */
export async function refreshFacets(db: Db, productIds: string[], options: { wholeCountry?: boolean } = {}): Promise<void> {
  if (!productIds.length) return;
  // json_each: one bound parameter however many ids (D1 caps a statement's parameters).
  const results = await orm(db)
    .selectDistinct({ country: products.country, categoryId: products.categoryId })
    .from(products)
    .where(sql`${products.id} IN (SELECT value FROM json_each(${JSON.stringify(productIds)}))`);
  const scopes = new Map<string, Scope>();
  for (const row of results) {
    const scope = options.wholeCountry ? { country: row.country } : { country: row.country, categoryId: row.categoryId };
    scopes.set(`${scope.country}|${scope.categoryId ?? '*'}`, scope);
  }
  const now = Date.now();
  for (const scope of scopes.values()) await recount(db, scope, now);
}

/** Recounts the countries a shop sells in: its products entered or left every listing there. */
export async function refreshVendorFacets(db: Db, vendorId: string): Promise<void> {
  const results = await orm(db)
    .selectDistinct({ country: products.country })
    .from(products)
    .where(eq(products.vendorId, vendorId));
  const now = Date.now();
  for (const { country } of results) await recount(db, { country }, now);
}

/**
 * The facet queries over the precomputed counts for a listing they can answer exactly: no search
 * (FTS matches are not counted ahead), no shop filter and no price range (a price range is
 * inclusive of its upper end, a band is not). Null otherwise: the caller counts the rows themselves.
 */
export function facetQueries(db: Db, query: ListProductsQuery, categoryPath: string | null) {
  if (query.q || query.vendor || query.minPrice !== undefined || query.maxPrice !== undefined) return null;
  const where: string[] = [];
  const params: unknown[] = [];
  if (categoryPath) {
    // A subtree is a range of materialised paths: "/phones/" ≤ path < "/phones0".
    where.push('c.path >= ? AND c.path < ?');
    params.push(categoryPath, `${categoryPath.slice(0, -1)}0`);
  }
  if (query.country) {
    where.push('f.country = ?');
    params.push(query.country);
  }
  if (query.currency) {
    where.push('f.currency = ?');
    params.push(query.currency);
  }
  if (query.inStock) where.push('f.in_stock = 1');
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = 'listing_facets f JOIN categories c ON c.id = f.category_id';
  return {
    built: db.prepare('SELECT built_at FROM listing_facets_built WHERE id = 1'),
    categories: db
      .prepare(
        `SELECT c.slug, c.name, sum(f.count) AS count FROM ${from} ${whereSql}
         GROUP BY c.id ORDER BY count DESC, c.name LIMIT 30`,
      )
      .bind(...params),
    bands: db
      .prepare(
        `SELECT f.currency, f.band, sum(f.count) AS count FROM ${from} ${whereSql}
         GROUP BY f.currency, f.band ORDER BY f.currency, f.band`,
      )
      .bind(...params),
  };
}

/** Builds the whole table the first time a listing needs it (after a migration or a reseed). */
export async function buildFacets(db: Db): Promise<void> {
  await recount(db, {}, Date.now());
}
