-- Catalog: vendors' shops, the category tree, products with SKUs, images,
-- full-text search, and the outbox/processed-events tables of the event system.

CREATE TABLE vendors (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  country TEXT NOT NULL,
  currency TEXT NOT NULL,
  city TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'suspended', 'closed')),
  rating REAL,
  created_at INTEGER NOT NULL
);

CREATE TABLE categories (
  id TEXT PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id TEXT REFERENCES categories(id),
  -- Materialised path ("/electronics/phones/") so a subtree is one indexed prefix scan.
  path TEXT NOT NULL UNIQUE,
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE products (
  id TEXT PRIMARY KEY,
  vendor_id TEXT NOT NULL REFERENCES vendors(id),
  category_id TEXT NOT NULL REFERENCES categories(id),
  category_path TEXT NOT NULL,
  country TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
  currency TEXT NOT NULL,
  -- Denormalised from SKUs in the same batch as every SKU write, for filtering and sorting.
  min_price INTEGER NOT NULL DEFAULT 0,
  max_price INTEGER NOT NULL DEFAULT 0,
  in_stock INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX products_listing_newest ON products (status, created_at DESC, id DESC);
CREATE INDEX products_listing_price ON products (status, min_price, id);
CREATE INDEX products_vendor ON products (vendor_id, status, created_at DESC);
CREATE INDEX products_category ON products (status, category_path, created_at DESC);
CREATE INDEX products_country ON products (status, country, created_at DESC);
CREATE INDEX products_category_id ON products (category_id, status);

CREATE TABLE skus (
  id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products(id),
  code TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '{}',
  price INTEGER NOT NULL CHECK (price >= 0),
  currency TEXT NOT NULL,
  -- Projection of stock owned by the inventory service; fed by events.
  available INTEGER NOT NULL DEFAULT 0 CHECK (available >= 0),
  position INTEGER NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0,
  UNIQUE (product_id, code)
);
CREATE INDEX skus_product ON skus (product_id, position);

CREATE TABLE product_images (
  id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products(id),
  -- R2 key prefix; each stored width is `${key}/${width}.${ext}`.
  key TEXT NOT NULL,
  widths TEXT NOT NULL,
  format TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  alt TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX product_images_product ON product_images (product_id, position);

-- Full-text search over products. External content: the index stores no copy of the text.
CREATE VIRTUAL TABLE products_fts USING fts5(
  title, description, content='products', content_rowid='rowid', tokenize='porter unicode61', prefix='2 3 4'
);
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
  INSERT INTO products_fts (rowid, title, description) VALUES (new.rowid, new.title, new.description);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
  INSERT INTO products_fts (products_fts, rowid, title, description) VALUES ('delete', old.rowid, old.title, old.description);
END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF title, description ON products BEGIN
  INSERT INTO products_fts (products_fts, rowid, title, description) VALUES ('delete', old.rowid, old.title, old.description);
  INSERT INTO products_fts (rowid, title, description) VALUES (new.rowid, new.title, new.description);
END;

-- Idempotent vendor writes (the offline PWA replays with the same key).
CREATE TABLE idempotency_keys (
  -- Whose key it is (a vendor id): keys of different callers never collide.
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);

CREATE TABLE processed_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  processed_at INTEGER NOT NULL
);

-- Messages that exhausted their retries on catalog-events, for operators.
CREATE TABLE dead_letters (
  message_id TEXT PRIMARY KEY,
  queue TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);
