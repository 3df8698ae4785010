import { inArray } from 'drizzle-orm';
import type { ProductDetail } from '../../contract';
import { orm } from '../db/orm';
import { categories } from '../db/schema';
import type { Db } from '../db/session';
import { alsoViewed, alsoViewedStatement } from '../discover/product-views';
import { boughtTogether, boughtTogetherStatements } from '../recommendations/recommend';
import { topReviews, topReviewsStatement } from '../reviews/list-reviews';
import { type ImageRow, imageView, iso, priceView } from './views';

type ProductRow = {
  id: string;
  title: string;
  description: string;
  status: ProductDetail['status'];
  country: ProductDetail['country'];
  currency: string;
  min_price: number;
  max_price: number;
  in_stock: number;
  version: number;
  rating_average: number | null;
  rating_count: number;
  created_at: number;
  updated_at: number;
  category_id: string;
  category_slug: string;
  category_name: string;
  category_path: string;
  vendor_id: string;
  vendor_slug: string;
  vendor_name: string;
  vendor_country: ProductDetail['country'];
  vendor_city: string;
  vendor_currency: string;
  vendor_rating: number | null;
  vendor_rating_count: number;
  vendor_status: string;
};

type SkuRow = { id: string; code: string; options: string; price: number; currency: string; available: number };

export type ProductVisibility = 'public' | { vendorId: string };

/**
 * A product with SKUs, images and vendor. The public sees only active products
 * of active vendors; a vendor also sees its own drafts and archived products.
 * Another vendor's product is simply not found.
 */
export async function getProduct(db: Db, id: string, visibility: ProductVisibility = 'public'): Promise<ProductDetail | null> {
  const [productResult, skuResult, imageResult, reviewResult, togetherResult, sameCategoryResult, viewedResult] = await db.batch([
    db
      .prepare(
        `SELECT p.id, p.title, p.description, p.status, p.country, p.currency, p.min_price, p.max_price, p.in_stock,
                p.version, p.rating_average, p.rating_count, p.created_at, p.updated_at, p.category_path,
                c.id AS category_id, c.slug AS category_slug, c.name AS category_name,
                v.id AS vendor_id, v.slug AS vendor_slug, v.name AS vendor_name, v.country AS vendor_country,
                v.city AS vendor_city, v.currency AS vendor_currency, v.rating AS vendor_rating,
                v.rating_count AS vendor_rating_count, v.status AS vendor_status
         FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id
         WHERE p.id = ?`,
      )
      .bind(id),
    db
      .prepare(
        'SELECT id, code, options, price, currency, available FROM skus WHERE product_id = ? AND archived = 0 ORDER BY position, id',
      )
      .bind(id),
    db
      .prepare(
        'SELECT id, key, widths, format, width, height, alt FROM product_images WHERE product_id = ? ORDER BY position, id',
      )
      .bind(id),
    topReviewsStatement(db, id),
    // One round trip for the whole page: the strip's queries ride in the same batch.
    ...boughtTogetherStatements(db, id),
    alsoViewedStatement(db, id),
  ]);
  const row = productResult.results[0] as ProductRow | undefined;
  if (!row) return null;
  const isOwner = visibility !== 'public' && visibility.vendorId === row.vendor_id;
  if (!isOwner && (row.status !== 'active' || row.vendor_status !== 'active')) return null;

  const slugs = row.category_path.split('/').filter(Boolean);
  const pathRows = await orm(db)
    .select({ slug: categories.slug, name: categories.name })
    .from(categories)
    .where(inArray(categories.slug, slugs));
  const names = new Map(pathRows.map((r) => [r.slug, r.name]));
  const images = (imageResult.results as ImageRow[]).map((img) => imageView({ ...img, alt: img.alt || row.title }));

  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    country: row.country,
    category: { id: row.category_id, slug: row.category_slug, name: row.category_name },
    categoryPath: slugs.map((slug) => ({ slug, name: names.get(slug) ?? slug })),
    vendor: {
      id: row.vendor_id,
      slug: row.vendor_slug,
      name: row.vendor_name,
      country: row.vendor_country,
      city: row.vendor_city,
      currency: row.vendor_currency as ProductDetail['vendor']['currency'],
      rating: row.vendor_rating,
      ratingCount: row.vendor_rating_count,
    },
    price: priceView(row.min_price, row.currency),
    maxPrice: priceView(row.max_price, row.currency),
    inStock: row.in_stock === 1,
    image: images[0] ?? null,
    images,
    skus: (skuResult.results as SkuRow[]).map((s) => ({
      id: s.id,
      code: s.code,
      options: JSON.parse(s.options) as Record<string, string>,
      price: priceView(s.price, s.currency),
      available: s.available,
    })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
    rating: { average: row.rating_average, count: row.rating_count },
    topReviews: topReviews(reviewResult?.results ?? []),
    boughtTogether: togetherResult && sameCategoryResult ? boughtTogether(togetherResult, sameCategoryResult) : [],
    alsoViewed: alsoViewed(viewedResult),
  };
}
