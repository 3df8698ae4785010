import { bound, inJson } from '@linked-all/db';
import { AppError, keyset } from '@linked-all/http';
import { and, desc, eq, sql } from 'drizzle-orm';
import { RESTOCKED_CONDITIONS, type ReturnStatus, type ReturnView } from '../../contract';
import { orm } from '../db/orm';
import { orderLines, orders, returnLines, returns } from '../db/schema';
import { iso, money } from '../orders/views';

type Row = typeof returns.$inferSelect;

async function views(db: D1Database, rows: Row[]): Promise<ReturnView[]> {
  if (rows.length === 0) return [];
  const rl = returnLines;
  const ol = orderLines;
  const lines = await orm(db)
    .select({ returnId: rl.returnId, skuId: rl.skuId, quantity: rl.quantity, unitPrice: rl.unitPrice, title: ol.title })
    .from(rl)
    .leftJoin(ol, and(eq(ol.vendorOrderId, rl.vendorOrderId), eq(ol.skuId, rl.skuId)))
    .where(
      inJson(
        rl.returnId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(ol.position);
  return rows.map((r) => ({
    id: r.id,
    orderId: r.orderId,
    vendorOrderId: r.vendorOrderId,
    vendorId: r.vendorId,
    status: r.status,
    reason: r.reason,
    note: r.note,
    photos: JSON.parse(r.photos) as string[],
    method: r.method,
    pickupStationId: r.pickupStationId,
    lines: lines
      .filter((l) => l.returnId === r.id)
      .map((l) => ({
        skuId: l.skuId,
        title: l.title ?? l.skuId,
        quantity: l.quantity,
        unitPrice: money(l.unitPrice, r.currency),
      })),
    goods: money(r.goods, r.currency),
    refunded: r.refundedAmount === null ? null : money(r.refundedAmount, r.currency),
    windowEndsAt: iso(r.windowEndsAt),
    refusalReason: r.refusalReason,
    condition: r.condition,
    conditionNote: r.conditionNote,
    restocked: r.condition === null ? null : RESTOCKED_CONDITIONS.includes(r.condition),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  }));
}

/** One return, for its shopper, its vendor or an admin (`scope` narrows it; outside it a 404). */
export async function getReturn(db: D1Database, returnId: string, scope: { userId?: string; vendorId?: string } = {}) {
  const row = await orm(db).select().from(returns).where(eq(returns.id, returnId)).get();
  if (!row || (scope.userId && row.userId !== scope.userId) || (scope.vendorId && row.vendorId !== scope.vendorId)) {
    throw new AppError('not_found', `You have no return ${returnId}`);
  }
  const [view] = await views(db, [row]);
  return view as ReturnView;
}

/** The returns of one of my orders, oldest first (an order has a handful at most). */
export async function listOrderReturns(db: D1Database, orderId: string, userId: string) {
  const order = await orm(db)
    .select({ one: sql`1` })
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.userId, userId)))
    .get();
  if (!order) throw new AppError('not_found', `You have no order ${orderId}`);
  const results = await orm(db)
    .select()
    .from(returns)
    .where(and(eq(returns.orderId, orderId), eq(returns.userId, userId)))
    .orderBy(returns.createdAt, returns.id);
  return { items: await views(db, results), nextCursor: null };
}

/** A vendor's returns (or, without `vendorId`, every return: the admin's list), newest first. */
export async function listReturns(
  db: D1Database,
  query: { vendorId?: string; status?: ReturnStatus; limit: number; cursor?: string },
) {
  const after = keyset.after(query.cursor, '"returns"."created_at"', '"returns"."id"');
  const results = await orm(db)
    .select()
    .from(returns)
    .where(
      and(
        query.vendorId ? eq(returns.vendorId, query.vendorId) : undefined,
        query.status ? eq(returns.status, query.status) : undefined,
        after ? bound(after) : undefined,
      ),
    )
    .orderBy(desc(returns.createdAt), desc(returns.id))
    .limit(query.limit + 1);
  const { page, nextCursor } = keyset.page(results, query.limit, (r) => ({ k: r.createdAt, id: r.id }));
  return { items: await views(db, page), nextCursor };
}
