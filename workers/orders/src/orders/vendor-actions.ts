import { OrderDelivered, OrderShipped } from '@linked-all/events';
import { AppError } from '@linked-all/http';
import type { VendorOrderStatus } from '../../contract';
import { callPayments } from '../service-calls';
import { dropVendorOrder } from './drop-vendor-order';
import { guardedOutbox } from './guarded-outbox';
import { moveVendorOrder } from './transitions';

type VendorOrderRef = { id: string; orderId: string; vendorId: string; userId: string };

/** The vendor order if it is `vendorId`'s and confirmed; another vendor's is a 404, never a 403. */
export async function ownVendorOrder(db: D1Database, vendorOrderId: string, vendorId?: string): Promise<VendorOrderRef> {
  const row = await db
    .prepare(
      `SELECT v.id, v.order_id AS orderId, v.vendor_id AS vendorId, o.user_id AS userId
         FROM vendor_orders v JOIN orders o ON o.id = v.order_id
        WHERE v.id = ? AND v.confirmed_at IS NOT NULL`,
    )
    .bind(vendorOrderId)
    .first<VendorOrderRef>();
  if (!row || (vendorId !== undefined && row.vendorId !== vendorId)) {
    throw new AppError('not_found', `You have no order ${vendorOrderId}`);
  }
  return row;
}

/** accept | ready: a plain move by the vendor. */
export async function vendorMove(db: D1Database, input: { vendorOrderId: string; vendorId: string; to: 'accepted' | 'ready' }) {
  await ownVendorOrder(db, input.vendorOrderId, input.vendorId);
  await moveVendorOrder(db, { vendorOrderId: input.vendorOrderId, to: input.to, actor: input.vendorId });
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
  await callPayments(() => env.PAYMENTS.delivered({ vendorOrderId, deliveredAt }));
  return { status: 'delivered' };
}
