-- Logistics staff: riders and station agents are users with the role 'rider' or 'station_agent',
-- given by an admin (PUT /v1/admin/users/:id/role). SQLite cannot change a CHECK in place, so the
-- users table is rebuilt with the wider list (same columns, same constraints otherwise): copied
-- aside, dropped, created, copied back. Foreign keys from other tables are checked at the end of
-- the migration's transaction; the violations DROP TABLE counts for rows pointing at a user are
-- cancelled only by inserting the users back into `users` (see 0013, which had the same fault).
PRAGMA defer_foreign_keys = on;

CREATE TABLE users_copy AS SELECT * FROM users;
DROP TABLE users;
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  phone TEXT NOT NULL UNIQUE CHECK (phone GLOB '+[1-9]*' AND length(phone) BETWEEN 8 AND 16),
  email TEXT UNIQUE CHECK (email IS NULL OR email = lower(email)),
  name TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'sw')),
  role TEXT NOT NULL DEFAULT 'shopper' CHECK (role IN ('shopper', 'vendor', 'admin', 'rider', 'station_agent')),
  vendor_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  phone_verified_at INTEGER,
  CHECK (role <> 'vendor' OR vendor_id IS NOT NULL)
);
INSERT INTO users (id, phone, email, name, language, role, vendor_id, created_at, updated_at, phone_verified_at)
  SELECT id, phone, email, name, language, role, vendor_id, created_at, updated_at, phone_verified_at FROM users_copy;
DROP TABLE users_copy;
