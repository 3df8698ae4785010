import { AppError, traced } from '@linked-all/http';
import { ShipmentDelivered, ShipmentInTransit, ShipmentOutForDelivery } from '../../contract';
import type { Carrier } from '../../contract/enums';
import { courierFor } from '../couriers';
import type { CourierEvent } from '../couriers/courier';
import { callOrders } from '../service-calls';
import { runAudited } from './audited';
import { failAttempt, type Handled, pickUp, receiveAtStation } from './handler-actions';
import { moveData, moveShipment } from './move-shipment';

type CarriedShipment = Handled & { status: string; failedAttempts: number; stationId: string | null; trackingCode: string };

async function carried(db: D1Database, where: string, binds: unknown[]): Promise<CarriedShipment | null> {
  const row = await db
    .prepare(
      `SELECT id, order_id AS orderId, vendor_order_id AS vendorOrderId, method, cod_amount AS codAmount,
              cod_collected_at IS NOT NULL AS codCollected, status, failed_attempts AS failedAttempts,
              pickup_station_id AS stationId, tracking_code AS trackingCode, shipping_address_id AS addressId, vendor_id AS vendorId, kind
         FROM shipments WHERE ${where}`,
    )
    .bind(...binds)
    .first<Omit<CarriedShipment, 'codCollected'> & { codCollected: number; addressId: string | null; vendorId: string }>();
  return row ? { ...row, codCollected: row.codCollected === 1 } : null;
}

/**
 * Hands a prepaid shipment still at the vendor to a carrier: the carrier's booking API (JSON over
 * HTTPS) answers its own order number, kept to match its webhooks. Pay-on-delivery parcels stay
 * with our riders, who collect the cash. Booking twice answers the first booking.
 */
export async function bookCourier(env: LogisticsEnv, shipmentId: string, carrier: Carrier, actor: string) {
  const s = await env.DB.prepare(
    `SELECT id, tracking_code AS trackingCode, vendor_id AS vendorId, pickup_station_id AS stationId,
            shipping_address_id AS addressId, status, cod_amount AS codAmount, carrier, carrier_ref AS carrierRef
       FROM shipments WHERE id = ?`,
  )
    .bind(shipmentId)
    .first<{
      id: string;
      trackingCode: string;
      vendorId: string;
      stationId: string | null;
      addressId: string | null;
      status: string;
      codAmount: number;
      carrier: string | null;
      carrierRef: string | null;
    }>();
  if (!s) throw new AppError('not_found', `No shipment ${shipmentId}`);
  if (s.carrier && s.carrierRef) return { carrier: s.carrier, carrierRef: s.carrierRef };
  if (s.codAmount > 0) throw new AppError('conflict', 'Pay-on-delivery parcels are delivered by our own riders');
  if (s.status !== 'awaiting_pickup')
    throw new AppError('invalid_transition', `The shipment is ${s.status}: too late to book a carrier`);
  const booked = await courierFor(env, carrier).book({
    trackingCode: s.trackingCode,
    vendorId: s.vendorId,
    destination: s.stationId ? { type: 'station', stationId: s.stationId } : { type: 'address', addressId: s.addressId ?? '' },
    weightGrams: 1000,
  });
  if (!booked.ok) throw new AppError('upstream_unavailable', `The carrier refused the booking: ${booked.message}`);
  // The booking and its audit row land together; a booking that lost a race to another leaves no row.
  await runAudited(
    env.DB,
    env.DB.prepare('UPDATE shipments SET carrier = ?, carrier_ref = ?, updated_at = ? WHERE id = ? AND carrier_ref IS NULL').bind(
      carrier,
      booked.carrierRef,
      Date.now(),
      s.id,
    ),
    { actor, action: 'shipment.book_courier', target: s.id, detail: { carrier, carrierRef: booked.carrierRef } },
    Date.now(),
    { sql: 'EXISTS (SELECT 1 FROM shipments WHERE id = ? AND carrier_ref = ?)', args: [s.id, booked.carrierRef] },
  );
  const after = await env.DB.prepare('SELECT carrier, carrier_ref AS carrierRef FROM shipments WHERE id = ?')
    .bind(s.id)
    .first<{ carrier: string; carrierRef: string }>();
  return { carrier: after?.carrier ?? carrier, carrierRef: after?.carrierRef ?? booked.carrierRef };
}

export type CourierOutcome = { duplicate: boolean; applied: boolean; status: string | null };

/**
 * Applies a verified carrier webhook once. A replayed event id answers `duplicate` and moves
 * nothing; a status we do not track, or a move the shipment can no longer make (events arrive out
 * of order), is recorded and acknowledged without moving: a carrier retrying it could never fix it.
 */
export async function applyCourierEvent(env: LogisticsEnv, carrier: Carrier, event: CourierEvent, now = Date.now()) {
  const seen = await env.DB.prepare('SELECT 1 FROM courier_events WHERE carrier = ? AND event_id = ?')
    .bind(carrier, event.eventId)
    .first();
  if (seen) return { duplicate: true, applied: false, status: event.status };
  const s = await carried(env.DB, 'carrier = ? AND carrier_ref = ?', [carrier, event.carrierRef]);
  if (!s) throw new AppError('not_found', `No shipment booked with ${carrier} as ${event.carrierRef}`);
  const actor = `courier:${carrier}`;
  let applied = false;
  try {
    applied = event.status ? (await courierMove(env, s, event, actor, now)).applied : false;
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'invalid_transition')) throw err;
  }
  // Recorded after the move: a crash between the two lets the carrier's retry finish the job (moves
  // are idempotent by their target status); recorded before, a crash would lose the move.
  await env.DB.prepare(
    'INSERT INTO courier_events (carrier, event_id, shipment_id, status, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  )
    .bind(carrier, event.eventId, s.id, event.status ?? 'ignored', now)
    .run();
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
