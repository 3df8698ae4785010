import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CARRIERS, DELIVERY_METHODS, PAYMENT_METHODS, SHIPMENT_STATUSES } from '../../contract/enums';

export { adminAudit, deadLetters, outbox, processedEvents } from '@linked-all/events/schema';

// Mirrors migrations/logistics/*.sql (the SQL files are the source of truth for DDL). Every
// table of this worker is here; every query is built over it, and a state change goes into one
// D1 `batch()` beside its outbox row as a drizzle `statement()` (@linked-all/db).

export const shipmentStatuses = sqliteTable('shipment_statuses', {
  status: text('status', { enum: SHIPMENT_STATUSES }).primaryKey(),
  terminal: integer('terminal', { mode: 'boolean' }).notNull(),
});

export const pickupStations = sqliteTable('pickup_stations', {
  id: text('id').primaryKey(),
  country: text('country').notNull(),
  city: text('city').notNull(),
  name: text('name').notNull(),
  landmark: text('landmark').notNull(),
  openingHours: text('opening_hours').notNull(),
  capacity: integer('capacity').notNull(),
  lat: real('lat').notNull(),
  lng: real('lng').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const deliveryRates = sqliteTable(
  'delivery_rates',
  {
    country: text('country').notNull(),
    city: text('city').notNull(),
    method: text('method', { enum: DELIVERY_METHODS }).notNull(),
    currency: text('currency').notNull(),
    baseFee: integer('base_fee').notNull(),
    perKgFee: integer('per_kg_fee').notNull(),
    includedGrams: integer('included_grams').notNull(),
    minDays: integer('min_days').notNull(),
    maxDays: integer('max_days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.country, t.city, t.method] })],
);

/** Vendors that carry their own parcels (the delivery fee is theirs). */
export const vendorSelfDelivery = sqliteTable('vendor_self_delivery', {
  vendorId: text('vendor_id').primaryKey(),
  since: integer('since').notNull(),
});

export const vendorFreeDelivery = sqliteTable(
  'vendor_free_delivery',
  {
    vendorId: text('vendor_id').notNull(),
    currency: text('currency').notNull(),
    threshold: integer('threshold').notNull(),
  },
  (t) => [primaryKey({ columns: [t.vendorId, t.currency] })],
);

export const shipments = sqliteTable('shipments', {
  id: text('id').primaryKey(),
  trackingCode: text('tracking_code').notNull(),
  orderId: text('order_id').notNull(),
  vendorOrderId: text('vendor_order_id').notNull(),
  vendorId: text('vendor_id').notNull(),
  userId: text('user_id').notNull(),
  method: text('method', { enum: DELIVERY_METHODS }).notNull(),
  shippingAddressId: text('shipping_address_id'),
  pickupStationId: text('pickup_station_id'),
  status: text('status', { enum: SHIPMENT_STATUSES }).notNull().default('awaiting_pickup'),
  paymentMethod: text('payment_method', { enum: PAYMENT_METHODS }).notNull(),
  codAmount: integer('cod_amount').notNull(),
  codCollectedAt: integer('cod_collected_at'),
  currency: text('currency').notNull(),
  riderId: text('rider_id'),
  carrier: text('carrier', { enum: CARRIERS }),
  carrierRef: text('carrier_ref'),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  codeHash: text('code_hash').notNull(),
  codeFailures: integer('code_failures').notNull().default(0),
  codeLockedUntil: integer('code_locked_until'),
  atStationSince: integer('at_station_since'),
  lastTransitionId: text('last_transition_id'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  /** 'delivery' (vendor → shopper) or 'return' (shopper → vendor, for `returnId`). */
  kind: text('kind', { enum: ['delivery', 'return'] })
    .notNull()
    .default('delivery'),
  returnId: text('return_id'),
});

export const shipmentTransitions = sqliteTable('shipment_transitions', {
  id: text('id').primaryKey(),
  shipmentId: text('shipment_id').notNull(),
  fromStatus: text('from_status').notNull(),
  toStatus: text('to_status', { enum: SHIPMENT_STATUSES }).notNull(),
  actor: text('actor').notNull(),
  reason: text('reason'),
  createdAt: integer('created_at').notNull(),
});

export const courierEvents = sqliteTable(
  'courier_events',
  {
    carrier: text('carrier', { enum: CARRIERS }).notNull(),
    eventId: text('event_id').notNull(),
    shipmentId: text('shipment_id').notNull(),
    status: text('status').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.carrier, t.eventId] })],
);

export const stationAgents = sqliteTable('station_agents', {
  userId: text('user_id').primaryKey(),
  stationId: text('station_id').notNull(),
  assignedAt: integer('assigned_at').notNull(),
});

/** 0006: cancellations heard before (or after) the shipments exist; `*` = the whole order. */
export const orderCancellations = sqliteTable(
  'order_cancellations',
  {
    orderId: text('order_id').notNull(),
    vendorOrderId: text('vendor_order_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.vendorOrderId] })],
);
