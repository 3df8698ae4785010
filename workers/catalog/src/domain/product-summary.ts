import { and, desc, eq, sql } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ProductSummary } from '../../contract';
import { named } from '../db/named';
import { orm } from '../db/orm';
import { categories, type coPurchases, type coViews, productImages, products, vendors } from '../db/schema';
import type { Db } from '../db/session';
import { type ImageRow, imageView, iso, priceView } from './views';

// Aliased as the listing's SQL names them (products p, vendors v, categories c, product_images i).
const p = alias(products, 'p');
const v = alias(vendors, 'v');
const c = alias(categories, 'c');
const i = alias(productImages, 'i');

/**
 * The columns of a product card, as recommendations select them (the listing's SQL names the same);
 * the names two tables share are aliased (see named()).
 */
export const SUMMARY_COLUMNS = {
  id: p.id,
  title: p.title,
  vendor_id: p.vendorId,
  vendor_name: named(v.name, 'vendor_name'),
  category_id: p.categoryId,
  category_slug: c.slug,
  category_name: named(c.name, 'category_name'),
  country: p.country,
  currency: p.currency,
  min_price: p.minPrice,
  max_price: p.maxPrice,
  in_stock: p.inStock,
  created_at: p.createdAt,
  // Left-joined: no image, no id.
  img_id: sql<string | null>`${i.id}`.as('img_id'),
  img_key: i.key,
  img_widths: i.widths,
  img_format: i.format,
  img_width: i.width,
  img_height: i.height,
  img_alt: i.alt,
};

/** SUMMARY_COLUMNS as the listing's and search's raw SQL select them (tables aliased as above). */
export const PAGE_COLUMNS = `p.id, p.title, p.vendor_id, v.name AS vendor_name, p.category_id, c.slug AS category_slug,
  c.name AS category_name, p.country, p.currency, p.min_price, p.max_price, p.in_stock, p.created_at,
  i.id AS img_id, i.key AS img_key, i.widths AS img_widths, i.format AS img_format,
  i.width AS img_width, i.height AS img_height, i.alt AS img_alt`;

/** The tables SUMMARY_COLUMNS reads. */
export const SUMMARY_TABLES = { p, v, c, i };

/** The joins SUMMARY_COLUMNS needs after `products p`: `.innerJoin(v, ON.vendor).innerJoin(c, ON.category).leftJoin(i, ON.image)`. */
export const SUMMARY_ON = {
  /** An active shop. */
  vendor: and(eq(v.id, p.vendorId), eq(v.status, 'active')),
  category: eq(c.id, p.categoryId),
  /** The first image. */
  image: and(eq(i.productId, p.id), eq(i.position, 0)),
};

/** A column of the product `productId`, for comparing a card's product with it (one primary-key look-up). */
export const ofProduct = (column: SQLiteColumn, productId: string) =>
  sql`(SELECT ${column} FROM ${products} WHERE ${products.id} = ${productId})`;

export type SummaryRow = {
  id: string;
  title: string;
  vendor_id: string;
  vendor_name: string;
  category_id: string;
  category_slug: string;
  category_name: string;
  country: string;
  currency: string;
  min_price: number;
  max_price: number;
  // SQLite's 0/1 and JSON text from the listing's raw SQL; a boolean and an array through drizzle.
  in_stock: number | boolean;
  created_at: number;
  img_id: string | null;
  img_key: string | null;
  img_widths: string | number[] | null;
  img_format: string | null;
  img_width: number | null;
  img_height: number | null;
  img_alt: string | null;
};

export function productSummary(row: SummaryRow): ProductSummary {
  const image: ImageRow | null =
    row.img_id && row.img_key && row.img_widths && row.img_format
      ? {
          id: row.img_id,
          key: row.img_key,
          widths: row.img_widths,
          format: row.img_format,
          width: row.img_width ?? 0,
          height: row.img_height ?? 0,
          alt: row.img_alt ?? row.title,
        }
      : null;
  return {
    id: row.id,
    title: row.title,
    vendor: { id: row.vendor_id, name: row.vendor_name },
    category: { id: row.category_id, slug: row.category_slug, name: row.category_name },
    country: row.country as ProductSummary['country'],
    price: priceView(row.min_price, row.currency),
    maxPrice: priceView(row.max_price, row.currency),
    inStock: row.in_stock === 1 || row.in_stock === true,
    image: image ? imageView({ ...image, alt: image.alt || row.title }) : null,
    createdAt: iso(row.created_at),
  };
}

/** How many products a product page's strip shows. */
export const STRIP = 4;

/**
 * A product page's strip from a pair count (bought together, viewed together): the products most
 * often paired with this one, active, in its country, in stock first. CROSS JOIN keeps SQLite
 * driving from this product's pairs (a few rows): left to itself it scanned the country's products
 * (≈ 270 ms per product page at 100k products).
 */
export function pairedStrip(db: Db, pairs: typeof coPurchases | typeof coViews, productId: string) {
  return orm(db)
    .select(SUMMARY_COLUMNS)
    .from(pairs)
    .crossJoin(p)
    .innerJoin(v, SUMMARY_ON.vendor)
    .innerJoin(c, SUMMARY_ON.category)
    .leftJoin(i, SUMMARY_ON.image)
    .where(
      and(
        eq(p.id, pairs.otherId),
        eq(p.status, 'active'),
        eq(pairs.productId, productId),
        eq(p.country, ofProduct(products.country, productId)),
      ),
    )
    .orderBy(desc(p.inStock), desc(pairs.n), p.id)
    .limit(STRIP);
}
