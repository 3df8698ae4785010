import type { NotifiedEvent } from './mapping';
import { orderRef } from './render';

// order_views: vendor orders as the events told us. Events of one vendor order arrive on two
// queues (order.confirmed by the fan-out, shipment.* directly) in any order, so every write is an
// upsert: order.confirmed brings the amount, shipment.* the status and the tracking code.

const UPSERT_CONFIRMED = `INSERT INTO order_views (vendor_order_id, order_id, user_id, vendor_id, ref, amount, currency, status, tracking_code, confirmed_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, 'confirmed', NULL, ?, ?)
  ON CONFLICT (vendor_order_id) DO UPDATE SET amount = excluded.amount, currency = excluded.currency, confirmed_at = excluded.confirmed_at`;

const UPSERT_MOVE = `INSERT INTO order_views (vendor_order_id, order_id, user_id, vendor_id, ref, amount, currency, status, tracking_code, confirmed_at, updated_at)
  VALUES (?, ?, ?, ?, ?, 0, '', ?, ?, ?, ?)
  ON CONFLICT (vendor_order_id) DO UPDATE SET status = excluded.status, tracking_code = excluded.tracking_code, updated_at = excluded.updated_at
  WHERE order_views.updated_at <= excluded.updated_at`;

/** Applies one event to the projection (idempotent: replaying it writes the same row). */
export async function project(db: D1Database, event: NotifiedEvent): Promise<void> {
  const at = Date.parse(event.occurredAt);
  switch (event.type) {
    case 'order.confirmed': {
      const d = event.data;
      if (d.vendorOrders.length === 0) return;
      await db.batch(
        d.vendorOrders.map((vo) =>
          db
            .prepare(UPSERT_CONFIRMED)
            .bind(vo.vendorOrderId, d.orderId, d.userId, vo.vendorId, orderRef(d.orderId), vo.subtotal, d.currency, at, at),
        ),
      );
      return;
    }
    case 'order.cancelled':
      await db
        .prepare(
          "UPDATE order_views SET status = 'cancelled', updated_at = ? WHERE order_id = ? AND (? IS NULL OR vendor_order_id = ?)",
        )
        .bind(at, event.data.orderId, event.data.vendorOrderId ?? null, event.data.vendorOrderId ?? null)
        .run();
      return;
    default:
      if (event.type.startsWith('shipment.') && 'trackingCode' in event.data) {
        const d = event.data;
        const status = event.type === 'shipment.created' ? 'confirmed' : event.type.slice('shipment.'.length);
        await db
          .prepare(UPSERT_MOVE)
          .bind(d.vendorOrderId, d.orderId, d.userId, d.vendorId, orderRef(d.orderId), status, d.trackingCode, at, at)
          .run();
      }
  }
}

export type OrderView = { ref: string; status: string; trackingCode: string | null; vendorOrderId: string };

/** The user's last vendor orders, newest first. */
export async function lastOrders(db: D1Database, userId: string, limit = 5): Promise<OrderView[]> {
  const { results } = await db
    .prepare(
      `SELECT ref, status, tracking_code AS trackingCode, vendor_order_id AS vendorOrderId FROM order_views
        WHERE user_id = ? ORDER BY confirmed_at DESC, vendor_order_id DESC LIMIT ?`,
    )
    .bind(userId, limit)
    .all<OrderView>();
  return results;
}

/** One of the user's orders by tracking code or order reference; another user's is not found. */
export async function findOwnOrder(db: D1Database, userId: string, code: string): Promise<OrderView | null> {
  return db
    .prepare(
      `SELECT ref, status, tracking_code AS trackingCode, vendor_order_id AS vendorOrderId FROM order_views
        WHERE user_id = ? AND (tracking_code = ? OR ref = ?) ORDER BY confirmed_at DESC LIMIT 1`,
    )
    .bind(userId, code, code)
    .first<OrderView>();
}

/** A vendor's orders confirmed since `since`, newest first. */
export async function vendorOrdersSince(db: D1Database, vendorId: string, since: number): Promise<string[]> {
  const { results } = await db
    .prepare(
      'SELECT vendor_order_id AS id FROM order_views WHERE vendor_id = ? AND confirmed_at >= ? ORDER BY confirmed_at DESC LIMIT 10',
    )
    .bind(vendorId, since)
    .all<{ id: string }>();
  return results.map((r) => orderRef(r.id));
}
