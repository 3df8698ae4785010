// The tables every service's D1 holds for the event system and the HTTP layer, written once.
// `node scripts/shared-tables.mjs` copies them into the migrations (between its markers) and
// `pnpm check` fails when a migration's copy differs. This file imports nothing so that the
// script can load it with plain Node.

/** Each shared table's DDL (with its indexes), as a migration creates it. */
export const SHARED_TABLES = {
  // @linked-all/http's idempotency middleware: one row per (caller, Idempotency-Key).
  idempotency_keys: `-- Whose key it is (a user or vendor id): keys of different callers never collide.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);`,
  // The transactional outbox (outbox.ts): written in the same batch as the change it announces.
  outbox: `-- Events written in the same batch as their change; a relay sends what is unsent.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);`,
  // consumeBatch (consume.ts) dedupes on the event id here.
  processed_events: `-- Events this service consumed, by id: a redelivered event is skipped.
CREATE TABLE processed_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  processed_at INTEGER NOT NULL
);`,
  // Messages that exhausted their retries, kept for operators to inspect and replay.
  dead_letters: `-- Queue messages that exhausted their retries, for operators to inspect and replay.
CREATE TABLE dead_letters (
  message_id TEXT PRIMARY KEY,
  queue TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);`,
  // The operators' audit log (audit.ts): one row per admin write, in the same batch as the write.
  admin_audit: `-- Every admin write: who, what (action + target), when and why; written in the write's own batch.
CREATE TABLE admin_audit (
  id TEXT PRIMARY KEY,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  reason TEXT,
  detail TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX admin_audit_time ON admin_audit (created_at, id);
CREATE INDEX admin_audit_target ON admin_audit (target, created_at);`,
} as const;

export type SharedTable = keyof typeof SHARED_TABLES;
