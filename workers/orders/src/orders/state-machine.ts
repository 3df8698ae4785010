import { AppError } from '@linked-all/http';

/**
 * Order and vendor-order statuses and their legal moves.
 *
 * Until it is confirmed, an order moves on its own (the checkout saga drives it):
 *   pending → awaiting_payment → confirmed, and pending | awaiting_payment → cancelled.
 *
 * From confirmation on, each vendor order moves on its own (the vendor, logistics, the shopper's
 * cancel) and the order's status is the rollup of its vendor orders (`ORDER_ROLLUP_SQL`), where
 * "live" vendor orders are those not rejected, cancelled or refunded:
 *   - no live vendor order left → `refunded` if any share was refunded, else `cancelled`;
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
] as const;
export type VendorOrderStatus = (typeof VENDOR_ORDER_STATUSES)[number];

/** The moves the checkout saga makes before an order is confirmed. */
const ORDER_MOVES: Record<OrderStatus, readonly OrderStatus[]> = {
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
const VENDOR_ORDER_MOVES: Record<VendorOrderStatus, readonly VendorOrderStatus[]> = {
  pending: ['accepted', 'rejected', 'cancelled', 'refunded'],
  // A vendor may still back out (reject) after accepting, until the parcel leaves.
  accepted: ['ready', 'rejected', 'cancelled', 'refunded'],
  ready: ['shipped', 'rejected', 'cancelled', 'refunded'],
  shipped: ['delivered'],
  delivered: [],
  rejected: [],
  cancelled: [],
  refunded: [],
};

/** Statuses an order can move to `to` from (the `WHERE status IN (…)` of its conditional UPDATE). */
export function orderSourcesOf(to: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => ORDER_MOVES[from].includes(to));
}

/** Statuses a vendor order can move to `to` from. */
export function vendorOrderSourcesOf(to: VendorOrderStatus): VendorOrderStatus[] {
  return VENDOR_ORDER_STATUSES.filter((from) => VENDOR_ORDER_MOVES[from].includes(to));
}

export function canMoveVendorOrder(from: VendorOrderStatus, to: VendorOrderStatus): boolean {
  return VENDOR_ORDER_MOVES[from].includes(to);
}

/** A 409 `invalid_transition` naming both statuses. */
export function invalidTransition(what: string, from: string, to: string): AppError {
  return new AppError('invalid_transition', `${what} is ${from} and cannot become ${to}`, { from, to });
}

/** Vendor orders that no longer count: dropped before shipping or refunded. */
export const DROPPED: readonly VendorOrderStatus[] = ['rejected', 'cancelled', 'refunded'];

/**
 * Recomputes a confirmed order's status from its vendor orders, inside the same batch as the
 * vendor-order change, so two vendors acting at once still leave the right rollup (D1 runs a
 * batch as one transaction on one writer). Binds: order id, then order id again.
 */
export const ORDER_ROLLUP_SQL = `
  UPDATE orders SET updated_at = ?2, status = (
    SELECT CASE
      WHEN live = 0 AND refunded > 0 THEN 'refunded'
      WHEN live = 0 THEN 'cancelled'
      WHEN delivered = live THEN 'delivered'
      WHEN shipped + delivered = live THEN 'shipped'
      WHEN shipped + delivered > 0 THEN 'partially_shipped'
      WHEN live < total THEN 'partially_cancelled'
      ELSE 'confirmed' END
    FROM (SELECT count(*) AS total,
                 coalesce(sum(status NOT IN ('rejected', 'cancelled', 'refunded')), 0) AS live,
                 coalesce(sum(status = 'refunded'), 0) AS refunded,
                 coalesce(sum(status = 'shipped'), 0) AS shipped,
                 coalesce(sum(status = 'delivered'), 0) AS delivered
            FROM vendor_orders WHERE order_id = ?1))
  WHERE id = ?1 AND status NOT IN ('pending', 'awaiting_payment')`;
