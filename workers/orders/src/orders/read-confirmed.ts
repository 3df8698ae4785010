import { qualified } from '@linked-all/db';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ConfirmedCursor, ConfirmedOrders } from '../../contract';
import { orm } from '../db/orm';
import { orderLines, orderTransitions } from '../db/schema';

// A confirmation is read only once it is this old: a transition written a moment earlier by a
// slower request (ids and clocks of different isolates) cannot land behind a cursor that moved on.
const SETTLE_MS = 30_000;
const ProductIds = z.array(z.string());

/**
 * Orders confirmed after `after`, oldest first, from the append-only transitions log (an order
 * confirmed late, after a slow mobile-money payment, is read when its confirmation happens).
 */
export async function readConfirmedOrders(
  db: D1Database,
  after: ConfirmedCursor | null,
  limit: number,
  now = Date.now(),
): Promise<ConfirmedOrders> {
  const t = orderTransitions;
  const l = orderLines;
  const results = await orm(db)
    .select({
      id: t.id,
      order_id: t.orderId,
      created_at: t.createdAt,
      product_ids: sql<string>`(SELECT json_group_array(DISTINCT ${l.productId}) FROM ${l} WHERE ${qualified(l.orderId)} = ${qualified(t.orderId)})`,
    })
    .from(t)
    .where(
      and(
        isNull(t.vendorOrderId),
        eq(t.toStatus, 'confirmed'),
        lt(t.createdAt, now - SETTLE_MS),
        after ? or(gt(t.createdAt, after.k), and(eq(t.createdAt, after.k), gt(t.id, after.id))) : undefined,
      ),
    )
    .orderBy(t.createdAt, t.id)
    .limit(limit);
  const last = results.at(-1);
  return {
    items: results.map((r) => ({ orderId: r.order_id, productIds: ProductIds.parse(JSON.parse(r.product_ids)) })),
    next: last ? { k: last.created_at, id: last.id } : after,
  };
}
