import { AppError, traced } from '@linked-all/http';
import type { CheckoutBody } from '../../contract';
import { callLogistics } from '../service-calls';

const refuse = (message: string) =>
  new AppError('validation_failed', `pickupStationId: ${message}`, { errors: [{ path: 'pickupStationId', message }] });

/**
 * A pickup station must exist (logistics owns them), be open, and be in the country the cart is
 * priced for (its currency is the one delivery there is priced in). Checked before the order is
 * placed, so a wrong station is a 400 naming the field, never an order that cannot ship.
 */
export async function checkPickupStation(
  env: Pick<OrdersEnv, 'LOGISTICS' | 'CARTS'>,
  userId: string,
  body: CheckoutBody,
): Promise<void> {
  const stationId = body.pickupStationId;
  if (!stationId) return;
  const answer = await callLogistics(() => traced(env.LOGISTICS).station(stationId));
  if (!answer.ok) throw refuse('No such pickup station');
  if (!answer.station.active) throw refuse(`${answer.station.name} is closed; choose another pickup station`);
  const snapshot = await env.CARTS.get(env.CARTS.idFromName(body.cartId)).snapshot();
  // Someone else's cart or an empty one: the checkout answers that itself (and says nothing of it).
  const currency = snapshot.ownerId === userId ? snapshot.lines[0]?.currency : undefined;
  if (!currency || answer.currency === currency) return;
  throw refuse(`${answer.station.name} is in ${answer.station.country}; this cart is priced in ${currency}`);
}
