-- Reviews that can be trusted: one per purchase (a delivered vendor order × a product, checked
-- with orders), 1–5 stars, text, optional photos (image keys from the catalog's own pipeline).
-- The vendor may answer once; admins hide with a reason; shoppers vote "helpful" and report,
-- once each. Product and vendor ratings are aggregates of the published reviews, recomputed from
-- these rows by the catalog-events consumer (review.* events), so a replayed event is harmless.
CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products (id),
  vendor_id TEXT NOT NULL,
  vendor_order_id TEXT NOT NULL,
  author_id TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (typeof(rating) = 'integer' AND rating BETWEEN 1 AND 5),
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  -- JSON array of image keys (R2), at most 4.
  photos TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'hidden')),
  hidden_reason TEXT,
  hidden_by TEXT,
  helpful_count INTEGER NOT NULL DEFAULT 0,
  report_count INTEGER NOT NULL DEFAULT 0,
  reply_body TEXT,
  reply_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- Once per purchase: a second review of the same delivered product is refused (409).
  UNIQUE (vendor_order_id, product_id)
);
-- The product page: published reviews, most helpful first, then newest (ids are time-ordered).
CREATE INDEX reviews_product_helpful ON reviews (product_id, status, helpful_count DESC, id DESC);
CREATE INDEX reviews_product_newest ON reviews (product_id, status, created_at DESC, id DESC);
CREATE INDEX reviews_vendor ON reviews (vendor_id, status);
-- The moderation queue: most reported first.
CREATE INDEX reviews_moderation ON reviews (status, report_count DESC, id DESC);

CREATE TABLE review_votes (
  review_id TEXT NOT NULL REFERENCES reviews (id),
  user_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (review_id, user_id)
) WITHOUT ROWID;

CREATE TABLE review_reports (
  review_id TEXT NOT NULL REFERENCES reviews (id),
  user_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (review_id, user_id)
) WITHOUT ROWID;

ALTER TABLE products ADD COLUMN rating_average REAL;
ALTER TABLE products ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE vendors ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
