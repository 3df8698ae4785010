-- Delivery per vendor order, as logistics priced it inside the checkout saga: the method (home
-- or pickup station), the fee in the order's currency (minor units), who is paid it (the
-- platform's logistics, or the vendor that delivers itself) and the promised window (ISO dates).
-- The order's `subtotal` is the goods and its `total` the goods plus every vendor order's fee.
-- Vendor orders from before this migration keep NULL/0: no fee was charged for them.
ALTER TABLE vendor_orders ADD COLUMN delivery_method TEXT CHECK (delivery_method IN ('home', 'station'));
ALTER TABLE vendor_orders ADD COLUMN delivery_fee INTEGER NOT NULL DEFAULT 0
  CHECK (typeof(delivery_fee) = 'integer' AND delivery_fee >= 0);
ALTER TABLE vendor_orders ADD COLUMN delivery_payee TEXT NOT NULL DEFAULT 'logistics'
  CHECK (delivery_payee IN ('logistics', 'vendor'));
ALTER TABLE vendor_orders ADD COLUMN delivery_earliest TEXT;
ALTER TABLE vendor_orders ADD COLUMN delivery_latest TEXT;
