import { OrderDelivered, OrderShipped } from '@linked-all/events';
import { AppError, traced } from '@linked-all/http';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { VendorOrderStatus } from '../../contract';
import { restockStock } from '../checkout/stock';
import { orm } from '../db/orm';
import { orderLines, orders, vendorOrders } from '../db/schema';
import { callPayments } from '../service-calls';
import { droppedStatements, dropVendorOrder, PAID } from './drop-vendor-order';
import { guardedOutbox } from './guarded-outbox';
import { moveVendorOrder } from './transitions';

type VendorOrderRef = { id: string; orderId: string; vendorId: string; userId: string };

/** The vendor order if it is `vendorId`'s and confirmed; another vendor's is a 404, never a 403. */
export async function ownVendorOrder(db: D1Database, vendorOrderId: string, vendorId?: string): Promise<VendorOrderRef> {
  const row = await orm(db)
    .select({ id: vendorOrders.id, orderId: vendorOrders.orderId, vendorId: vendorOrders.vendorId, userId: orders.userId })
    .from(vendorOrders)
    .innerJoin(orders, eq(orders.id, vendorOrders.orderId))
    .where(and(eq(vendorOrders.id, vendorOrderId), isNotNull(vendorOrders.confirmedAt)))
    .get();
  if (!row || (vendorId !== undefined && row.vendorId !== vendorId)) {
    throw new AppError('not_found', `You have no order ${vendorOrderId}`);
  }
  return row;
}

/** accept | ready: a plain move by the vendor; `applied` is false when it was already in that status. */
export async function vendorMove(db: D1Database, input: { vendorOrderId: string; vendorId: string; to: 'accepted' | 'ready' }) {
  await ownVendorOrder(db, input.vendorOrderId, input.vendorId);
  return moveVendorOrder(db, { vendorOrderId: input.vendorOrderId, to: input.to, actor: input.vendorId });
}

/** The vendor cannot fulfil it: stock freed if held, its share refunded, the order partially cancelled (or cancelled). */
export async function rejectVendorOrder(
  env: Pick<OrdersEnv, 'DB' | 'INVENTORY' | 'PAYMENTS'>,
  input: { vendorOrderId: string; vendorId: string; reason: string },
) {
  const ref = await ownVendorOrder(env.DB, input.vendorOrderId, input.vendorId);
  await dropVendorOrder(env, {
    orderId: ref.orderId,
    userId: ref.userId,
    vendorOrderId: ref.id,
    as: 'rejected',
    actor: input.vendorId,
    reason: input.reason,
  });
}

/** Logistics picked it up (RPC from logistics; there is no HTTP route for it). */
export async function markShipped(db: D1Database, vendorOrderId: string): Promise<{ status: VendorOrderStatus }> {
  const ref = await ownVendorOrder(db, vendorOrderId);
  const now = Date.now();
  await moveVendorOrder(db, {
    vendorOrderId,
    to: 'shipped',
    actor: 'logistics',
    now,
    also: (guard) => [
      guardedOutbox(
        db,
        OrderShipped,
        { orderId: ref.orderId, userId: ref.userId, vendorOrderId, vendorId: ref.vendorId },
        guard,
        now,
      ),
    ],
  });
  return { status: 'shipped' };
}

/** The shopper has it: the vendor order is delivered and payments starts its return window. */
export async function markDelivered(
  env: Pick<OrdersEnv, 'DB' | 'PAYMENTS'>,
  vendorOrderId: string,
  deliveredAt = new Date(),
): Promise<{ status: VendorOrderStatus }> {
  const db = env.DB;
  const ref = await ownVendorOrder(db, vendorOrderId);
  const now = deliveredAt.getTime();
  await moveVendorOrder(db, {
    vendorOrderId,
    to: 'delivered',
    actor: 'logistics',
    now,
    also: (guard) => [
      guardedOutbox(
        db,
        OrderDelivered,
        { orderId: ref.orderId, userId: ref.userId, vendorOrderId, vendorId: ref.vendorId },
        guard,
        now,
      ),
    ],
  });
  // After the move, and idempotent by vendor order: a retry of a half-done call still tells payments.
  await callPayments(() => traced(env.PAYMENTS).delivered({ vendorOrderId, deliveredAt }));
  return { status: 'delivered' };
}

/**
 * Logistics brought the parcel back to the vendor (delivery failed too often, or nobody collected
 * it at the station): the shopper gets the vendor order's money back, goods and delivery fee, from
 * the vendor's pending balance (nothing moves for an uncollected pay-on-delivery order), the units
 * go back on hand, and the vendor order ends `refunded` (`cancelled` when nothing had been paid).
 * Every part is idempotent (refund by vendor order, restock by reservation, the move by status),
 * so logistics calls it before it moves the shipment and may call it again after any failure.
 */
export async function markReturned(
  env: Pick<OrdersEnv, 'DB' | 'INVENTORY' | 'PAYMENTS'>,
  vendorOrderId: string,
): Promise<{ status: VendorOrderStatus }> {
  const db = env.DB;
  const ref = await ownVendorOrder(db, vendorOrderId);
  const [row, skus] = await Promise.all([
    orm(db)
      .select({ status: vendorOrders.status, currency: vendorOrders.currency, paymentStatus: orders.paymentStatus })
      .from(vendorOrders)
      .innerJoin(orders, eq(orders.id, vendorOrders.orderId))
      .where(eq(vendorOrders.id, vendorOrderId))
      .get(),
    orm(db).select({ skuId: orderLines.skuId }).from(orderLines).where(eq(orderLines.vendorOrderId, vendorOrderId)),
  ]);
  if (!row) throw new AppError('not_found', `No vendor order ${vendorOrderId}`);
  // Already returned: answer as before.
  if (row.status === 'refunded' || row.status === 'cancelled') return { status: row.status };
  if (row.status !== 'shipped') {
    throw new AppError('invalid_transition', `The vendor order is ${row.status}: only a shipped parcel comes back`, {
      from: row.status,
      to: 'refunded',
    });
  }
  const reason = 'returned_to_vendor';
  let refunded = 0;
  if (PAID.includes(row.paymentStatus)) {
    const result = await callPayments(() => traced(env.PAYMENTS).refund({ orderId: ref.orderId, vendorOrderId, reason }));
    if (!result.ok) {
      throw new AppError('upstream_unavailable', `Payments could not refund vendor order ${vendorOrderId}: ${result.reason}`);
    }
    refunded = result.refunded;
  }
  await restockStock(
    env,
    ref.orderId,
    skus.map((s) => s.skuId),
  );
  const to: VendorOrderStatus = refunded > 0 ? 'refunded' : 'cancelled';
  const now = Date.now();
  await moveVendorOrder(db, {
    vendorOrderId,
    to,
    from: ['shipped'],
    actor: 'logistics',
    reason,
    now,
    also: (guard) =>
      droppedStatements(db, guard, {
        orderId: ref.orderId,
        userId: ref.userId,
        vendorOrderId,
        refunded,
        currency: row.currency,
        reason,
        now,
      }),
  });
  return { status: to };
}
