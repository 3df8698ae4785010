-- Orders: one order per checkout, split into one vendor order per vendor, with snapshots of
-- what was bought at what price, and an audit row for every status change.
-- Statuses and their legal moves: workers/orders/src/orders/state-machine.ts.

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN (
    'pending', 'awaiting_payment', 'confirmed', 'partially_cancelled', 'partially_shipped', 'shipped',
    'delivered', 'cancelled', 'refunded'
  )),
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
-- GET /v1/orders: mine, newest first, keyset on (created_at, id).
CREATE INDEX orders_user_created ON orders (user_id, created_at DESC, id DESC);

CREATE TABLE vendor_orders (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders (id),
  vendor_id TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN (
    'pending', 'accepted', 'rejected', 'ready', 'shipped', 'delivered', 'cancelled', 'refunded'
  )),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  subtotal INTEGER NOT NULL CHECK (typeof(subtotal) = 'integer' AND subtotal >= 0),
  -- Set when the order is confirmed: only then does the vendor see it.
  confirmed_at INTEGER,
  last_transition_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (order_id, vendor_id)
);
CREATE INDEX vendor_orders_order ON vendor_orders (order_id);
-- GET /v1/vendor/orders[?status=]: the vendor's confirmed orders, newest first, keyset on (confirmed_at, id).
CREATE INDEX vendor_orders_vendor ON vendor_orders (vendor_id, confirmed_at DESC, id DESC);
CREATE INDEX vendor_orders_vendor_status ON vendor_orders (vendor_id, status, confirmed_at DESC, id DESC);

-- Snapshots: what the catalog said when the order was priced, never re-read later.
CREATE TABLE order_lines (
  vendor_order_id TEXT NOT NULL REFERENCES vendor_orders (id),
  order_id TEXT NOT NULL REFERENCES orders (id),
  sku_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  title TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '{}',
  image TEXT,
  category_id TEXT NOT NULL,
  unit_price INTEGER NOT NULL CHECK (typeof(unit_price) = 'integer' AND unit_price >= 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  quantity INTEGER NOT NULL CHECK (typeof(quantity) = 'integer' AND quantity > 0),
  position INTEGER NOT NULL,
  PRIMARY KEY (vendor_order_id, sku_id)
);
CREATE INDEX order_lines_order ON order_lines (order_id, position);

-- Audit: every status change of an order or a vendor order, once.
CREATE TABLE order_transitions (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders (id),
  vendor_order_id TEXT,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  -- 'checkout', 'usr_…', 'vnd_…', 'logistics'
  actor TEXT NOT NULL,
  reason TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX order_transitions_order ON order_transitions (order_id, created_at);

-- payment-events messages that exhausted their retries, for operators to inspect and replay.
CREATE TABLE dead_letters (
  message_id TEXT PRIMARY KEY,
  queue TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);
