import type { DeliveryPayee } from '@linked-all/payments/contract';
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Payment, ReturnCondition, ReturnReason, ReturnStatus } from '../../contract';
import { ORDER_STATUSES, VENDOR_ORDER_STATUSES } from '../../contract/statuses';

// Mirrors migrations/orders/*.sql (the SQL files are the source of truth for DDL; test/schema.test.ts compares the two
// on the migrated database). The shared event and idempotency tables come from @linked-all/events.
export { adminAudit, deadLetters, idempotencyKeys, outbox, processedEvents } from '@linked-all/events/schema';

export const orderLines = sqliteTable(
  'order_lines',
  {
    vendorOrderId: text('vendor_order_id').notNull(),
    orderId: text('order_id').notNull(),
    skuId: text('sku_id').notNull(),
    productId: text('product_id').notNull(),
    title: text('title').notNull(),
    options: text('options').notNull().default('{}'),
    image: text('image'),
    categoryId: text('category_id').notNull(),
    unitPrice: integer('unit_price').notNull(),
    currency: text('currency').notNull(),
    quantity: integer('quantity').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.vendorOrderId, t.skuId] })],
);

export const orderTransitions = sqliteTable('order_transitions', {
  id: text('id').primaryKey(),
  orderId: text('order_id').notNull(),
  vendorOrderId: text('vendor_order_id'),
  fromStatus: text('from_status').notNull(),
  toStatus: text('to_status').notNull(),
  actor: text('actor').notNull(),
  reason: text('reason'),
  createdAt: integer('created_at').notNull(),
});

export const orderStatuses = sqliteTable('order_statuses', {
  status: text('status', { enum: ORDER_STATUSES }).primaryKey(),
});

export const vendorOrderStatuses = sqliteTable('vendor_order_statuses', {
  status: text('status', { enum: VENDOR_ORDER_STATUSES }).primaryKey(),
});

export const orders = sqliteTable('orders', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  status: text('status', { enum: ORDER_STATUSES }).notNull().default('pending'),
  currency: text('currency'),
  subtotal: integer('subtotal').notNull().default(0),
  total: integer('total').notNull().default(0),
  paymentMethod: text('payment_method').$type<Payment['method']>().notNull(),
  paymentProvider: text('payment_provider'),
  paymentStatus: text('payment_status').notNull().default('none'),
  paymentId: text('payment_id'),
  shippingAddressId: text('shipping_address_id'),
  pickupStationId: text('pickup_station_id'),
  cartId: text('cart_id').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  requestHash: text('request_hash').notNull(),
  workflowInstanceId: text('workflow_instance_id').notNull(),
  cancelReason: text('cancel_reason'),
  cancelSkus: text('cancel_skus'),
  priceChanges: text('price_changes').notNull().default('[]'),
  lastTransitionId: text('last_transition_id'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const vendorOrders = sqliteTable('vendor_orders', {
  id: text('id').primaryKey(),
  orderId: text('order_id').notNull(),
  vendorId: text('vendor_id').notNull(),
  status: text('status', { enum: VENDOR_ORDER_STATUSES }).notNull().default('pending'),
  currency: text('currency').notNull(),
  subtotal: integer('subtotal').notNull(),
  confirmedAt: integer('confirmed_at'),
  lastTransitionId: text('last_transition_id'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  vendorName: text('vendor_name'),
  dropping: text('dropping'),
  deliveryMethod: text('delivery_method').$type<'home' | 'station'>(),
  deliveryFee: integer('delivery_fee').notNull().default(0),
  deliveryPayee: text('delivery_payee').$type<DeliveryPayee>().notNull().default('logistics'),
  deliveryEarliest: text('delivery_earliest'),
  deliveryLatest: text('delivery_latest'),
});

export const guestCartQuota = sqliteTable(
  'guest_cart_quota',
  {
    client: text('client').notNull(),
    hour: integer('hour').notNull(),
    created: integer('created').notNull(),
  },
  (t) => [primaryKey({ columns: [t.client, t.hour] })],
);

export const returns = sqliteTable('returns', {
  id: text('id').primaryKey(),
  orderId: text('order_id').notNull(),
  vendorOrderId: text('vendor_order_id').notNull(),
  vendorId: text('vendor_id').notNull(),
  userId: text('user_id').notNull(),
  status: text('status').$type<ReturnStatus>().notNull(),
  reason: text('reason').$type<ReturnReason>().notNull(),
  note: text('note').notNull().default(''),
  photos: text('photos').notNull().default('[]'),
  method: text('method').$type<'home' | 'station'>().notNull(),
  shippingAddressId: text('shipping_address_id'),
  pickupStationId: text('pickup_station_id'),
  currency: text('currency').notNull(),
  goods: integer('goods').notNull(),
  refundedAmount: integer('refunded_amount'),
  final: integer('final').notNull(),
  windowEndsAt: integer('window_ends_at').notNull(),
  decidedBy: text('decided_by'),
  refusalReason: text('refusal_reason'),
  lastTransitionId: text('last_transition_id'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  // 0013: the state it came back in (as_new | opened | damaged), set when received.
  condition: text('condition').$type<ReturnCondition>(),
  conditionNote: text('condition_note'),
});

export const returnLines = sqliteTable(
  'return_lines',
  {
    returnId: text('return_id').notNull(),
    vendorOrderId: text('vendor_order_id').notNull(),
    skuId: text('sku_id').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
  },
  (t) => [primaryKey({ columns: [t.returnId, t.skuId] })],
);

export const returnTransitions = sqliteTable('return_transitions', {
  id: text('id').primaryKey(),
  returnId: text('return_id').notNull(),
  fromStatus: text('from_status').notNull(),
  toStatus: text('to_status').notNull(),
  actor: text('actor').notNull(),
  reason: text('reason'),
  createdAt: integer('created_at').notNull(),
});
