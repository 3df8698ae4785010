import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Mirrors migrations/catalog/*.sql (the SQL files are the source of truth for DDL,
// including the FTS table and its triggers, which drizzle does not model).

export const vendors = sqliteTable('vendors', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  country: text('country').notNull(),
  currency: text('currency').notNull(),
  city: text('city').notNull(),
  status: text('status', { enum: ['pending', 'active', 'suspended', 'closed'] }).notNull(),
  rating: real('rating'),
  ratingCount: integer('rating_count').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const categories = sqliteTable('categories', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  parentId: text('parent_id'),
  path: text('path').notNull(),
  position: integer('position').notNull(),
});

export const products = sqliteTable('products', {
  id: text('id').primaryKey(),
  vendorId: text('vendor_id').notNull(),
  categoryId: text('category_id').notNull(),
  categoryPath: text('category_path').notNull(),
  country: text('country').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  status: text('status', { enum: ['draft', 'active', 'archived'] }).notNull(),
  currency: text('currency').notNull(),
  minPrice: integer('min_price').notNull(),
  maxPrice: integer('max_price').notNull(),
  inStock: integer('in_stock', { mode: 'boolean' }).notNull(),
  version: integer('version').notNull(),
  ratingAverage: real('rating_average'),
  ratingCount: integer('rating_count').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const skus = sqliteTable('skus', {
  id: text('id').primaryKey(),
  productId: text('product_id').notNull(),
  code: text('code').notNull(),
  options: text('options', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  price: integer('price').notNull(),
  currency: text('currency').notNull(),
  available: integer('available').notNull(),
  stockVersion: integer('stock_version').notNull(),
  position: integer('position').notNull(),
  archived: integer('archived', { mode: 'boolean' }).notNull(),
});

export const productImages = sqliteTable('product_images', {
  id: text('id').primaryKey(),
  productId: text('product_id').notNull(),
  key: text('key').notNull(),
  widths: text('widths', { mode: 'json' }).$type<number[]>().notNull(),
  format: text('format').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  alt: text('alt').notNull(),
  position: integer('position').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const idempotencyKeys = sqliteTable('idempotency_keys', {
  scope: text('scope').notNull(),
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  status: integer('status').notNull(),
  body: text('body').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const reviews = sqliteTable('reviews', {
  id: text('id').primaryKey(),
  productId: text('product_id').notNull(),
  vendorId: text('vendor_id').notNull(),
  vendorOrderId: text('vendor_order_id').notNull(),
  authorId: text('author_id').notNull(),
  rating: integer('rating').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  photos: text('photos', { mode: 'json' }).$type<string[]>().notNull(),
  status: text('status', { enum: ['published', 'hidden'] }).notNull(),
  hiddenReason: text('hidden_reason'),
  hiddenBy: text('hidden_by'),
  helpfulCount: integer('helpful_count').notNull(),
  reportCount: integer('report_count').notNull(),
  replyBody: text('reply_body'),
  replyAt: integer('reply_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const reviewVotes = sqliteTable('review_votes', {
  reviewId: text('review_id').notNull(),
  userId: text('user_id').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const reviewReports = sqliteTable('review_reports', {
  reviewId: text('review_id').notNull(),
  userId: text('user_id').notNull(),
  reason: text('reason').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Precomputed listing facets (migration 0006): listed products per category, country, currency, stock and band. */
export const listingFacets = sqliteTable('listing_facets', {
  country: text('country').notNull(),
  categoryId: text('category_id').notNull(),
  currency: text('currency').notNull(),
  inStock: integer('in_stock', { mode: 'boolean' }).notNull(),
  band: integer('band').notNull(),
  count: integer('count').notNull(),
});

export const listingFacetsBuilt = sqliteTable('listing_facets_built', {
  id: integer('id').primaryKey(),
  builtAt: integer('built_at').notNull(),
});
