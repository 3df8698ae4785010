-- A payout phone change waits here until the code sent by SMS to the NEW number comes back:
-- money goes to the number the owner proved they hold. One open change per shop (asking again
-- replaces it); the code is stored salted and hashed, with a few attempts.
CREATE TABLE payout_phone_changes (
  vendor_id TEXT PRIMARY KEY REFERENCES vendors (id),
  phone TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  salt TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  requested_by TEXT NOT NULL REFERENCES users (id),
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
