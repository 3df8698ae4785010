// The public face of the logistics worker: everything another worker or the gateway may import.
// Nothing outside workers/logistics imports its src/.
export {
  SHIPMENT_EVENTS,
  ShipmentAtStation,
  ShipmentCancelled,
  ShipmentCreated,
  ShipmentDelivered,
  ShipmentEvent,
  ShipmentFailed,
  ShipmentInTransit,
  ShipmentOutForDelivery,
  ShipmentPickedUp,
  ShipmentReturned,
} from '@linked-all/events';
export * from './enums';
export * from './ids';
export * from './rpc';
export * from './schemas';
