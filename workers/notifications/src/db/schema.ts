import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Mirrors migrations/notifications/*.sql (the SQL files are the source of truth for DDL; test/schema.test.ts compares the two
// on the migrated database). The shared event and idempotency tables come from @linked-all/events.
export { adminAudit, deadLetters, outbox, processedEvents } from '@linked-all/events/schema';

export const notifications = sqliteTable('notifications', {
  id: text('id').primaryKey(),
  sourceId: text('source_id').notNull(),
  template: text('template').notNull(),
  userId: text('user_id'),
  phone: text('phone'),
  email: text('email'),
  locale: text('locale').notNull(),
  class: text('class').notNull(),
  channels: text('channels').notNull(),
  body: text('body').notNull(),
  status: text('status').notNull().default('pending'),
  holdUntil: integer('hold_until'),
  createdAt: integer('created_at').notNull(),
  link: text('link'),
});

export const deliveries = sqliteTable(
  'deliveries',
  {
    notificationId: text('notification_id').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull(),
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    segments: integer('segments'),
    encoding: text('encoding'),
    costMicros: integer('cost_micros'),
    costCurrency: text('cost_currency'),
    attempts: integer('attempts').notNull().default(1),
    error: text('error'),
    deliveryStatus: text('delivery_status'),
    updatedAt: integer('updated_at').notNull(),
    country: text('country'),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.channel] })],
);

export const deliveryReports = sqliteTable(
  'delivery_reports',
  {
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id').notNull(),
    status: text('status').notNull(),
    body: text('body').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerMessageId, t.status] })],
);

export const smsSandbox = sqliteTable('sms_sandbox', {
  id: text('id').primaryKey(),
  provider: text('provider').notNull(),
  phone: text('phone').notNull(),
  sender: text('sender'),
  body: text('body').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const smsSandboxOutages = sqliteTable('sms_sandbox_outages', {
  provider: text('provider').primaryKey(),
});

export const emailSandbox = sqliteTable('email_sandbox', {
  id: text('id').primaryKey(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const preferences = sqliteTable('preferences', {
  userId: text('user_id').primaryKey(),
  sms: integer('sms').notNull().default(1),
  email: integer('email').notNull().default(1),
  push: integer('push').notNull().default(1),
  marketing: integer('marketing').notNull().default(0),
  quietStart: integer('quiet_start'),
  quietEnd: integer('quiet_end'),
  utcOffset: integer('utc_offset').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
});

export const pushSubscriptions = sqliteTable('push_subscriptions', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  endpoint: text('endpoint').notNull(),
  p256dh: text('p256dh').notNull(),
  auth: text('auth').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const orderViews = sqliteTable('order_views', {
  vendorOrderId: text('vendor_order_id').primaryKey(),
  orderId: text('order_id').notNull(),
  userId: text('user_id').notNull(),
  vendorId: text('vendor_id').notNull(),
  ref: text('ref').notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').notNull(),
  status: text('status').notNull(),
  trackingCode: text('tracking_code'),
  confirmedAt: integer('confirmed_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const pushSandboxClients = sqliteTable('push_sandbox_clients', {
  id: text('id').primaryKey(),
  p256dh: text('p256dh').notNull(),
  auth: text('auth').notNull(),
  privateJwk: text('private_jwk').notNull(),
  gone: integer('gone').notNull().default(0),
  createdAt: integer('created_at').notNull(),
});

export const pushSandboxMessages = sqliteTable('push_sandbox_messages', {
  id: text('id').primaryKey(),
  clientId: text('client_id').notNull(),
  vapidSubject: text('vapid_subject').notNull(),
  ttl: integer('ttl').notNull(),
  urgency: text('urgency').notNull(),
  body: text('body').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Operator alerts (src/operator-alerts.ts): a rule's firing alert is its row without `resolved_at`. */
export const operatorAlerts = sqliteTable('operator_alerts', {
  id: text('id').primaryKey(),
  rule: text('rule').notNull(),
  threshold: real('threshold').notNull(),
  value: real('value').notNull(),
  resolvedValue: real('resolved_value'),
  firedAt: integer('fired_at').notNull(),
  resolvedAt: integer('resolved_at'),
});

export const livePresence = sqliteTable('live_presence', {
  hub: text('hub').primaryKey(),
  since: integer('since').notNull(),
});
