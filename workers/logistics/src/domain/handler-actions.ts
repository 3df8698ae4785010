import { AppError, ERROR_CODES, type ErrorCode, traced } from '@linked-all/http';
import { eq, sql } from 'drizzle-orm';
import {
  MAX_DELIVERY_ATTEMPTS,
  ShipmentAtStation,
  ShipmentDelivered,
  ShipmentFailed,
  ShipmentOutForDelivery,
  ShipmentPickedUp,
  ShipmentReturned,
} from '../../contract';
import { orm } from '../db/orm';
import { shipments } from '../db/schema';
import { callOrders, callPayments } from '../service-calls';
import { checkCollectionCode, RESET_CODE_FAILURES } from './collection-code';
import { moveData, moveShipment } from './move-shipment';

// What riders and station agents do to a shipment. Each function takes the shipment already
// narrowed to the caller (routes load it with `WHERE rider_id = me` or `my station`), so a
// parcel of someone else's is a 404 before any of this runs.

type Env = Pick<LogisticsEnv, 'DB' | 'ORDERS' | 'PAYMENTS'>;
export type Handled = {
  id: string;
  orderId: string;
  vendorOrderId: string;
  method: 'home' | 'station';
  codAmount: number;
  codCollected: boolean;
  /** 'return': the shopper's parcel going back to the vendor (domain/return-shipments.ts). */
  kind: 'delivery' | 'return';
};

/** A refusal from another service, as our own problem: its code if we know it, else a 409. */
function refused(service: string, answer: { reason: string; detail?: string }): AppError {
  const code: ErrorCode = answer.reason in ERROR_CODES ? (answer.reason as ErrorCode) : 'conflict';
  return new AppError(code, `${service} refused: ${answer.detail ?? answer.reason}`);
}

/**
 * The rider has the parcel: orders marks the vendor order shipped first (refused unless the vendor
 * marked it ready), then the shipment moves. A retry after a crash between the two re-asks orders,
 * which answers the same, and then moves the shipment.
 */
export async function pickUp(env: Env, s: Handled, actor: string) {
  // A return parcel leaves the shopper, not the vendor: the vendor order stays delivered.
  if (s.kind !== 'return') {
    const shipped = await callOrders(() => traced(env.ORDERS).markShipped(s.vendorOrderId));
    if (!shipped.ok) throw refused('Orders', shipped);
  }
  return moveShipment(env.DB, {
    shipmentId: s.id,
    to: 'picked_up',
    actor,
    event: ShipmentPickedUp,
    data: (ref) => moveData(ref, ref.status, actor),
  });
}

/** A home delivery leaves for the shopper's door (again, after a failed attempt). */
export async function outForDelivery(env: Env, s: Handled, actor: string) {
  if (s.method !== 'home') throw new AppError('invalid_transition', 'A station parcel goes to its station, not to a door');
  return moveShipment(env.DB, {
    shipmentId: s.id,
    to: 'out_for_delivery',
    actor,
    event: ShipmentOutForDelivery,
    data: (ref) => moveData(ref, ref.status, actor),
  });
}

/** A station agent takes the parcel in: the hold period (STATION_HOLD_DAYS) starts now. */
export async function receiveAtStation(
  env: Env,
  s: Handled & { stationId: string; status: string },
  actor: string,
  now = Date.now(),
) {
  // A return dropped off by the shopper is taken in only against its code (domain/drop-off.ts).
  if (s.kind === 'return' && s.status === 'awaiting_pickup') {
    throw new AppError('invalid_transition', 'A dropped-off return is taken in with the shopper’s code: POST …/drop-off {code}');
  }
  return moveShipment(env.DB, {
    shipmentId: s.id,
    to: 'at_station',
    actor,
    set: { atStationSince: now },
    event: ShipmentAtStation,
    data: (ref) => ({ ...moveData(ref, ref.status, actor), pickupStationId: s.stationId }),
    now,
  });
}

/**
 * The parcel changes hands against the shopper's collection code (rider at the door, agent at the
 * station). Pay on delivery must be collected first. Orders marks the vendor order delivered, which
 * starts the return window in payments; then the shipment moves.
 */
