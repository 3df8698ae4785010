-- Identity: users (phone first), password hashes, refresh-token families, addresses,
-- and the outbox/processed-events/idempotency tables of the event system.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  -- E.164 (+254700000001): the identity in our markets.
  phone TEXT NOT NULL UNIQUE CHECK (phone GLOB '+[1-9]*' AND length(phone) BETWEEN 8 AND 16),
  -- Optional; stored lower-cased so uniqueness is case-insensitive.
  email TEXT UNIQUE CHECK (email IS NULL OR email = lower(email)),
  name TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'sw')),
  role TEXT NOT NULL DEFAULT 'shopper' CHECK (role IN ('shopper', 'vendor', 'admin')),
  vendor_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (role <> 'vendor' OR vendor_id IS NOT NULL)
);

-- One row per user who set a password. The hash carries its parameters
-- ('pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>') so they can be raised later
-- and old hashes upgraded at the next successful login.
CREATE TABLE passwords (
  user_id TEXT PRIMARY KEY REFERENCES users (id),
  hash TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Opaque refresh tokens, stored as SHA-256 (hex). Every use rotates: the used row gets
-- rotated_at and replaced_by; presenting a rotated token again revokes its whole family.
CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  family_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  rotated_at INTEGER,
  replaced_by TEXT,
  revoked_at INTEGER
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE addresses (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  label TEXT,
  -- Landmark-style directions ("Blue gate after Total, Ngong Rd"): many places have no street number.
  landmark TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL,
  lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
  lng REAL CHECK (lng IS NULL OR lng BETWEEN -180 AND 180),
  pickup_station_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX addresses_user ON addresses (user_id, created_at);

CREATE TABLE idempotency_keys (
  -- Whose key it is (a user id): keys of different callers never collide.
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);

CREATE TABLE processed_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  processed_at INTEGER NOT NULL
);
