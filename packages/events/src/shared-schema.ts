import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The shared tables (shared-tables.ts holds their DDL) described once for drizzle: every service's
// schema re-exports the ones its database holds, and each service's schema test compares them with
// the migrated database.

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

export const outbox = sqliteTable('outbox', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  body: text('body').notNull(),
  createdAt: integer('created_at').notNull(),
  sentAt: integer('sent_at'),
});

export const processedEvents = sqliteTable('processed_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  processedAt: integer('processed_at').notNull(),
});

export const deadLetters = sqliteTable('dead_letters', {
  messageId: text('message_id').primaryKey(),
  queue: text('queue').notNull(),
  body: text('body').notNull(),
  attempts: integer('attempts').notNull(),
  receivedAt: integer('received_at').notNull(),
});

export const adminAudit = sqliteTable('admin_audit', {
  id: text('id').primaryKey(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  target: text('target').notNull(),
  reason: text('reason'),
  detail: text('detail'),
  createdAt: integer('created_at').notNull(),
});
