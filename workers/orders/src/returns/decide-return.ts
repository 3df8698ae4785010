import { ReturnAccepted, ReturnRefused } from '@linked-all/events';
import { AppError, traced } from '@linked-all/http';
import { eq } from 'drizzle-orm';
import { orm } from '../db/orm';
import { returns } from '../db/schema';
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
  const row = await orm(db)
    .select({
      id: returns.id,
      orderId: returns.orderId,
      vendorOrderId: returns.vendorOrderId,
      vendorId: returns.vendorId,
      userId: returns.userId,
      status: returns.status,
      method: returns.method,
      shippingAddressId: returns.shippingAddressId,
      pickupStationId: returns.pickupStationId,
      currency: returns.currency,
      goods: returns.goods,
    })
    .from(returns)
    .where(eq(returns.id, returnId))
    .get();
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
    set: { decidedBy: actorOf(who) },
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
    set: { decidedBy: actorOf(who), refusalReason: reason },
    event: ReturnRefused,
    data: { ...refOf(r), reason },
  });
  // Also after a repeated refusal: the hold of a return that is refused for good must end.
  await callPayments(() => traced(env.PAYMENTS).dropReleaseHold({ returnId }));
}

export { refOf };
