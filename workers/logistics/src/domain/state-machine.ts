import { AppError } from '@linked-all/http';
import { SHIPMENT_STATUSES, type ShipmentStatus } from '../../contract/enums';

/**
 * A shipment's legal moves:
 *   awaiting_pickup → picked_up → in_transit → at_station | out_for_delivery → delivered
 *   out_for_delivery → failed_attempt → out_for_delivery again, or returned_to_vendor
 *   at_station → returned_to_vendor when nobody collects it in time
 *   awaiting_pickup → cancelled (the order was cancelled before the parcel left the vendor)
 * A picked-up parcel may skip in_transit (a rider going straight to the door or station).
 */
const SHIPMENT_MOVES: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  awaiting_pickup: ['picked_up', 'cancelled'],
  picked_up: ['in_transit', 'at_station', 'out_for_delivery'],
  in_transit: ['at_station', 'out_for_delivery'],
  at_station: ['delivered', 'returned_to_vendor'],
  out_for_delivery: ['delivered', 'failed_attempt'],
  failed_attempt: ['out_for_delivery', 'returned_to_vendor'],
  delivered: [],
  returned_to_vendor: [],
  cancelled: [],
};

/** Statuses a shipment can move to `to` from (the `WHERE status IN (…)` of its UPDATE). */
export function shipmentSourcesOf(to: ShipmentStatus): ShipmentStatus[] {
  return SHIPMENT_STATUSES.filter((from) => SHIPMENT_MOVES[from].includes(to));
}

export function canMoveShipment(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return SHIPMENT_MOVES[from].includes(to);
}

/** A 409 `invalid_transition` naming both statuses. */
export function invalidShipmentMove(from: string, to: string): AppError {
  return new AppError('invalid_transition', `The shipment is ${from} and cannot become ${to}`, { from, to });
}
