-- A return opened inside the window holds its vendor order's release until the return is refunded
-- or refused, so a returned item's money is never both released to the vendor and refunded.
-- The hold and the release claim are each one conditional statement (D1 has one writer): a hold
-- lands only while the vendor order is still captured/collected with its window open, and the
-- release claims a vendor order only while it has no open hold — whichever runs first wins.
CREATE TABLE release_holds (
  return_id TEXT PRIMARY KEY,
  vendor_order_id TEXT NOT NULL REFERENCES vendor_order_payments (vendor_order_id),
  created_at INTEGER NOT NULL,
  -- Set when the return was refunded or refused (or never landed in orders): the hold is over.
  closed_at INTEGER
);
CREATE INDEX release_holds_open ON release_holds (vendor_order_id) WHERE closed_at IS NULL;
