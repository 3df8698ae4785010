import { AppError } from '@linked-all/http';
import { desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { OrderView } from '../../contract';
import { orm } from '../db/orm';
import { orders, orderTransitions, vendorOrders } from '../db/schema';
import { dropVendorOrder } from './drop-vendor-order';
import { getOwnOrder } from './read-orders';

// The operators' console: find orders, see an order's whole history, cancel (refunding what was
// paid) one vendor order with a reason. Reads are the console's RPC; the cancel is an admin route.

/** Which orders the console looks for: an order or vendor order id, or the orders of some shoppers. */
export type OrderSearch = { orderId?: string; vendorOrderId?: string; userIds?: string[] };

export type FoundOrder = {
  id: string;
  userId: string;
  status: string;
  total: number;
  currency: string | null;
  createdAt: string;
};

/** Up to 50 orders, newest first, matching any of the search's keys. */
export async function findOrders(db: D1Database, search: OrderSearch): Promise<FoundOrder[]> {
  const where: SQL[] = [];
  if (search.orderId) where.push(eq(orders.id, search.orderId));
  if (search.vendorOrderId) {
    where.push(
      eq(
        orders.id,
        orm(db).select({ orderId: vendorOrders.orderId }).from(vendorOrders).where(eq(vendorOrders.id, search.vendorOrderId)),
      ),
    );
  }
  const users = (search.userIds ?? []).slice(0, 20);
  if (users.length) where.push(inArray(orders.userId, users));
  if (where.length === 0) return [];
  const results = await orm(db)
    .select({
      id: orders.id,
      userId: orders.userId,
      status: orders.status,
      total: orders.total,
      currency: orders.currency,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .where(or(...where))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(50);
  return results.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

/** One step of an order's history as orders keeps it (every status move, who made it and why). */
export type OrderStep = {
  at: string;
  vendorOrderId: string | null;
  from: string;
  to: string;
  actor: string;
  reason: string | null;
};

/** An order as its shopper sees it, plus whose it is and every status move of it and its vendor orders. */
export async function orderWithHistory(
  db: D1Database,
  orderId: string,
): Promise<{ order: OrderView; userId: string; steps: OrderStep[] } | null> {
  const owner = await orm(db).select({ userId: orders.userId }).from(orders).where(eq(orders.id, orderId)).get();
  if (!owner) return null;
  const t = orderTransitions;
  const [order, steps] = await Promise.all([
    getOwnOrder(db, orderId, owner.userId),
    orm(db)
      .select({
        vendorOrderId: t.vendorOrderId,
        from: t.fromStatus,
        to: t.toStatus,
        actor: t.actor,
        reason: t.reason,
        createdAt: t.createdAt,
      })
      .from(t)
      .where(eq(t.orderId, orderId))
      .orderBy(t.createdAt, t.id),
  ]);
  return {
    order,
    userId: owner.userId,
    steps: steps.map(({ createdAt, ...s }) => ({ at: new Date(createdAt).toISOString(), ...s })),
  };
}

/**
 * An operator cancels one vendor order before it ships: the same drop as a shopper's cancel (its
 * share refunded through payments' `refund`, its stock put back), with the operator as actor, the
 * reason, and the audit row in the move's batch.
 */
export async function adminCancelVendorOrder(
  env: Pick<OrdersEnv, 'DB' | 'INVENTORY' | 'PAYMENTS'>,
  input: { vendorOrderId: string; adminId: string; reason: string },
) {
  const row = await orm(env.DB)
    .select({ order_id: vendorOrders.orderId, user_id: orders.userId })
    .from(vendorOrders)
    .innerJoin(orders, eq(orders.id, vendorOrders.orderId))
    .where(eq(vendorOrders.id, input.vendorOrderId))
    .get();
  if (!row) throw new AppError('not_found', `No vendor order ${input.vendorOrderId}`);
  await dropVendorOrder(env, {
    orderId: row.order_id,
    userId: row.user_id,
    vendorOrderId: input.vendorOrderId,
    as: 'cancelled',
    actor: input.adminId,
    reason: input.reason,
    byAdmin: true,
  });
  const after = await orm(env.DB)
    .select({ status: vendorOrders.status })
    .from(vendorOrders)
    .where(eq(vendorOrders.id, input.vendorOrderId))
    .get();
  return { orderId: row.order_id, vendorOrderId: input.vendorOrderId, status: after?.status ?? 'cancelled' };
}
