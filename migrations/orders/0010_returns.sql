-- Returns (issue 11, item 8): a shopper sends units of a delivered vendor order back inside the
-- return window. Statuses and reasons: workers/orders/contract/returns.ts (a test compares them).
--   requested → accepted → received → refunded,  requested → refused
-- Every move is one conditional UPDATE (`WHERE status = <the status just read>`) with its audit
-- row in order_transitions and its outbox event, both written only if this call's UPDATE landed.
CREATE TABLE returns (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES orders (id),
  vendor_order_id TEXT NOT NULL REFERENCES vendor_orders (id),
  vendor_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'refused', 'received', 'refunded')),
  reason TEXT NOT NULL CHECK (reason IN (
    'damaged', 'defective', 'wrong_item', 'not_as_described', 'missing_parts', 'changed_mind'
  )),
  note TEXT NOT NULL DEFAULT '',
  -- JSON array of photo keys (the catalog's review-photo pipeline, PUT /v1/reviews/images).
  photos TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(photos) AND json_type(photos) = 'array'),
  -- How the parcel comes back: a rider collects it at the address, or the shopper drops it at a station.
  method TEXT NOT NULL CHECK (method IN ('home', 'station')),
  shipping_address_id TEXT,
  pickup_station_id TEXT,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  -- The goods' worth at the prices paid, and what the refund finally gave back (fee included on the last return).
  goods INTEGER NOT NULL CHECK (typeof(goods) = 'integer' AND goods > 0),
  refunded_amount INTEGER CHECK (refunded_amount IS NULL OR (typeof(refunded_amount) = 'integer' AND refunded_amount >= 0)),
  -- With this return every unit of the vendor order has come back (the delivery fee goes back too).
  final INTEGER NOT NULL CHECK (final IN (0, 1)),
  window_ends_at INTEGER NOT NULL,
  decided_by TEXT,
  refusal_reason TEXT,
  last_transition_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((shipping_address_id IS NULL) <> (pickup_station_id IS NULL))
);
CREATE INDEX returns_vendor_order ON returns (vendor_order_id, status);
-- GET /v1/vendor/returns[?status=]: newest first, keyset on (created_at, id).
CREATE INDEX returns_vendor ON returns (vendor_id, status, created_at DESC, id DESC);
CREATE INDEX returns_vendor_all ON returns (vendor_id, created_at DESC, id DESC);
CREATE INDEX returns_status ON returns (status, created_at DESC, id DESC);

-- The units of a return. A unit may be in at most one return that was not refused: the INSERT's
-- guard compares with order_lines.quantity inside the same batch as the return row.
CREATE TABLE return_lines (
  return_id TEXT NOT NULL,
  vendor_order_id TEXT NOT NULL,
  sku_id TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (typeof(quantity) = 'integer' AND quantity > 0),
  unit_price INTEGER NOT NULL CHECK (typeof(unit_price) = 'integer' AND unit_price >= 0),
  PRIMARY KEY (return_id, sku_id)
);
CREATE INDEX return_lines_vendor_order ON return_lines (vendor_order_id, sku_id);

-- Audit: every status change of a return, once (written only by the call whose UPDATE landed).
CREATE TABLE return_transitions (
  id TEXT PRIMARY KEY,
  return_id TEXT NOT NULL REFERENCES returns (id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  -- 'usr_…' (shopper, admin), 'vnd_…' (vendor), 'orders'
  actor TEXT NOT NULL,
  reason TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX return_transitions_return ON return_transitions (return_id, created_at);
