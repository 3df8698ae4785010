import { OrderCancelled, OrderRefunded } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import { restockStock } from '../checkout/stock';
import { guardedOutbox } from './guarded-outbox';
import type { VendorOrderStatus } from './state-machine';
import { moveVendorOrder } from './transitions';

/** Vendor orders that can still be dropped: nothing has left the vendor yet. */
export const BEFORE_SHIPMENT: readonly VendorOrderStatus[] = ['pending', 'accepted', 'ready'];

type Drop = {
  orderId: string;
  userId: string;
  vendorOrderId: string;
  /** `rejected` (the vendor said no) or `cancelled` (the shopper changed their mind). */
  as: 'rejected' | 'cancelled';
  actor: string;
  reason: string;
};

/**
 * Drops one vendor order before it ships: puts its stock back (committed units on hand, holds
 * released), gives its share back
 * through payments (a refund when money was captured; for pay on delivery payments just closes
 * it), then moves it (`rejected`, or `refunded`/`cancelled` for a shopper's cancel) with its
 * events, and the order's rollup. Payments is asked first and is idempotent by vendor order, so
 * a retry after a crash between the two finishes the job without paying twice.
 */
export async function dropVendorOrder(env: Pick<OrdersEnv, 'DB' | 'INVENTORY' | 'PAYMENTS'>, drop: Drop): Promise<void> {
  const db = env.DB;
  const order = await db
    .prepare('SELECT payment_status AS paymentStatus FROM orders WHERE id = ?')
    .bind(drop.orderId)
    .first<{ paymentStatus: string }>();
  const current = await db
    .prepare('SELECT status, currency FROM vendor_orders WHERE id = ? AND order_id = ?')
    .bind(drop.vendorOrderId, drop.orderId)
    .first<{ status: VendorOrderStatus; currency: string }>();
  if (!order || !current) throw new AppError('not_found', `No vendor order ${drop.vendorOrderId}`);
  if (!BEFORE_SHIPMENT.includes(current.status)) {
    throw new AppError('invalid_transition', `The vendor order is ${current.status} and can no longer be ${drop.as}`, {
      from: current.status,
      to: drop.as,
    });
  }
  const skus = await db
    .prepare('SELECT sku_id AS skuId FROM order_lines WHERE vendor_order_id = ?')
    .bind(drop.vendorOrderId)
    .all<{ skuId: string }>();
  let refunded = 0;
  if (['captured', 'partially_refunded', 'pay_on_delivery'].includes(order.paymentStatus)) {
    const result = await env.PAYMENTS.refund({ orderId: drop.orderId, vendorOrderId: drop.vendorOrderId, reason: drop.reason });
    if (!result.ok) {
      throw new AppError(
        'upstream_unavailable',
        `Payments could not refund vendor order ${drop.vendorOrderId}: ${result.reason}`,
      );
    }
    refunded = result.refunded;
  }
  // After the refund (a refused refund leaves the vendor order, and its stock, as they were) and
  // before the move (a retry after a crash in between returns nothing twice: restock is once per
  // order and SKU). A SKU belongs to one vendor, so these are this vendor order's units only.
  await restockStock(
    env,
    drop.orderId,
    skus.results.map((s) => s.skuId),
  );
  const to: VendorOrderStatus = drop.as === 'rejected' ? 'rejected' : refunded > 0 ? 'refunded' : 'cancelled';
  const now = Date.now();
  await moveVendorOrder(db, {
    vendorOrderId: drop.vendorOrderId,
    to,
    from: BEFORE_SHIPMENT,
    actor: drop.actor,
    reason: drop.reason,
    now,
    also: (guard) => [
      db
        .prepare(
          `UPDATE orders SET payment_status = CASE
             WHEN ? > 0 AND payment_status IN ('captured', 'partially_refunded') THEN
               CASE WHEN EXISTS (SELECT 1 FROM vendor_orders WHERE order_id = ? AND status NOT IN ('rejected', 'cancelled', 'refunded'))
                    THEN 'partially_refunded' ELSE 'refunded' END
             ELSE payment_status END
           WHERE id = ? AND ${guard.sql}`,
        )
        .bind(refunded, drop.orderId, drop.orderId, ...guard.args),
      guardedOutbox(
        db,
        OrderCancelled,
        { orderId: drop.orderId, userId: drop.userId, vendorOrderId: drop.vendorOrderId, reason: drop.reason },
        guard,
        now,
      ),
      ...(refunded > 0
        ? [
            guardedOutbox(
              db,
              OrderRefunded,
              {
                orderId: drop.orderId,
                userId: drop.userId,
                vendorOrderId: drop.vendorOrderId,
                amount: refunded,
                currency: current.currency,
                reason: drop.reason,
              },
              guard,
              now,
            ),
          ]
        : []),
    ],
  });
}
