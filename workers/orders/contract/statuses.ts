/**
 * Order and vendor-order statuses and their legal moves.
 *
 * Until it is confirmed, an order moves on its own (the checkout saga drives it):
 *   pending → awaiting_payment → confirmed, and pending | awaiting_payment → cancelled.
 *
 * From confirmation on, each vendor order moves on its own (the vendor, logistics, the shopper's
 * cancel) and the order's status is the rollup of its vendor orders (`orderRollup`), where
 * "live" vendor orders are those not rejected, cancelled, refunded or returned:
 *   - no live vendor order left → `refunded` if any share was refunded or returned, else `cancelled`;
 *   - every live one delivered → `delivered`; every live one shipped or delivered → `shipped`;
 *   - some live ones shipped or delivered → `partially_shipped`;
 *   - otherwise `partially_cancelled` if a vendor order was dropped (a vendor rejected it), else `confirmed`.
 * Partial refunds show on the vendor orders (`refunded`) and the order's payment status
 * (`partially_refunded`), not as another order status.
 */
export const ORDER_STATUSES = [
  'pending',
  'awaiting_payment',
  'confirmed',
  'partially_cancelled',
  'partially_shipped',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const VENDOR_ORDER_STATUSES = [
  'pending',
  'accepted',
  'rejected',
  'ready',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
  'returned',
] as const;
export type VendorOrderStatus = (typeof VENDOR_ORDER_STATUSES)[number];

/** The moves the checkout saga makes before an order is confirmed. */
export const ORDER_MOVES: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['awaiting_payment', 'cancelled'],
  awaiting_payment: ['confirmed', 'cancelled'],
  confirmed: [],
  partially_cancelled: [],
  partially_shipped: [],
  shipped: [],
  delivered: [],
  cancelled: [],
  refunded: [],
};

/**
 * A vendor order: the vendor accepts or rejects it (rejecting until it ships), marks it ready; logistics ships and delivers
 * it; the shopper may cancel it until it ships (`cancelled` when no money was taken, `refunded`
 * when the captured money went back).
 */
export const VENDOR_ORDER_MOVES: Record<VendorOrderStatus, readonly VendorOrderStatus[]> = {
  pending: ['accepted', 'rejected', 'cancelled', 'refunded'],
  // A vendor may still back out (reject) after accepting, until the parcel leaves.
  accepted: ['ready', 'rejected', 'cancelled', 'refunded'],
  ready: ['shipped', 'rejected', 'cancelled', 'refunded'],
  // Logistics brought the parcel back (too many failed attempts, or uncollected at the station).
  shipped: ['delivered', 'refunded', 'cancelled'],
  delivered: ['returned'],
  rejected: [],
  cancelled: [],
  refunded: [],
  returned: [],
};
