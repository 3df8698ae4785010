import { bound, statement } from '@linked-all/db';
import { OrderCancelled, OrderConfirmed } from '@linked-all/events';
import { and, eq, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { orders, vendorOrders } from '../db/schema';
import { guardedOutbox } from '../orders/guarded-outbox';
import { moveOrder } from '../orders/transitions';
import type { Destination } from './checkout-params';
import type { CreatedOrder } from './create-order';

export type PaymentStatus = 'pending' | 'authorized' | 'captured' | 'pay_on_delivery' | 'voided';

/** The saga is about to take payment (or wait for it). */
export async function markAwaitingPayment(db: D1Database, orderId: string): Promise<void> {
  // Only the saga moves a pending order, and it just priced it: no need to read where it is.
  await moveOrder(db, { orderId, to: 'awaiting_payment', actor: 'checkout', from: 'pending' });
}

/** Records how far the payment got, so the order page and a later cancel know what to undo. */
export async function setPaymentStatus(db: D1Database, orderId: string, status: PaymentStatus, paymentId?: string) {
  await orm(db)
    .update(orders)
    .set({ paymentStatus: status, paymentId: sql`coalesce(${paymentId ?? null}, ${orders.paymentId})`, updatedAt: Date.now() })
    .where(eq(orders.id, orderId));
}

/**
 * Confirmed: stock committed, money secured (or pay on delivery recorded). In the same batch the
 * vendor orders become visible to their vendors and `order.confirmed` is written, both only if
 * this call made the move.
 */
export async function confirmOrder(db: D1Database, order: CreatedOrder, paymentStatus: PaymentStatus): Promise<void> {
  const now = Date.now();
  // Where it goes travels with the event: logistics creates the shipments from it.
  const delivery = order.destination ?? (await destinationOf(db, order.orderId));
  await moveOrder(db, {
    orderId: order.orderId,
    to: 'confirmed',
    actor: 'checkout',
    // Every payment path marks the order awaiting payment before its stock is committed.
    from: 'awaiting_payment',
    set: { paymentStatus },
    now,
    also: (guard) => [
      statement(
        db,
        orm(db)
          .update(vendorOrders)
          .set({ confirmedAt: now, updatedAt: now })
          .where(and(eq(vendorOrders.orderId, order.orderId), bound(guard))),
      ),
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

/** Where an order created before `CreatedOrder` kept its destination goes. */
function destinationOf(db: D1Database, orderId: string): Promise<Destination | undefined> {
  return orm(db)
    .select({ shippingAddressId: orders.shippingAddressId, pickupStationId: orders.pickupStationId })
    .from(orders)
    .where(eq(orders.id, orderId))
    .get();
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
      cancelReason: input.reason,
      cancelSkus: input.skuIds?.length ? JSON.stringify(input.skuIds) : null,
      ...(input.paymentStatus ? { paymentStatus: input.paymentStatus } : {}),
    },
    also: (guard) => [
      statement(
        db,
        orm(db)
          .update(vendorOrders)
          .set({ status: 'cancelled', updatedAt: now })
          .where(and(eq(vendorOrders.orderId, input.orderId), eq(vendorOrders.status, 'pending'), bound(guard))),
      ),
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
