import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Purchase } from '../../contract';
import { orm } from '../db/orm';
import { orderLines, orders, orderTransitions, vendorOrders } from '../db/schema';

const ProductIds = z.array(z.string());

/** A vendor order as a purchase (buyer, products, delivery time), or null when there is none. */
export async function readPurchase(db: D1Database, vendorOrderId: string): Promise<Purchase | null> {
  const t = orderTransitions;
  const l = orderLines;
  const row = await orm(db)
    .select({
      id: vendorOrders.id,
      vendor_id: vendorOrders.vendorId,
      status: vendorOrders.status,
      user_id: orders.userId,
      delivered_at: sql<number | null>`(SELECT MIN(${t.createdAt}) FROM ${t}
                WHERE ${t.vendorOrderId} = ${vendorOrders.id} AND ${t.toStatus} = 'delivered')`,
      product_ids: sql<string | null>`(SELECT json_group_array(DISTINCT ${l.productId}) FROM ${l}
                WHERE ${l.vendorOrderId} = ${vendorOrders.id})`,
    })
    .from(vendorOrders)
    .innerJoin(orders, eq(orders.id, vendorOrders.orderId))
    .where(eq(vendorOrders.id, vendorOrderId))
    .get();
  if (!row) return null;
  return {
    vendorOrderId: row.id,
    buyerId: row.user_id,
    vendorId: row.vendor_id,
    status: row.status,
    deliveredAt: row.delivered_at === null ? null : new Date(row.delivered_at).toISOString(),
    productIds: ProductIds.parse(JSON.parse(row.product_ids ?? '[]')),
  };
}
