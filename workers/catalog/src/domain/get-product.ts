import { and, eq, inArray } from 'drizzle-orm';
import type { ProductDetail } from '../../contract';
import { named } from '../db/named';
import { orm } from '../db/orm';
import { categories, productImages, products, skus, vendors } from '../db/schema';
import type { Db } from '../db/session';
import { alsoViewedQuery } from '../discover/product-views';
import { boughtTogether, boughtTogetherQueries } from '../recommendations/recommend';
import { topReviewsQuery } from '../reviews/list-reviews';
import { reviewView } from '../reviews/review-view';
import { productSummary } from './product-summary';
import { imageView, iso, priceView } from './views';

// The joined tables' columns under their own names, as the batch needs them (see named()).
const PRODUCT_COLUMNS = {
  id: products.id,
  title: products.title,
  description: products.description,
  status: products.status,
  country: products.country,
  currency: products.currency,
  min_price: products.minPrice,
  max_price: products.maxPrice,
  in_stock: products.inStock,
  version: products.version,
  rating_average: products.ratingAverage,
  rating_count: products.ratingCount,
  created_at: products.createdAt,
  updated_at: products.updatedAt,
  category_path: products.categoryPath,
  category_id: named(categories.id, 'category_id'),
  category_slug: named(categories.slug, 'category_slug'),
  category_name: named(categories.name, 'category_name'),
  vendor_id: named(vendors.id, 'vendor_id'),
  vendor_slug: named(vendors.slug, 'vendor_slug'),
  vendor_name: named(vendors.name, 'vendor_name'),
  vendor_country: named(vendors.country, 'vendor_country'),
  vendor_city: named(vendors.city, 'vendor_city'),
  vendor_currency: named(vendors.currency, 'vendor_currency'),
  vendor_rating: named(vendors.rating, 'vendor_rating'),
  vendor_rating_count: named(vendors.ratingCount, 'vendor_rating_count'),
  vendor_status: named(vendors.status, 'vendor_status'),
};

export type ProductVisibility = 'public' | { vendorId: string };

/**
 * A product with SKUs, images and vendor. The public sees only active products
 * of active vendors; a vendor also sees its own drafts and archived products.
 * Another vendor's product is simply not found.
 */
export async function getProduct(db: Db, id: string, visibility: ProductVisibility = 'public'): Promise<ProductDetail | null> {
  const q = orm(db);
  const [found, skuRows, imageRows, reviewRows, together, sameCategory, viewed] = await q.batch([
    q
      .select(PRODUCT_COLUMNS)
      .from(products)
      .innerJoin(vendors, eq(vendors.id, products.vendorId))
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .where(eq(products.id, id)),
    q
      .select({
        id: skus.id,
        code: skus.code,
        options: skus.options,
        price: skus.price,
        currency: skus.currency,
        available: skus.available,
      })
      .from(skus)
      .where(and(eq(skus.productId, id), eq(skus.archived, false)))
      .orderBy(skus.position, skus.id),
    q
      .select({
        id: productImages.id,
        key: productImages.key,
        widths: productImages.widths,
        format: productImages.format,
        width: productImages.width,
        height: productImages.height,
        alt: productImages.alt,
      })
      .from(productImages)
      .where(eq(productImages.productId, id))
      .orderBy(productImages.position, productImages.id),
    topReviewsQuery(db, id),
    // One round trip for the whole page: the strip's queries ride in the same batch.
    ...boughtTogetherQueries(db, id),
    alsoViewedQuery(db, id),
  ]);
  const row = found[0];
  if (!row) return null;
  const isOwner = visibility !== 'public' && visibility.vendorId === row.vendor_id;
  if (!isOwner && (row.status !== 'active' || row.vendor_status !== 'active')) return null;

  const slugs = row.category_path.split('/').filter(Boolean);
  const pathRows = await q
    .select({ slug: categories.slug, name: categories.name })
    .from(categories)
    .where(inArray(categories.slug, slugs));
  const names = new Map(pathRows.map((r) => [r.slug, r.name]));
  const images = imageRows.map((img) => imageView({ ...img, alt: img.alt || row.title }));

  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    country: row.country as ProductDetail['country'],
    category: { id: row.category_id, slug: row.category_slug, name: row.category_name },
    categoryPath: slugs.map((slug) => ({ slug, name: names.get(slug) ?? slug })),
    vendor: {
      id: row.vendor_id,
      slug: row.vendor_slug,
      name: row.vendor_name,
      country: row.vendor_country as ProductDetail['country'],
      city: row.vendor_city,
      currency: row.vendor_currency as ProductDetail['vendor']['currency'],
      rating: row.vendor_rating,
      ratingCount: row.vendor_rating_count,
    },
    price: priceView(row.min_price, row.currency),
    maxPrice: priceView(row.max_price, row.currency),
    inStock: row.in_stock,
    image: images[0] ?? null,
    images,
    skus: skuRows.map((s) => ({
      id: s.id,
      code: s.code,
      options: s.options,
      price: priceView(s.price, s.currency),
      available: s.available,
    })),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
    rating: { average: row.rating_average, count: row.rating_count },
    topReviews: reviewRows.map(reviewView),
    boughtTogether: boughtTogether(together, sameCategory),
    alsoViewed: viewed.map(productSummary),
  };
}
