-- order.cancelled may reach logistics before the order.confirmed that creates the shipments (queue
-- batches and retries do not keep the order of events), so a cancellation is remembered: a shipment
-- created later for a cancelled vendor order is cancelled at once instead of waiting for a courier.
-- vendor_order_id '*' stands for the whole order (an order.cancelled that names no vendor order).
CREATE TABLE order_cancellations (
  order_id TEXT NOT NULL,
  vendor_order_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (order_id, vendor_order_id)
);