export async function handOver(env: Env, s: Handled, code: string, actor: string, now = Date.now()) {
  if (s.kind === 'return') {
    throw new AppError('invalid_transition', 'A return parcel is handed to its vendor, who marks the return received');
  }
  if (s.codAmount > 0 && !s.codCollected) {
    throw new AppError('conflict', 'Collect the pay-on-delivery amount before handing the parcel over');
  }
  await checkCollectionCode(env.DB, s.id, code, now);
  const delivered = await callOrders(() => traced(env.ORDERS).markDelivered(s.vendorOrderId));
  if (!delivered.ok) throw refused('Orders', delivered);
  return moveShipment(env.DB, {
    shipmentId: s.id,
    to: 'delivered',
    actor,
    set: RESET_CODE_FAILURES,
    event: ShipmentDelivered,
    data: (ref) => moveData(ref, ref.status, actor),
    now,
  });
}

/** A failed delivery attempt; the MAX_DELIVERY_ATTEMPTS-th sends the parcel back to the vendor. */
export async function failAttempt(env: Env, s: Handled & { failedAttempts: number }, reason: string, actor: string) {
  const attempts = s.failedAttempts + 1;
  const returned = attempts >= MAX_DELIVERY_ATTEMPTS;
  const failed = await moveShipment(env.DB, {
    shipmentId: s.id,
    to: 'failed_attempt',
    actor,
    reason,
    set: { failedAttempts: attempts },
    event: ShipmentFailed,
    data: (ref) => ({ ...moveData(ref, ref.status, actor), reason, attempts, returned }),
  });
  if (!failed.applied || !returned) return failed;
  return returnToVendor(env, s.id, 'max_attempts', actor);
}

/**
 * The parcel goes back to the vendor. Orders first refunds the shopper and restocks (idempotent by
 * vendor order, and refused unless the vendor order shipped), then the shipment moves: a crash in
 * between leaves the shipment where it was, and the next try (the cron, or a retried attempt)
 * re-asks orders, which answers the same.
 */
export async function returnToVendor(
  env: Pick<LogisticsEnv, 'DB' | 'ORDERS'>,
  shipmentId: string,
  reason: string,
  actor: string,
  now = Date.now(),
) {
  const db = env.DB;
  const row = await orm(db)
    .select({ vendorOrderId: shipments.vendorOrderId, kind: shipments.kind })
    .from(shipments)
    .where(eq(shipments.id, shipmentId))
    .get();
  if (!row) throw new AppError('not_found', `No shipment ${shipmentId}`);
  // Sending a return back to the shopper would refund the whole vendor order: never automatic.
  if (row.kind === 'return')
    throw new AppError('invalid_transition', 'A return parcel does not go back to the shopper on its own');
  const { vendorOrderId } = row;
  const returned = await callOrders(() => traced(env.ORDERS).markReturned(vendorOrderId));
  if (!returned.ok) throw refused('Orders', returned);
  return moveShipment(db, {
    shipmentId,
    to: 'returned_to_vendor',
    actor,
    reason,
    event: ShipmentReturned,
    data: (ref) => ({ ...moveData(ref, ref.status, actor), reason }),
    now,
  });
}

/**
 * Pay on delivery: the rider or agent took the money. Payments books it (idempotent by vendor
 * order); the shipment records that it was collected. Only while the parcel is with them.
 */
export async function collectCash(
  env: Env,
  s: Handled & { status: string },
  method: 'cash' | 'mobile_money',
  collectorId: string,
  now = Date.now(),
) {
  if (s.codAmount === 0) throw new AppError('conflict', 'This parcel is prepaid: there is nothing to collect');
  if (s.status !== 'out_for_delivery' && s.status !== 'at_station') {
    throw new AppError('invalid_transition', `The shipment is ${s.status}: collect at the door or the station`);
  }
  const collected = await callPayments(() =>
    // Cash stays on the collecting rider's or agent's own account until they remit it (payments' COD cash).
    traced(env.PAYMENTS).collect({
      orderId: s.orderId,
      vendorOrderId: s.vendorOrderId,
      method,
      amount: s.codAmount,
      collectorId,
    }),
  );
  if (!collected.ok) throw refused('Payments', collected);
  // The first collection's time stays: a retried collect books nothing twice (payments) and moves no clock here.
  await orm(env.DB)
    .update(shipments)
    .set({ codCollectedAt: sql`coalesce(${shipments.codCollectedAt}, ${now})`, updatedAt: now })
    .where(eq(shipments.id, s.id));
}
