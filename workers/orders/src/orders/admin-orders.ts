import { AppError } from '@linked-all/http';
import type { OrderView } from '../../contract';
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
  const where: string[] = [];
  const args: unknown[] = [];
  if (search.orderId) {
    where.push('id = ?');
    args.push(search.orderId);
  }
  if (search.vendorOrderId) {
    where.push('id = (SELECT order_id FROM vendor_orders WHERE id = ?)');
    args.push(search.vendorOrderId);
  }
  const users = (search.userIds ?? []).slice(0, 20);
  if (users.length) {
    where.push(`user_id IN (${users.map(() => '?').join(', ')})`);
    args.push(...users);
  }
  if (where.length === 0) return [];
  const { results } = await db
    .prepare(
      `SELECT id, user_id, status, total, currency, created_at FROM orders WHERE ${where.join(' OR ')}
        ORDER BY created_at DESC, id DESC LIMIT 50`,
    )
    .bind(...args)
    .all<{ id: string; user_id: string; status: string; total: number; currency: string | null; created_at: number }>();
  return results.map((r) => ({
    id: r.id,
    userId: r.user_id,
    status: r.status,
    total: r.total,
    currency: r.currency,
    createdAt: new Date(r.created_at).toISOString(),
  }));
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
  const owner = await db.prepare('SELECT user_id FROM orders WHERE id = ?').bind(orderId).first<{ user_id: string }>();
  if (!owner) return null;
  const [order, steps] = await Promise.all([
    getOwnOrder(db, orderId, owner.user_id),
    db
      .prepare(
        `SELECT vendor_order_id, from_status, to_status, actor, reason, created_at FROM order_transitions
          WHERE order_id = ? ORDER BY created_at, id`,
      )
      .bind(orderId)
      .all<{
        vendor_order_id: string | null;
        from_status: string;
        to_status: string;
        actor: string;
        reason: string | null;
        created_at: number;
      }>(),
  ]);
  return {
    order,
    userId: owner.user_id,
    steps: steps.results.map((s) => ({
      at: new Date(s.created_at).toISOString(),
      vendorOrderId: s.vendor_order_id,
      from: s.from_status,
      to: s.to_status,
      actor: s.actor,
      reason: s.reason,
    })),
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
  const row = await env.DB.prepare(
    'SELECT v.order_id, o.user_id FROM vendor_orders v JOIN orders o ON o.id = v.order_id WHERE v.id = ?',
  )
    .bind(input.vendorOrderId)
    .first<{ order_id: string; user_id: string }>();
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
  const after = await env.DB.prepare('SELECT status FROM vendor_orders WHERE id = ?')
    .bind(input.vendorOrderId)
    .first<{ status: string }>();
  return { orderId: row.order_id, vendorOrderId: input.vendorOrderId, status: after?.status ?? 'cancelled' };
}
