import type { EventOf, OrderCancelled, OrderConfirmed } from '@linked-all/events';
import { outboxStatement } from '@linked-all/events';
import { log, newId } from '@linked-all/http';
import { ShipmentCancelled, ShipmentCreated } from '../../contract';
import { codeHash, collectionCode } from './collection-code';
import { moveData, moveShipment } from './move-shipment';
import { secret } from './secrets';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** LA-XXXX-XXXX: 40 random bits, readable over the phone (no I, L, O, U). */
export function newTrackingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const chars = Array.from(bytes, (b) => CROCKFORD[b % 32]).join('');
  return `LA-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

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
  const db = env.DB;
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
    const id = newId('shp', now);
    const trackingCode = newTrackingCode();
    const hash = await codeHash(id, await collectionCode(secret(env.COLLECTION_CODE_SECRET, 'COLLECTION_CODE_SECRET'), id));
    statements.push(
      db
        .prepare(
          `INSERT INTO shipments (id, tracking_code, order_id, vendor_order_id, vendor_id, user_id, method, shipping_address_id,
                                  pickup_station_id, status, payment_method, cod_amount, currency, code_hash, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'awaiting_pickup', ?, ?, ?, ?, ?, ?)
           ON CONFLICT (vendor_order_id) WHERE kind = 'delivery' DO NOTHING`,
        )
        .bind(
          id,
          trackingCode,
          data.orderId,
          vo.vendorOrderId,
          vo.vendorId,
          data.userId,
          method,
          delivery.shippingAddressId,
          delivery.pickupStationId,
          data.paymentMethod,
          // The rider collects the goods and the delivery fee (orders from before fees carry none).
          data.paymentMethod === 'pay_on_delivery' ? vo.subtotal + (vo.deliveryFee ?? 0) : 0,
          data.currency,
          hash,
          now,
          now,
        ),
      db
        .prepare(
          `INSERT INTO shipment_transitions (id, shipment_id, from_status, to_status, actor, reason, created_at)
           SELECT ?, ?, 'awaiting_pickup', 'awaiting_pickup', 'logistics', 'order confirmed', ? WHERE EXISTS (SELECT 1 FROM shipments WHERE id = ?)`,
        )
        .bind(newId('str', now), id, now, id),
      outboxStatement(
        db,
        ShipmentCreated,
        {
          shipmentId: id,
          trackingCode,
          orderId: data.orderId,
          vendorOrderId: vo.vendorOrderId,
          vendorId: vo.vendorId,
          userId: data.userId,
          method,
          pickupStationId: delivery.pickupStationId,
        },
        { now, when: { sql: 'EXISTS (SELECT 1 FROM shipments WHERE id = ?)', args: [id] } },
      ),
    );
  }
  const results = await db.batch(statements);
  return results.filter((_, i) => i % 3 === 0).reduce((n, r) => n + r.meta.changes, 0);
}

/**
 * order.cancelled → the shipments of the cancelled order (or vendor order) that have not left the
 * vendor are cancelled. One that already moved is left alone: orders refuses to cancel a shipped
 * vendor order, so such an event names only parcels still at the vendor.
 */
export async function cancelShipments(db: D1Database, event: EventOf<typeof OrderCancelled>, now = Date.now()): Promise<void> {
  const { data } = event;
  const { results } = await db
    .prepare(
      `SELECT id FROM shipments WHERE order_id = ? AND (?2 IS NULL OR vendor_order_id = ?2) AND status = 'awaiting_pickup' AND kind = 'delivery'`,
    )
    .bind(data.orderId, data.vendorOrderId ?? null)
    .all<{ id: string }>();
  for (const { id } of results) {
    await moveShipment(db, {
      shipmentId: id,
      to: 'cancelled',
      actor: 'logistics',
      reason: data.reason,
      event: ShipmentCancelled,
      data: (ref) => ({ ...moveData(ref, 'awaiting_pickup', 'logistics'), reason: data.reason }),
      now,
    });
  }
}
