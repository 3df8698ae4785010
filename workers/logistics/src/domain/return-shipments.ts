import type { EventOf, ReturnAccepted, ReturnReceived } from '@linked-all/events';
import { outboxStatement } from '@linked-all/events';
import { newId } from '@linked-all/http';
import { ShipmentCancelled, ShipmentCreated, ShipmentDelivered, ShipmentOutForDelivery } from '../../contract';
import type { ShipmentStatus } from '../../contract/enums';
import { codeHash, collectionCode } from './collection-code';
import { newTrackingCode } from './create-shipments';
import { moveData, moveShipment } from './move-shipment';
import { secret } from './secrets';

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
  const db = env.DB;
  const { data } = event;
  const id = newId('shp', now);
  const trackingCode = newTrackingCode();
  const hash = await codeHash(id, await collectionCode(secret(env.COLLECTION_CODE_SECRET, 'COLLECTION_CODE_SECRET'), id));
  const [inserted] = await db.batch([
    db
      .prepare(
        `INSERT INTO shipments (id, tracking_code, order_id, vendor_order_id, vendor_id, user_id, method, shipping_address_id,
                                pickup_station_id, status, payment_method, cod_amount, currency, code_hash, kind, return_id,
                                created_at, updated_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 'awaiting_pickup',
                coalesce((SELECT payment_method FROM shipments WHERE vendor_order_id = ? AND kind = 'delivery'), 'wallet'),
                0, ?, ?, 'return', ?, ?, ?
         WHERE 1 ON CONFLICT (return_id) DO NOTHING`,
      )
      .bind(
        id,
        trackingCode,
        data.orderId,
        data.vendorOrderId,
        data.vendorId,
        data.userId,
        data.method,
        data.shippingAddressId,
        data.pickupStationId,
        data.vendorOrderId,
        data.currency,
        hash,
        data.returnId,
        now,
        now,
      ),
    db
      .prepare(
        `INSERT INTO shipment_transitions (id, shipment_id, from_status, to_status, actor, reason, created_at)
         SELECT ?, ?, 'awaiting_pickup', 'awaiting_pickup', 'logistics', 'return accepted', ? WHERE EXISTS (SELECT 1 FROM shipments WHERE id = ?)`,
      )
      .bind(newId('str', now), id, now, id),
    outboxStatement(
      db,
      ShipmentCreated,
      {
        shipmentId: id,
        trackingCode,
        orderId: data.orderId,
        vendorOrderId: data.vendorOrderId,
        vendorId: data.vendorId,
        userId: data.userId,
        returnId: data.returnId,
        method: data.method,
        pickupStationId: data.pickupStationId,
      },
      { now, when: { sql: 'EXISTS (SELECT 1 FROM shipments WHERE id = ?)', args: [id] } },
    ),
  ]);
  return inserted.meta.changes === 1;
}

/** The shipment of a return, if logistics has booked it. */
export function returnShipmentOf(db: D1Database, returnId: string) {
  return db
    .prepare("SELECT id, status FROM shipments WHERE return_id = ? AND kind = 'return'")
    .bind(returnId)
    .first<{ id: string; status: ShipmentStatus }>();
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
