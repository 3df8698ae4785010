import { existsGuard } from '@linked-all/db';
import { AppError, traced } from '@linked-all/http';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { ShipmentDelivered, ShipmentInTransit, ShipmentOutForDelivery } from '../../contract';
import type { Carrier } from '../../contract/enums';
import { courierFor } from '../couriers';
import type { CourierEvent } from '../couriers/courier';
import { orm } from '../db/orm';
import { courierEvents, shipments } from '../db/schema';
import { callOrders } from '../service-calls';
import { runAudited } from './audited';
import { failAttempt, type Handled, pickUp, receiveAtStation } from './handler-actions';
import { moveData, moveShipment } from './move-shipment';

type CarriedShipment = Handled & { status: string; failedAttempts: number; stationId: string | null; trackingCode: string };

/** The shipment a carrier knows by its own order number. */
async function carried(db: D1Database, carrier: Carrier, carrierRef: string): Promise<CarriedShipment | null> {
  const row = await orm(db)
    .select({
      id: shipments.id,
      orderId: shipments.orderId,
      vendorOrderId: shipments.vendorOrderId,
      method: shipments.method,
      codAmount: shipments.codAmount,
      codCollected: sql<number>`${shipments.codCollectedAt} IS NOT NULL`,
      status: shipments.status,
      failedAttempts: shipments.failedAttempts,
      stationId: shipments.pickupStationId,
      trackingCode: shipments.trackingCode,
      addressId: shipments.shippingAddressId,
      vendorId: shipments.vendorId,
      kind: shipments.kind,
    })
    .from(shipments)
    .where(and(eq(shipments.carrier, carrier), eq(shipments.carrierRef, carrierRef)))
    .get();
  return row ? { ...row, codCollected: row.codCollected === 1 } : null;
}

/**
 * Hands a prepaid shipment still at the vendor to a carrier: the carrier's booking API (JSON over
 * HTTPS) answers its own order number, kept to match its webhooks. Pay-on-delivery parcels stay
 * with our riders, who collect the cash. Booking twice answers the first booking.
 */
export async function bookCourier(env: LogisticsEnv, shipmentId: string, carrier: Carrier, actor: string) {
  const shipment = await orm(env.DB)
    .select({
      id: shipments.id,
      trackingCode: shipments.trackingCode,
      vendorId: shipments.vendorId,
      stationId: shipments.pickupStationId,
      addressId: shipments.shippingAddressId,
      status: shipments.status,
      codAmount: shipments.codAmount,
      carrier: shipments.carrier,
      carrierRef: shipments.carrierRef,
    })
    .from(shipments)
    .where(eq(shipments.id, shipmentId))
    .get();
  if (!shipment) throw new AppError('not_found', `No shipment ${shipmentId}`);
  if (shipment.carrier && shipment.carrierRef) return { carrier: shipment.carrier, carrierRef: shipment.carrierRef };
  if (shipment.codAmount > 0) throw new AppError('conflict', 'Pay-on-delivery parcels are delivered by our own riders');
  if (shipment.status !== 'awaiting_pickup')
    throw new AppError('invalid_transition', `The shipment is ${shipment.status}: too late to book a carrier`);
  const booked = await courierFor(env, carrier).book({
    trackingCode: shipment.trackingCode,
    vendorId: shipment.vendorId,
    destination: shipment.stationId
      ? { type: 'station', stationId: shipment.stationId }
      : { type: 'address', addressId: shipment.addressId ?? '' },
    weightGrams: 1000,
  });
  if (!booked.ok) throw new AppError('upstream_unavailable', `The carrier refused the booking: ${booked.message}`);
  const { carrierRef } = booked;
  const now = Date.now();
  // The booking and its audit row land together; a booking that lost a race to another leaves no row.
  await runAudited(
    env.DB,
    orm(env.DB)
      .update(shipments)
      .set({ carrier, carrierRef, updatedAt: now })
      .where(and(eq(shipments.id, shipmentId), isNull(shipments.carrierRef))),
    { actor, action: 'shipment.book_courier', target: shipmentId, detail: { carrier, carrierRef } },
    now,
    existsGuard(
      orm(env.DB)
        .select({ one: sql`1` })
        .from(shipments)
        .where(and(eq(shipments.id, shipmentId), eq(shipments.carrierRef, carrierRef))),
    ),
  );
  const after = await orm(env.DB)
    .select({ carrier: shipments.carrier, carrierRef: shipments.carrierRef })
    .from(shipments)
    .where(eq(shipments.id, shipmentId))
    .get();
  return { carrier: after?.carrier ?? carrier, carrierRef: after?.carrierRef ?? carrierRef };
}

