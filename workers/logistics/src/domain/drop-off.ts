import { AppError } from '@linked-all/http';
import { ShipmentPickedUp } from '../../contract';
import { checkCollectionCode, RESET_CODE_FAILURES } from './collection-code';
import type { HandledShipment } from './handled';
import { moveData, moveShipment } from './move-shipment';

// A return dropped at a station is taken in only against the shopper's code for that return
// (the collection code of the return shipment, shown on their return page): an agent cannot book
// in a parcel nobody brought, and a stranger cannot drop off a parcel in someone's name.

/** The statuses a return passes after the station took it in: a repeated drop-off answers them as they are. */
const TAKEN_IN: readonly string[] = ['picked_up', 'in_transit', 'out_for_delivery', 'delivered'];

/**
 * Checks the code (a wrong one counts towards the lock, as at a hand-over), then moves the return
 * `awaiting_pickup → picked_up`. Once taken in, the same right code again moves nothing (a retried
 * tap or an offline replay), so the answer is the parcel as it stands.
 */
export async function takeDropOff(db: D1Database, s: HandledShipment, code: string, actor: string, now = Date.now()) {
  if (s.kind !== 'return') throw new AppError('invalid_transition', 'Only a return parcel is dropped off by its shopper');
  if (s.status !== 'awaiting_pickup' && !TAKEN_IN.includes(s.status)) {
    throw new AppError('invalid_transition', `The return parcel is ${s.status}: nothing to take in`);
  }
  await checkCollectionCode(db, s.id, code, now);
  if (s.status !== 'awaiting_pickup') return;
  const moved = await moveShipment(db, {
    shipmentId: s.id,
    to: 'picked_up',
    actor,
    set: RESET_CODE_FAILURES,
    event: ShipmentPickedUp,
    data: (ref) => moveData(ref, ref.status, actor),
    now,
  });
  return moved;
}
