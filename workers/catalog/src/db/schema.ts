import { sql } from 'drizzle-orm';
import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export { adminAudit, deadLetters, idempotencyKeys, outbox, processedEvents } from '@linked-all/events/schema';

// Mirrors migrations/catalog/*.sql (the SQL files are the source of truth for DDL,
// including the FTS table and its triggers, which drizzle does not model).

export const vendors = sqliteTable('vendors', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  country: text('country').notNull(),
  currency: text('currency').notNull(),
  city: text('city').notNull(),
  status: text('status', { enum: ['pending', 'active', 'suspended', 'closed'] })
    .notNull()
    .default('active'),
  rating: real('rating'),
  ratingCount: integer('rating_count').notNull().default(0),
  createdAt: integer('created_at').notNull(),
});

export const categories = sqliteTable('categories', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  parentId: text('parent_id'),
  path: text('path').notNull(),
  position: integer('position').notNull().default(0),
});

export const products = sqliteTable('products', {
  id: text('id').primaryKey(),
  vendorId: text('vendor_id').notNull(),
  categoryId: text('category_id').notNull(),
  categoryPath: text('category_path').notNull(),
  country: text('country').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  status: text('status', { enum: ['draft', 'active', 'archived'] })
    .notNull()
    .default('draft'),
  currency: text('currency').notNull(),
  minPrice: integer('min_price').notNull().default(0),
  maxPrice: integer('max_price').notNull().default(0),
  inStock: integer('in_stock', { mode: 'boolean' }).notNull().default(false),
  version: integer('version').notNull().default(1),
  ratingAverage: real('rating_average'),
  ratingCount: integer('rating_count').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** Units of confirmed orders counted by the recommendations cron (migration 0010). */
  sales: integer('sales').notNull().default(0),
  /** Generated from sales and ratings (migration 0010); never written, so inserts leave it out. */
  popularity: real('popularity').generatedAlwaysAs(
    sql`0.6 * sales / (sales + 20.0) + 0.4 * (CASE WHEN rating_count > 0 AND rating_average IS NOT NULL THEN ((rating_average - 1.0) / 4.0) * rating_count / (rating_count + 5.0) ELSE 0.0 END)`,
    { mode: 'virtual' },
  ),
});

export const skus = sqliteTable('skus', {
  id: text('id').primaryKey(),
  productId: text('product_id').notNull(),
  code: text('code').notNull(),
  options: text('options', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
  price: integer('price').notNull(),
  currency: text('currency').notNull(),
  available: integer('available').notNull().default(0),
  stockVersion: integer('stock_version').notNull().default(0),
  position: integer('position').notNull().default(0),
  archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
});

export const productImages = sqliteTable('product_images', {
  id: text('id').primaryKey(),
  productId: text('product_id').notNull(),
  key: text('key').notNull(),
  widths: text('widths', { mode: 'json' }).$type<number[]>().notNull(),
  format: text('format').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  alt: text('alt').notNull().default(''),
  position: integer('position').notNull().default(0),
  createdAt: integer('created_at').notNull(),
});

export const reviews = sqliteTable('reviews', {
  id: text('id').primaryKey(),
  productId: text('product_id').notNull(),
  vendorId: text('vendor_id').notNull(),
  vendorOrderId: text('vendor_order_id').notNull(),
  authorId: text('author_id').notNull(),
  rating: integer('rating').notNull(),
  title: text('title').notNull().default(''),
  body: text('body').notNull(),
  photos: text('photos', { mode: 'json' }).$type<string[]>().notNull().default([]),
  status: text('status', { enum: ['published', 'hidden'] })
    .notNull()
    .default('published'),
  hiddenReason: text('hidden_reason'),
  hiddenBy: text('hidden_by'),
  helpfulCount: integer('helpful_count').notNull().default(0),
  reportCount: integer('report_count').notNull().default(0),
  replyBody: text('reply_body'),
  replyAt: integer('reply_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const reviewVotes = sqliteTable(
  'review_votes',
  {
    reviewId: text('review_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] })],
);

export const reviewReports = sqliteTable(
  'review_reports',
  {
    reviewId: text('review_id').notNull(),
    userId: text('user_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] })],
);

export const coPurchases = sqliteTable(
  'co_purchases',
  {
    productId: text('product_id').notNull(),
    otherId: text('other_id').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.otherId] })],
);

export const productSales = sqliteTable('product_sales', {
  productId: text('product_id').primaryKey(),
  n: integer('n').notNull(),
});

export const readCursors = sqliteTable('read_cursors', {
  name: text('name').primaryKey(),
  k: integer('k').notNull(),
  id: text('id').notNull(),
  runId: text('run_id').notNull().default(''),
});

export const searchSynonyms = sqliteTable(
  'search_synonyms',
  {
    term: text('term').notNull(),
    synonym: text('synonym').notNull(),
  },
  (t) => [primaryKey({ columns: [t.term, t.synonym] })],
);

/** Precomputed listing facets (migration 0006): listed products per category, country, currency, stock and band. */
export const listingFacets = sqliteTable(
  'listing_facets',
  {
    country: text('country').notNull(),
    categoryId: text('category_id').notNull(),
    currency: text('currency').notNull(),
    inStock: integer('in_stock', { mode: 'boolean' }).notNull(),
    band: integer('band').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.country, t.categoryId, t.currency, t.inStock, t.band] })],
);

export const listingFacetsBuilt = sqliteTable('listing_facets_built', {
  id: integer('id').primaryKey(),
  builtAt: integer('built_at').notNull(),
});

export const productModeration = sqliteTable('product_moderation', {
  productId: text('product_id').primaryKey(),
  reviewedVersion: integer('reviewed_version').notNull(),
  hiddenReason: text('hidden_reason'),
  hiddenBy: text('hidden_by'),
  updatedAt: integer('updated_at').notNull(),
});

/** One row per (browsing session, product) viewed (migration 0010); `run` guards the pair counts. */
export const productViews = sqliteTable(
  'product_views',
  {
    session: text('session').notNull(),
    productId: text('product_id').notNull(),
    viewedAt: integer('viewed_at').notNull(),
    run: text('run').notNull(),
  },
  (t) => [primaryKey({ columns: [t.session, t.productId] })],
);

/** Products viewed in one session, counted both ways (migration 0010). */
export const coViews = sqliteTable(
  'co_views',
  {
    productId: text('product_id').notNull(),
    otherId: text('other_id').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.otherId] })],
);

/** Brand names suggest completes (migration 0010). */
export const brands = sqliteTable('brands', { name: text('name').primaryKey(), key: text('key').notNull() });
