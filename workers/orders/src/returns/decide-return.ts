import { ReturnAccepted, ReturnRefused } from '@linked-all/events';
import { AppError, traced } from '@linked-all/http';
import { callPayments } from '../service-calls';
import { moveReturn } from './return-moves';

/** Who decides: the vendor whose return it is, or an admin (any return). */
export type Decider = { vendorId: string } | { adminId: string };

export type ReturnRow = {
  id: string;
  orderId: string;
  vendorOrderId: string;
  vendorId: string;
  userId: string;
  status: string;
  method: 'home' | 'station';
  shippingAddressId: string | null;
  pickupStationId: string | null;
  currency: string;
  goods: number;
};

/** The return if the decider may act on it; another vendor's is a 404, exactly like a missing one. */
export async function returnFor(db: D1Database, returnId: string, who: Decider): Promise<ReturnRow> {
  const row = await db
    .prepare(
      `SELECT id, order_id AS orderId, vendor_order_id AS vendorOrderId, vendor_id AS vendorId, user_id AS userId, status,
              method, shipping_address_id AS shippingAddressId, pickup_station_id AS pickupStationId, currency, goods
         FROM returns WHERE id = ?`,
    )
    .bind(returnId)
    .first<ReturnRow>();
  if (!row || ('vendorId' in who && row.vendorId !== who.vendorId))
    throw new AppError('not_found', `You have no return ${returnId}`);
  return row;
}

export const actorOf = (who: Decider) => ('vendorId' in who ? who.vendorId : who.adminId);

const refOf = (r: ReturnRow) => ({
  returnId: r.id,
  orderId: r.orderId,
  userId: r.userId,
  vendorOrderId: r.vendorOrderId,
  vendorId: r.vendorId,
});

/** Accepted: `return.accepted` tells logistics to book the return shipment (collection or station drop-off). */
export async function acceptReturn(db: D1Database, returnId: string, who: Decider) {
  const r = await returnFor(db, returnId, who);
  await moveReturn(db, {
    returnId,
    to: 'accepted',
    actor: actorOf(who),
    set: { decided_by: actorOf(who) },
    event: ReturnAccepted,
    data: {
      ...refOf(r),
      method: r.method,
      shippingAddressId: r.shippingAddressId,
      pickupStationId: r.pickupStationId,
      currency: r.currency,
    },
  });
}

/** Refused with a reason the shopper sees; the units may be asked for again, and the vendor's release goes ahead. */
export async function refuseReturn(env: Pick<OrdersEnv, 'DB' | 'PAYMENTS'>, returnId: string, who: Decider, reason: string) {
  const db = env.DB;
  const r = await returnFor(db, returnId, who);
  await moveReturn(db, {
    returnId,
    to: 'refused',
    actor: actorOf(who),
    reason,
    set: { decided_by: actorOf(who), refusal_reason: reason },
    event: ReturnRefused,
    data: { ...refOf(r), reason },
  });
  // Also after a repeated refusal: the hold of a return that is refused for good must end.
  await callPayments(() => traced(env.PAYMENTS).dropReleaseHold({ returnId }));
}

export { refOf };
