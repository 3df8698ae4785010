-- Vendor accounts (applications), their staff, and the status machine
-- pending → approved ↔ suspended → closed. Only approved vendors may list or sell:
-- the catalog learns of each change from vendor.approved / vendor.suspended events.

CREATE TABLE vendors (
  id TEXT PRIMARY KEY,
  business_name TEXT NOT NULL,
  country TEXT NOT NULL,
  currency TEXT NOT NULL,
  -- Mobile-money number payouts go to (E.164).
  payout_phone TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'suspended', 'closed')),
  status_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX vendors_status ON vendors (status, created_at, id);

CREATE TABLE vendor_staff (
  vendor_id TEXT NOT NULL REFERENCES vendors (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (vendor_id, user_id)
);
-- An access token carries one vendorId, so a person works for at most one shop.
CREATE UNIQUE INDEX vendor_staff_user ON vendor_staff (user_id);
