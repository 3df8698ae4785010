import type { EventOf, ReturnAccepted, ReturnReceived } from '@linked-all/events';
import { and, eq } from 'drizzle-orm';
import { ShipmentCancelled, ShipmentDelivered, ShipmentOutForDelivery } from '../../contract';
import { orm } from '../db/orm';
import { shipments } from '../db/schema';
import { moveData, moveShipment } from './move-shipment';
import { newShipmentStatements } from './new-shipment';

// Returns (issue 11, item 8): the parcel comes back through the same shipments, state machine,
// audit rows and events as a delivery, as a shipment of kind 'return':
//   awaiting_pickup → picked_up   a rider collects it at the shopper's door, or the station agent
//                                 takes it in at the drop-off station (the shopper shows the code)
//   → (in_transit) → out_for_delivery → delivered   handed to the vendor (the vendor's `received`)
// A parcel the vendor says it received while still awaiting pickup (the shopper brought it by
// hand) is cancelled instead.

/** return.accepted → one return shipment per return (return_id is unique), with `shipment.created`. */
export async function createReturnShipment(
  env: Pick<LogisticsEnv, 'DB' | 'COLLECTION_CODE_SECRET'>,
  event: EventOf<typeof ReturnAccepted>,
  now = Date.now(),
): Promise<boolean> {
  const { data } = event;
  // A return travels under the delivery's payment method (nothing to collect either way).
  const delivery = await orm(env.DB).query.shipments.findFirst({
    columns: { paymentMethod: true },
    where: and(eq(shipments.vendorOrderId, data.vendorOrderId), eq(shipments.kind, 'delivery')),
  });
  const [inserted] = await env.DB.batch(
    await newShipmentStatements(
      env,
      {
        orderId: data.orderId,
        vendorOrderId: data.vendorOrderId,
        vendorId: data.vendorId,
        userId: data.userId,
        method: data.method,
        shippingAddressId: data.shippingAddressId,
        pickupStationId: data.pickupStationId,
        paymentMethod: delivery?.paymentMethod ?? 'wallet',
        codAmount: 0,
        currency: data.currency,
        returnId: data.returnId,
        reason: 'return accepted',
      },
      now,
    ),
  );
  return inserted.meta.changes === 1;
}

/** The shipment of a return, if logistics has booked it. */
export function returnShipmentOf(db: D1Database, returnId: string) {
  return orm(db)
    .select({ id: shipments.id, status: shipments.status })
    .from(shipments)
    .where(and(eq(shipments.returnId, returnId), eq(shipments.kind, 'return')))
    .get();
}

/**
 * return.received → the return shipment ends `delivered` (handed to the vendor), through the
 * legal moves from wherever it is; still awaiting pickup, it is cancelled. Each move is
 * idempotent, so a redelivered event moves nothing twice. Not booked yet (return.accepted not
 * consumed yet): throws, and the queue retries the event.
 */
export async function closeReturnShipment(db: D1Database, event: EventOf<typeof ReturnReceived>, now = Date.now()) {
  const { returnId, vendorId } = event.data;
  const shipment = await returnShipmentOf(db, returnId);
  if (!shipment) throw new Error(`return ${returnId} has no shipment yet; retry once return.accepted is consumed`);
  const actor = vendorId;
  const { id, status } = shipment;
  if (status === 'awaiting_pickup') {
    const reason = 'brought to the vendor by hand';
    await moveShipment(db, {
      shipmentId: id,
      to: 'cancelled',
      actor,
      reason,
      event: ShipmentCancelled,
      data: (ref) => ({ ...moveData(ref, ref.status, actor), reason }),
      now,
    });
    return;
  }
  if (status === 'picked_up' || status === 'in_transit' || status === 'failed_attempt') {
    await moveShipment(db, {
      shipmentId: id,
      to: 'out_for_delivery',
      actor,
      event: ShipmentOutForDelivery,
      data: (ref) => moveData(ref, ref.status, actor),
      now,
    });
  }
  if (status === 'delivered' || status === 'cancelled' || status === 'returned_to_vendor') return;
  await moveShipment(db, {
    shipmentId: id,
    to: 'delivered',
    actor,
    reason: 'received by the vendor',
    event: ShipmentDelivered,
    data: (ref) => moveData(ref, ref.status, actor),
    // A millisecond after the move before it, so the timeline sorts in the order things happened.
    now: now + 1,
  });
}
