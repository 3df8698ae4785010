-- Returns (issue 11, item 8): a delivered vendor order's items come back inside the return window
-- and their money goes back to the shopper's wallet, once per return (`return:<returnId>` is the
-- journal entry's external_ref, and the primary key here). `vendor_share` is what was taken from
-- the vendor (`taken_from` pending before release, payable after); the release job moves only
-- what is left in pending (share − the returns taken from pending), so a return refunded before
-- release and the release itself never take the same money twice.
CREATE TABLE return_refunds (
  return_id TEXT PRIMARY KEY,
  vendor_order_id TEXT NOT NULL REFERENCES vendor_order_payments (vendor_order_id),
  -- Back to the shopper: goods returned (+ the delivery fee when the last unit came back).
  amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
  -- Reversed from the platform's commission (the returned goods' share of it).
  commission INTEGER NOT NULL CHECK (typeof(commission) = 'integer' AND commission >= 0),
  -- Reversed from logistics revenue (the fee, when the platform carried it and everything came back).
  logistics_fee INTEGER NOT NULL CHECK (typeof(logistics_fee) = 'integer' AND logistics_fee >= 0),
  vendor_share INTEGER NOT NULL CHECK (typeof(vendor_share) = 'integer' AND vendor_share >= 0),
  taken_from TEXT NOT NULL CHECK (taken_from IN ('pending', 'payable')),
  -- The goods part of `amount` and whether it completed the vendor order (fee refunded then).
  goods INTEGER NOT NULL CHECK (typeof(goods) = 'integer' AND goods > 0),
  final INTEGER NOT NULL CHECK (final IN (0, 1)),
  created_at INTEGER NOT NULL,
  CHECK (amount = vendor_share + commission + logistics_fee)
);
CREATE INDEX return_refunds_vendor_order ON return_refunds (vendor_order_id, taken_from);
