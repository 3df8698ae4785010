import { statement } from '@linked-all/db';
import { CURRENCIES, type CurrencyCode, priceBands } from '@linked-all/money';
import { and, count, desc, eq, gte, lt, sql, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { ListProductsQuery } from '../../contract';
import { orm } from '../db/orm';
import { categories, listingFacets as lf, listingFacetsBuilt, products, vendors } from '../db/schema';
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
  const where = and(
    // A subtree is a range of materialised paths: "/phones/" ≤ path < "/phones0".
    categoryPath ? and(gte(categories.path, categoryPath), lt(categories.path, `${categoryPath.slice(0, -1)}0`)) : undefined,
    query.country ? eq(lf.country, query.country) : undefined,
    query.currency ? eq(lf.currency, query.currency) : undefined,
    query.inStock ? eq(lf.inStock, true) : undefined,
  );
  const q = orm(db);
  const total = sum(lf.count).mapWith(Number);
  return {
    built: q.select({ builtAt: listingFacetsBuilt.builtAt }).from(listingFacetsBuilt).where(eq(listingFacetsBuilt.id, 1)),
    categories: q
      .select({ slug: categories.slug, name: categories.name, count: total.as('count') })
      .from(lf)
      .innerJoin(categories, eq(categories.id, lf.categoryId))
      .where(where)
      .groupBy(categories.id)
      .orderBy(desc(sql`count`), categories.name)
      .limit(30),
    bands: q
      .select({ currency: lf.currency, band: lf.band, count: total.as('count') })
      .from(lf)
      .innerJoin(categories, eq(categories.id, lf.categoryId))
      .where(where)
      .groupBy(lf.currency, lf.band)
      .orderBy(lf.currency, lf.band),
  };
}

/** Builds the whole table the first time a listing needs it (after a migration or a reseed). */
export async function buildFacets(db: Db): Promise<void> {
  await recount(db, {}, Date.now());
}

/** Listed products per category in every country, summed from the precomputed counts (built first if need be). */
export async function listedPerCategory(db: Db): Promise<Map<string, number>> {
  const q = orm(db);
  const ask = () =>
    q.batch([
      q.select({ builtAt: listingFacetsBuilt.builtAt }).from(listingFacetsBuilt).where(eq(listingFacetsBuilt.id, 1)),
      q
        .select({ categoryId: lf.categoryId, count: sum(lf.count).mapWith(Number) })
        .from(lf)
        .groupBy(lf.categoryId),
    ]);
  let [built, rows] = await ask();
  if (!built.length) {
    await buildFacets(db);
    [built, rows] = await ask();
  }
  return new Map(rows.map((r) => [r.categoryId, r.count]));
}
