-- Order and vendor-order statuses become rows of lookup tables that the status columns reference,
-- instead of CHECK (status IN (…)) lists: a new status is one INSERT in a migration (plus its entry
-- in workers/orders/contract/statuses.ts, which a test compares with these rows), never another
-- table rebuild. This migration is the one rebuild that gets there (SQLite cannot add a foreign
-- key to an existing column), done the SQLite way: create the new table, copy every row, drop
-- the old one, rename, recreate the indexes.
--
-- D1 always enforces foreign keys (as `PRAGMA foreign_keys = on`, which a migration cannot turn
-- off); dropping `orders` would fail on the rows that vendor_orders, order_lines and
-- order_transitions hold. `defer_foreign_keys` moves every check to the end of this migration's
-- transaction, when the rebuilt tables hold the same ids again.
PRAGMA defer_foreign_keys = on;

CREATE TABLE order_statuses (status TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO order_statuses (status) VALUES
  ('pending'),
  ('awaiting_payment'),
  ('confirmed'),
  ('partially_cancelled'),
  ('partially_shipped'),
  ('shipped'),
  ('delivered'),
  ('cancelled'),
  ('refunded');

CREATE TABLE vendor_order_statuses (status TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO vendor_order_statuses (status) VALUES
  ('pending'),
  ('accepted'),
  ('rejected'),
  ('ready'),
  ('shipped'),
  ('delivered'),
  ('cancelled'),
  ('refunded');

CREATE TABLE orders_rebuilt (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' REFERENCES order_statuses (status),
  -- Known once the checkout priced the cart (a cart refused before that has none).
  currency TEXT CHECK (currency IS NULL OR length(currency) = 3),
  subtotal INTEGER NOT NULL DEFAULT 0 CHECK (typeof(subtotal) = 'integer' AND subtotal >= 0),
  total INTEGER NOT NULL DEFAULT 0 CHECK (typeof(total) = 'integer' AND total >= 0),
  payment_method TEXT NOT NULL CHECK (payment_method IN ('wallet', 'mobile_money', 'pay_on_delivery')),
  payment_provider TEXT,
  payment_status TEXT NOT NULL DEFAULT 'none' CHECK (payment_status IN (
    'none', 'pending', 'authorized', 'captured', 'pay_on_delivery', 'voided', 'refunded', 'partially_refunded'
  )),
  payment_id TEXT,
  shipping_address_id TEXT,
  pickup_station_id TEXT,
  cart_id TEXT NOT NULL,
  -- One order per (shopper, Idempotency-Key): ten identical requests at once insert one row.
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  workflow_instance_id TEXT NOT NULL,
  cancel_reason TEXT,
  -- JSON: the SKUs behind an out_of_stock / unavailable cancellation.
  cancel_skus TEXT,
  -- JSON [{ skuId, cartPrice, price, currency }]: prices that changed since the cart saw them.
  price_changes TEXT NOT NULL DEFAULT '[]',
  -- The id of the transition that last changed this row: the guard that makes its audit row and
  -- event conditional on this call's UPDATE being the one that applied.
  last_transition_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((shipping_address_id IS NULL) <> (pickup_station_id IS NULL)),
  UNIQUE (user_id, idempotency_key)
);
INSERT INTO orders_rebuilt (
  id, user_id, status, currency, subtotal, total, payment_method, payment_provider, payment_status, payment_id,
  shipping_address_id, pickup_station_id, cart_id, idempotency_key, request_hash, workflow_instance_id,
  cancel_reason, cancel_skus, price_changes, last_transition_id, created_at, updated_at
)
SELECT
  id, user_id, status, currency, subtotal, total, payment_method, payment_provider, payment_status, payment_id,
  shipping_address_id, pickup_station_id, cart_id, idempotency_key, request_hash, workflow_instance_id,
  cancel_reason, cancel_skus, price_changes, last_transition_id, created_at, updated_at
FROM orders;
DROP TABLE orders;
ALTER TABLE orders_rebuilt RENAME TO orders;
-- GET /v1/orders: mine, newest first, keyset on (created_at, id).
CREATE INDEX orders_user_created ON orders (user_id, created_at DESC, id DESC);

CREATE TABLE vendor_orders_rebuilt (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders (id),
  vendor_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' REFERENCES vendor_order_statuses (status),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  subtotal INTEGER NOT NULL CHECK (typeof(subtotal) = 'integer' AND subtotal >= 0),
  -- Set when the order is confirmed: only then does the vendor see it.
  confirmed_at INTEGER,
  last_transition_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- The shop's name when the order was priced (0003); NULL for vendor orders from before it.
  vendor_name TEXT,
  -- JSON claim of the drop (reject, cancel) that owns this vendor order (0004).
  dropping TEXT,
  UNIQUE (order_id, vendor_id)
);
INSERT INTO vendor_orders_rebuilt (
  id, order_id, vendor_id, status, currency, subtotal, confirmed_at, last_transition_id, created_at, updated_at,
  vendor_name, dropping
)
SELECT
  id, order_id, vendor_id, status, currency, subtotal, confirmed_at, last_transition_id, created_at, updated_at,
  vendor_name, dropping
FROM vendor_orders;
DROP TABLE vendor_orders;
ALTER TABLE vendor_orders_rebuilt RENAME TO vendor_orders;
CREATE INDEX vendor_orders_order ON vendor_orders (order_id);
-- GET /v1/vendor/orders[?status=]: the vendor's confirmed orders, newest first, keyset on (confirmed_at, id).
CREATE INDEX vendor_orders_vendor ON vendor_orders (vendor_id, confirmed_at DESC, id DESC);
CREATE INDEX vendor_orders_vendor_status ON vendor_orders (vendor_id, status, confirmed_at DESC, id DESC);

PRAGMA defer_foreign_keys = off;
