-- The local Web Push service (development and test only): browsers it stands in for, with the keys
-- a real browser keeps to itself, and the encrypted messages it received, as a push service would.
CREATE TABLE push_sandbox_clients (
  id TEXT PRIMARY KEY,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  private_jwk TEXT NOT NULL,
  -- 1: the browser unsubscribed; the push service answers 410 Gone.
  gone INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE push_sandbox_messages (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES push_sandbox_clients (id),
  vapid_subject TEXT NOT NULL,
  ttl INTEGER NOT NULL,
  urgency TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX push_sandbox_messages_client ON push_sandbox_messages (client_id, created_at);
