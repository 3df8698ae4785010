import { traced } from '@linked-all/http';
import { eq } from 'drizzle-orm';
import { CLOSED_VENDOR_ORDER_STATUSES, type VendorOrderStatus } from '../../contract';
import { orm } from '../db/orm';
import { orders } from '../db/schema';
import { callIdentity, callLogistics } from '../service-calls';
import { getVendorOrder } from './read-orders';

const CLOSED: readonly VendorOrderStatus[] = CLOSED_VENDOR_ORDER_STATUSES;

/**
 * One of the vendor's orders with its destination in words: the station from logistics, the
 * shopper's address, first name and phone from identity — those only while the vendor order is
 * open, so a vendor cannot keep reading who a past buyer is or where they live.
 */
export async function vendorOrderDetail(
  env: Pick<OrdersEnv, 'DB' | 'IDENTITY' | 'LOGISTICS'>,
  vendorOrderId: string,
  vendorId: string,
) {
  const view = await getVendorOrder(env.DB, vendorOrderId, vendorId);
  const { shippingAddressId, pickupStationId } = view.shipping;
  const open = !CLOSED.includes(view.status);
  const buyerId = open
    ? ((await orm(env.DB).select({ userId: orders.userId }).from(orders).where(eq(orders.id, view.orderId)).get())?.userId ??
      null)
    : null;
  const [address, station, buyer] = await Promise.all([
    buyerId && shippingAddressId ? buyerAddress(env, buyerId, shippingAddressId) : null,
    pickupStationId ? stationOf(env, pickupStationId) : null,
    buyerId ? buyerContact(env, buyerId) : null,
  ]);
  return { ...view, destination: { address, station }, buyer };
}

async function buyerContact(env: Pick<OrdersEnv, 'IDENTITY'>, buyerId: string) {
  const contact = await callIdentity(() => traced(env.IDENTITY).contact(buyerId));
  return contact ? { firstName: contact.firstName, phone: contact.phone } : null;
}

async function buyerAddress(env: Pick<OrdersEnv, 'IDENTITY'>, buyer: string, addressId: string) {
  const address = await callIdentity(() => traced(env.IDENTITY).address(buyer, addressId));
  // The shopper deleted it since: the vendor is told nothing rather than something stale.
  return address ? { landmark: address.landmark, city: address.city, country: address.country } : null;
}

async function stationOf(env: Pick<OrdersEnv, 'LOGISTICS'>, stationId: string) {
  const answer = await callLogistics(() => traced(env.LOGISTICS).station(stationId));
  if (!answer.ok) return null;
  const { id, name, landmark, city } = answer.station;
  return { id, name, landmark, city };
}
