-- Staff roles with permissions (packages/auth vendor-permissions.ts): owner, manager, orders,
-- catalog, finance. The old 'staff' could do everything but payouts and staff, which is what a
-- manager may do now. SQLite cannot change a CHECK in place, so vendor_staff is rebuilt (same
-- columns and keys); an invitation carries the role its invitee will have.
PRAGMA defer_foreign_keys = on;

CREATE TABLE vendor_staff_new (
  vendor_id TEXT NOT NULL REFERENCES vendors (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'orders', 'catalog', 'finance')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (vendor_id, user_id)
);
INSERT INTO vendor_staff_new (vendor_id, user_id, role, created_at)
  SELECT vendor_id, user_id, CASE role WHEN 'staff' THEN 'manager' ELSE role END, created_at FROM vendor_staff;
DROP TABLE vendor_staff;
ALTER TABLE vendor_staff_new RENAME TO vendor_staff;
-- An access token carries one vendorId, so a person works for at most one shop.
CREATE UNIQUE INDEX vendor_staff_user ON vendor_staff (user_id);

ALTER TABLE staff_invitations ADD COLUMN role TEXT NOT NULL DEFAULT 'manager'
  CHECK (role IN ('manager', 'orders', 'catalog', 'finance'));
