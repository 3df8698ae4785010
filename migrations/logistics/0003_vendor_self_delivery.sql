-- Vendors that deliver their own parcels: their quotes say `deliveredBy: 'vendor'`, and the
-- checkout books the delivery fee to the vendor instead of the platform's logistics revenue.
CREATE TABLE vendor_self_delivery (
  vendor_id TEXT PRIMARY KEY,
  since INTEGER NOT NULL
);
