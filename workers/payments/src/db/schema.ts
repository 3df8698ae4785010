import type { CurrencyCode } from '@linked-all/money';
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { AccountKind, ProviderName } from '../../contract/enums';
import type { PaymentMethod, PaymentStatus, RefundFrom, VendorOrderStatus } from '../checkout/statuses';
import type { PayoutStatus } from '../payouts/payout-status';
import type { Charge } from '../providers/provider';
import type { SandboxStatus } from '../providers/sandbox/sandbox-status';

// Mirrors migrations/payments/*.sql (the SQL files are the source of truth for DDL; test/schema.test.ts compares the two
// on the migrated database). The shared event and idempotency tables come from @linked-all/events.
export { adminAudit, deadLetters, idempotencyKeys, outbox, processedEvents } from '@linked-all/events/schema';

export const journalEntries = sqliteTable('journal_entries', {
  id: text('id').primaryKey(),
  externalRef: text('external_ref').notNull(),
  kind: text('kind').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const journalLines = sqliteTable(
  'journal_lines',
  {
    entryId: text('entry_id').notNull(),
    lineNo: integer('line_no').notNull(),
    accountId: text('account_id').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').$type<CurrencyCode>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.lineNo] })],
);

export const providerEvents = sqliteTable('provider_events', {
  id: text('id').primaryKey(),
  provider: text('provider').$type<ProviderName>().notNull(),
  reference: text('reference').notNull(),
  event: text('event').notNull(),
  body: text('body').notNull(),
  receivedAt: integer('received_at').notNull(),
  chargeId: text('charge_id'),
  processedAt: integer('processed_at'),
  outcome: text('outcome'),
});

export const topups = sqliteTable('topups', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  provider: text('provider').$type<ProviderName>().notNull(),
  reference: text('reference').notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').$type<CurrencyCode>().notNull(),
  status: text('status').$type<Charge['status']>().notNull().default('pending'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  orderId: text('order_id'),
  providerReference: text('provider_reference'),
  callbackTokenHash: text('callback_token_hash'),
  failureReason: text('failure_reason'),
  nextCheckAt: integer('next_check_at'),
});

export const sandboxCharges = sqliteTable(
  'sandbox_charges',
  {
    provider: text('provider').$type<ProviderName>().notNull(),
    providerReference: text('provider_reference').notNull(),
    transactionId: text('transaction_id'),
    amount: text('amount').notNull(),
    currency: text('currency').notNull(),
    phone: text('phone'),
    callbackUrl: text('callback_url'),
    status: text('status').$type<SandboxStatus>().notNull().default('pending'),
    request: text('request').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerReference] })],
);

export const payments = sqliteTable('payments', {
  id: text('id').primaryKey(),
  orderId: text('order_id').notNull(),
  userId: text('user_id').notNull(),
  method: text('method').$type<PaymentMethod>().notNull(),
  status: text('status').$type<PaymentStatus>().notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').$type<CurrencyCode>().notNull(),
  commission: integer('commission').notNull(),
  country: text('country'),
  capturedAt: integer('captured_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const vendorOrderPayments = sqliteTable('vendor_order_payments', {
  vendorOrderId: text('vendor_order_id').primaryKey(),
  orderId: text('order_id').notNull(),
  vendorId: text('vendor_id').notNull(),
  amount: integer('amount').notNull(),
  commission: integer('commission').notNull(),
  currency: text('currency').$type<CurrencyCode>().notNull(),
  status: text('status').$type<VendorOrderStatus>().notNull(),
  refundFrom: text('refund_from').$type<RefundFrom>(),
  refundReason: text('refund_reason'),
  collectedMethod: text('collected_method'),
  deliveredAt: integer('delivered_at'),
  releaseAt: integer('release_at'),
  releasedAt: integer('released_at'),
  refundedAt: integer('refunded_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  deliveryFee: integer('delivery_fee').notNull().default(0),
  deliveryPayee: text('delivery_payee').notNull().default('logistics'),
  collectedBy: text('collected_by'),
});

export const paymentVoids = sqliteTable('payment_voids', {
  orderId: text('order_id').primaryKey(),
  reason: text('reason').notNull(),
  voidedAt: integer('voided_at').notNull(),
});

export const commissionRules = sqliteTable('commission_rules', {
  categoryId: text('category_id').primaryKey(),
  rateBps: integer('rate_bps').notNull(),
  minimums: text('minimums').notNull().default('{}'),
  updatedAt: integer('updated_at').notNull(),
});

export const codLimits = sqliteTable('cod_limits', {
  country: text('country').primaryKey(),
  currency: text('currency').notNull(),
  maxOrderAmount: integer('max_order_amount').notNull(),
  maxOpenOrders: integer('max_open_orders').notNull(),
});

export const payouts = sqliteTable('payouts', {
  id: text('id').primaryKey(),
  vendorId: text('vendor_id').notNull(),
  amount: integer('amount').notNull(),
  currency: text('currency').$type<CurrencyCode>().notNull(),
  phone: text('phone').notNull(),
  provider: text('provider').notNull(),
  status: text('status').$type<PayoutStatus>().notNull(),
  callbackToken: text('callback_token').notNull(),
  conversationId: text('conversation_id'),
  providerReceipt: text('provider_receipt'),
  completedEventId: text('completed_event_id'),
  failureReason: text('failure_reason'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  kind: text('kind').$type<AccountKind>().notNull(),
  ownerId: text('owner_id'),
  currency: text('currency').$type<CurrencyCode>().notNull(),
  createdAt: integer('created_at').notNull(),
});

export const returnRefunds = sqliteTable('return_refunds', {
  returnId: text('return_id').primaryKey(),
  vendorOrderId: text('vendor_order_id').notNull(),
  amount: integer('amount').notNull(),
  commission: integer('commission').notNull(),
  logisticsFee: integer('logistics_fee').notNull(),
  vendorShare: integer('vendor_share').notNull(),
  takenFrom: text('taken_from').$type<'pending' | 'payable'>().notNull(),
  goods: integer('goods').notNull(),
  final: integer('final').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const releaseHolds = sqliteTable('release_holds', {
  returnId: text('return_id').primaryKey(),
  vendorOrderId: text('vendor_order_id').notNull(),
  createdAt: integer('created_at').notNull(),
  closedAt: integer('closed_at'),
});
