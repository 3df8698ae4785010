import { statement } from '@linked-all/db';
import { and, desc, eq, gte, or, sql } from 'drizzle-orm';
import { orm } from '../db/orm';
import { orderViews } from '../db/schema';
import type { NotifiedEvent } from './mapping';
import { orderRef } from './render';

// order_views: vendor orders as the events told us. Events of one vendor order arrive on two
// queues (order.confirmed by the fan-out, shipment.* directly) in any order, so every write is an
// upsert: order.confirmed brings the amount, shipment.* the status and the tracking code.

/** Applies one event to the projection (idempotent: replaying it writes the same row). */
export async function project(db: D1Database, event: NotifiedEvent): Promise<void> {
  const at = Date.parse(event.occurredAt);
  switch (event.type) {
    case 'order.confirmed': {
      const d = event.data;
      if (d.vendorOrders.length === 0) return;
      await db.batch(
        d.vendorOrders.map((vo) =>
          statement(
            db,
            orm(db)
              .insert(orderViews)
              .values({
                vendorOrderId: vo.vendorOrderId,
                orderId: d.orderId,
                userId: d.userId,
                vendorId: vo.vendorId,
                ref: orderRef(d.orderId),
                amount: vo.subtotal,
                currency: d.currency,
                status: 'confirmed',
                trackingCode: null,
                confirmedAt: at,
                updatedAt: at,
              })
              .onConflictDoUpdate({
                target: orderViews.vendorOrderId,
                set: { amount: sql`excluded.amount`, currency: sql`excluded.currency`, confirmedAt: sql`excluded.confirmed_at` },
              }),
          ),
        ),
      );
      return;
    }
    case 'order.cancelled': {
      const { orderId, vendorOrderId } = event.data;
      await orm(db)
        .update(orderViews)
        .set({ status: 'cancelled', updatedAt: at })
        .where(and(eq(orderViews.orderId, orderId), vendorOrderId ? eq(orderViews.vendorOrderId, vendorOrderId) : undefined));
      return;
    }
    default:
      if (event.type.startsWith('shipment.') && 'trackingCode' in event.data) {
        const d = event.data;
        const status = event.type === 'shipment.created' ? 'confirmed' : event.type.slice('shipment.'.length);
        // Amount and currency are order.confirmed's to write; a move arriving first holds their place.
        await orm(db)
          .insert(orderViews)
          .values({
            vendorOrderId: d.vendorOrderId,
            orderId: d.orderId,
            userId: d.userId,
            vendorId: d.vendorId,
            ref: orderRef(d.orderId),
            amount: 0,
            currency: '',
            status,
            trackingCode: d.trackingCode,
            confirmedAt: at,
            updatedAt: at,
          })
          .onConflictDoUpdate({
            target: orderViews.vendorOrderId,
            set: { status: sql`excluded.status`, trackingCode: sql`excluded.tracking_code`, updatedAt: sql`excluded.updated_at` },
            // An older move arriving late changes nothing.
            setWhere: sql`${orderViews.updatedAt} <= excluded.updated_at`,
          });
      }
  }
}

export type OrderView = { ref: string; status: string; trackingCode: string | null; vendorOrderId: string };

const VIEW = {
  ref: orderViews.ref,
  status: orderViews.status,
  trackingCode: orderViews.trackingCode,
  vendorOrderId: orderViews.vendorOrderId,
} satisfies Record<keyof OrderView, unknown>;

/** The user's last vendor orders, newest first. */
export async function lastOrders(db: D1Database, userId: string, limit = 5): Promise<OrderView[]> {
  return orm(db)
    .select(VIEW)
    .from(orderViews)
    .where(eq(orderViews.userId, userId))
    .orderBy(desc(orderViews.confirmedAt), desc(orderViews.vendorOrderId))
    .limit(limit);
}

/** One of the user's orders by tracking code or order reference; another user's is not found. */
export async function findOwnOrder(db: D1Database, userId: string, code: string): Promise<OrderView | null> {
  const view = await orm(db)
    .select(VIEW)
    .from(orderViews)
    .where(and(eq(orderViews.userId, userId), or(eq(orderViews.trackingCode, code), eq(orderViews.ref, code))))
    .orderBy(desc(orderViews.confirmedAt))
    .limit(1)
    .get();
  return view ?? null;
}

/** A vendor's orders confirmed since `since`, newest first. */
export async function vendorOrdersSince(db: D1Database, vendorId: string, since: number): Promise<string[]> {
  const rows = await orm(db)
    .select({ id: orderViews.vendorOrderId })
    .from(orderViews)
    .where(and(eq(orderViews.vendorId, vendorId), gte(orderViews.confirmedAt, since)))
    .orderBy(desc(orderViews.confirmedAt))
    .limit(10);
  return rows.map((r) => orderRef(r.id));
}
