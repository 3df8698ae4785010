import { z } from 'zod';
import { defineEvent, eventUnion } from './envelope';

// Logistics' events (queue shipment-events). Ids and the facts a consumer (notifications, orders'
// projections) needs; never the address, phone or name, and never the collection code (the
// notifications service asks logistics for it over RPC when it sends the SMS).

const ShipmentRef = {
  shipmentId: z.string(),
  trackingCode: z.string(),
  orderId: z.string(),
  vendorOrderId: z.string(),
  vendorId: z.string(),
  userId: z.string(),
  // A return shipment (shopper → vendor) carries its return id; absent on deliveries. Added later, same version.
  returnId: z.string().optional(),
};
const Move = { ...ShipmentRef, from: z.string(), actor: z.string() };

/** A vendor order was confirmed: its parcel waits for pickup at the vendor. */
export const ShipmentCreated = defineEvent(
  'shipment.created',
  1,
  z.object({ ...ShipmentRef, method: z.enum(['home', 'station']), pickupStationId: z.string().nullable() }),
);
export const ShipmentPickedUp = defineEvent('shipment.picked_up', 1, z.object(Move));
export const ShipmentInTransit = defineEvent('shipment.in_transit', 1, z.object(Move));
export const ShipmentAtStation = defineEvent('shipment.at_station', 1, z.object({ ...Move, pickupStationId: z.string() }));
export const ShipmentOutForDelivery = defineEvent('shipment.out_for_delivery', 1, z.object(Move));
export const ShipmentDelivered = defineEvent('shipment.delivered', 1, z.object(Move));
/** A delivery attempt failed (`attempts` so far); `returned` when it goes back to the vendor. */
export const ShipmentFailed = defineEvent(
  'shipment.failed',
  1,
  z.object({ ...Move, reason: z.string(), attempts: z.number().int(), returned: z.boolean() }),
);
export const ShipmentReturned = defineEvent('shipment.returned', 1, z.object({ ...Move, reason: z.string() }));
export const ShipmentCancelled = defineEvent('shipment.cancelled', 1, z.object({ ...Move, reason: z.string() }));

export const SHIPMENT_EVENTS = [
  ShipmentCreated,
  ShipmentPickedUp,
  ShipmentInTransit,
  ShipmentAtStation,
  ShipmentOutForDelivery,
  ShipmentDelivered,
  ShipmentFailed,
  ShipmentReturned,
  ShipmentCancelled,
] as const;

/** Any event on the shipment-events queue. */
export const ShipmentEvent = eventUnion(SHIPMENT_EVENTS);
export type ShipmentEvent = z.infer<typeof ShipmentEvent>;