export type CourierOutcome = { duplicate: boolean; applied: boolean; status: string | null };

/**
 * Applies a verified carrier webhook once. A replayed event id answers `duplicate` and moves
 * nothing; a status we do not track, or a move the shipment can no longer make (events arrive out
 * of order), is recorded and acknowledged without moving: a carrier retrying it could never fix it.
 */
export async function applyCourierEvent(env: LogisticsEnv, carrier: Carrier, event: CourierEvent, now = Date.now()) {
  const seen = await orm(env.DB)
    .select({ one: sql`1` })
    .from(courierEvents)
    .where(and(eq(courierEvents.carrier, carrier), eq(courierEvents.eventId, event.eventId)))
    .get();
  if (seen) return { duplicate: true, applied: false, status: event.status };
  const shipment = await carried(env.DB, carrier, event.carrierRef);
  if (!shipment) throw new AppError('not_found', `No shipment booked with ${carrier} as ${event.carrierRef}`);
  const actor = `courier:${carrier}`;
  let applied = false;
  try {
    applied = event.status ? (await courierMove(env, shipment, event, actor, now)).applied : false;
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'invalid_transition')) throw err;
  }
  // Recorded after the move: a crash between the two lets the carrier's retry finish the job (moves
  // are idempotent by their target status); recorded before, a crash would lose the move.
  await orm(env.DB)
    .insert(courierEvents)
    .values({ carrier, eventId: event.eventId, shipmentId: shipment.id, status: event.status ?? 'ignored', receivedAt: now })
    .onConflictDoNothing();
  return { duplicate: false, applied, status: event.status };
}

function courierMove(env: LogisticsEnv, s: CarriedShipment, event: CourierEvent, actor: string, now: number) {
  const simple = (to: 'in_transit' | 'out_for_delivery', definition: typeof ShipmentInTransit | typeof ShipmentOutForDelivery) =>
    moveShipment(env.DB, {
      shipmentId: s.id,
      to,
      actor,
      event: definition,
      data: (ref) => moveData(ref, ref.status, actor),
      now,
    });
  switch (event.status) {
    case 'picked_up':
      return pickUp(env, s, actor);
    case 'in_transit':
      return simple('in_transit', ShipmentInTransit);
    case 'out_for_delivery':
      return simple('out_for_delivery', ShipmentOutForDelivery);
    case 'at_station':
      if (!s.stationId) throw new AppError('invalid_transition', 'A door delivery has no station');
      return receiveAtStation(env, { ...s, stationId: s.stationId }, actor, now);
    case 'failed_attempt':
      return failAttempt(env, s, event.reason ?? 'other', actor);
    case 'delivered':
      return carrierDelivered(env, s, actor, now);
    default:
      throw new AppError('invalid_transition', `A carrier cannot move a shipment to ${event.status}`);
  }
}

/** The carrier's own proof of delivery stands for the collection code (prepaid parcels only). */
async function carrierDelivered(env: LogisticsEnv, s: CarriedShipment, actor: string, now: number) {
  const delivered = await callOrders(() => traced(env.ORDERS).markDelivered(s.vendorOrderId));
  if (!delivered.ok) throw new AppError('invalid_transition', `Orders refused: ${delivered.detail}`);
  return moveShipment(env.DB, {
    shipmentId: s.id,
    to: 'delivered',
    actor,
    event: ShipmentDelivered,
    data: (ref) => moveData(ref, ref.status, actor),
    now,
  });
}
