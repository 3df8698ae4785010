import type { EventOf, OrderCancelled, OrderConfirmed } from '@linked-all/events';
import { log } from '@linked-all/http';
import { and, eq, or } from 'drizzle-orm';
import { ShipmentCancelled } from '../../contract';
import { orm } from '../db/orm';
import { orderCancellations, shipments } from '../db/schema';
import { moveData, moveShipment } from './move-shipment';
import { newShipmentStatements } from './new-shipment';

/**
 * order.confirmed → one shipment per vendor order, awaiting pickup at the vendor, each with its
 * tracking code and the hash of its collection code. Idempotent: vendor_order_id is unique, and
 * `shipment.created` is written only when this call's row is the one that landed.
 */
export async function createShipments(
  env: Pick<LogisticsEnv, 'DB' | 'COLLECTION_CODE_SECRET'>,
  event: EventOf<typeof OrderConfirmed>,
  now = Date.now(),
): Promise<number> {
  const { data } = event;
  const delivery = data.delivery;
  if (!delivery || (delivery.shippingAddressId === null) === (delivery.pickupStationId === null)) {
    // Orders confirmed before order.confirmed carried `delivery`: nothing to ship to. Logged, not retried.
    log('warn', 'order.confirmed without a delivery destination; no shipment created', { orderId: data.orderId });
    return 0;
  }
  const method = delivery.pickupStationId ? 'station' : 'home';
  const statements: D1PreparedStatement[] = [];
  for (const vo of data.vendorOrders) {
    statements.push(
      ...(await newShipmentStatements(
        env,
        {
          orderId: data.orderId,
          vendorOrderId: vo.vendorOrderId,
          vendorId: vo.vendorId,
          userId: data.userId,
          method,
          shippingAddressId: delivery.shippingAddressId,
          pickupStationId: delivery.pickupStationId,
          paymentMethod: data.paymentMethod,
          // The rider collects the goods and the delivery fee (orders from before fees carry none).
          codAmount: data.paymentMethod === 'pay_on_delivery' ? vo.subtotal + (vo.deliveryFee ?? 0) : 0,
          currency: data.currency,
          reason: 'order confirmed',
        },
        now,
      )),
    );
  }
  const results = await env.DB.batch(statements);
  // A cancellation heard first is remembered: the new parcels of a cancelled vendor order stop here
  // (a millisecond later than their creation, so the timeline reads created, then cancelled).
  await cancelRemembered(env.DB, data.orderId, Math.max(Date.now(), now + 1));
  return results.filter((_, i) => i % 3 === 0).reduce((n, r) => n + r.meta.changes, 0);
}

/**
 * order.cancelled → the shipments of the cancelled order (or vendor order) that have not left the
 * vendor are cancelled. One that already moved is left alone: orders refuses to cancel a shipped
 * vendor order, so such an event names only parcels still at the vendor. The cancellation is
 * written down first, so a shipment that order.confirmed creates afterwards (events out of order)
 * is cancelled by createShipments; whichever runs second sees the other's row.
 */
export async function cancelShipments(db: D1Database, event: EventOf<typeof OrderCancelled>, now = Date.now()): Promise<void> {
  const { data } = event;
  await orm(db)
    .insert(orderCancellations)
    .values({ orderId: data.orderId, vendorOrderId: data.vendorOrderId ?? WHOLE_ORDER, reason: data.reason, createdAt: now })
    .onConflictDoNothing();
  await cancelRemembered(db, data.orderId, now);
}

const WHOLE_ORDER = '*';

/** Cancels the order's delivery shipments still at the vendor whose vendor order (or whole order) was cancelled. */
async function cancelRemembered(db: D1Database, orderId: string, now: number): Promise<void> {
  const c = orderCancellations;
  const results = await orm(db)
    .select({ id: shipments.id, reason: c.reason })
    .from(shipments)
    .innerJoin(
      c,
      and(eq(c.orderId, shipments.orderId), or(eq(c.vendorOrderId, shipments.vendorOrderId), eq(c.vendorOrderId, WHOLE_ORDER))),
    )
    .where(and(eq(shipments.orderId, orderId), eq(shipments.status, 'awaiting_pickup'), eq(shipments.kind, 'delivery')));
  for (const { id, reason } of results) {
    await moveShipment(db, {
      shipmentId: id,
      to: 'cancelled',
      actor: 'logistics',
      reason,
      event: ShipmentCancelled,
      data: (ref) => ({ ...moveData(ref, 'awaiting_pickup', 'logistics'), reason }),
      now,
    });
  }
}
