import { OrderCancelled, OrderConfirmed } from '@linked-all/events';
import { guardedOutbox } from '../orders/guarded-outbox';
import { moveOrder } from '../orders/transitions';
import type { CreatedOrder } from './create-order';

export type PaymentStatus = 'pending' | 'authorized' | 'captured' | 'pay_on_delivery' | 'voided';

/** The saga is about to take payment (or wait for it). */
export async function markAwaitingPayment(db: D1Database, orderId: string): Promise<void> {
  await moveOrder(db, { orderId, to: 'awaiting_payment', actor: 'checkout' });
}

/** Records how far the payment got, so the order page and a later cancel know what to undo. */
export async function setPaymentStatus(db: D1Database, orderId: string, status: PaymentStatus, paymentId?: string) {
  await db
    .prepare('UPDATE orders SET payment_status = ?, payment_id = coalesce(?, payment_id), updated_at = ? WHERE id = ?')
    .bind(status, paymentId ?? null, Date.now(), orderId)
    .run();
}

/**
 * Confirmed: stock committed, money secured (or pay on delivery recorded). In the same batch the
 * vendor orders become visible to their vendors and `order.confirmed` is written, both only if
 * this call made the move.
 */
export async function confirmOrder(db: D1Database, order: CreatedOrder, paymentStatus: PaymentStatus): Promise<void> {
  const now = Date.now();
  // Where it goes travels with the event: logistics creates the shipments from it.
  const delivery = await db
    .prepare('SELECT shipping_address_id AS shippingAddressId, pickup_station_id AS pickupStationId FROM orders WHERE id = ?')
    .bind(order.orderId)
    .first<{ shippingAddressId: string | null; pickupStationId: string | null }>();
  await moveOrder(db, {
    orderId: order.orderId,
    to: 'confirmed',
    actor: 'checkout',
    set: { payment_status: paymentStatus },
    now,
    also: (guard) => [
      db
        .prepare(`UPDATE vendor_orders SET confirmed_at = ?, updated_at = ? WHERE order_id = ? AND ${guard.sql}`)
        .bind(now, now, order.orderId, ...guard.args),
      guardedOutbox(
        db,
        OrderConfirmed,
        {
          orderId: order.orderId,
          userId: order.userId,
          amount: order.total,
          currency: order.currency,
          paymentMethod: order.paymentMethod,
          vendorOrders: order.vendorOrders.map((v) => ({
            vendorOrderId: v.vendorOrderId,
            vendorId: v.vendorId,
            subtotal: v.subtotal,
            deliveryFee: v.deliveryFee,
          })),
          ...(delivery ? { delivery } : {}),
        },
        guard,
        now,
      ),
    ],
  });
}

/**
 * The checkout gave up: the order and its vendor orders end `cancelled` with a stable reason
 * (and the SKUs behind it), and `order.cancelled` goes out once. Cancelling twice changes nothing.
 */
export async function cancelCheckout(
  db: D1Database,
  input: { orderId: string; userId: string; reason: string; skuIds?: string[]; paymentStatus?: PaymentStatus },
): Promise<void> {
  const now = Date.now();
  await moveOrder(db, {
    orderId: input.orderId,
    to: 'cancelled',
    actor: 'checkout',
    reason: input.reason,
    now,
    set: {
      cancel_reason: input.reason,
      cancel_skus: input.skuIds?.length ? JSON.stringify(input.skuIds) : null,
      ...(input.paymentStatus ? { payment_status: input.paymentStatus } : {}),
    },
    also: (guard) => [
      db
        .prepare(
          `UPDATE vendor_orders SET status = 'cancelled', updated_at = ? WHERE order_id = ? AND status = 'pending' AND ${guard.sql}`,
        )
        .bind(now, input.orderId, ...guard.args),
      guardedOutbox(
        db,
        OrderCancelled,
        {
          orderId: input.orderId,
          userId: input.userId,
          reason: input.reason,
          ...(input.skuIds?.length ? { skuIds: input.skuIds } : {}),
        },
        guard,
        now,
      ),
    ],
  });
}
