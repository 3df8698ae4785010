import { CLOSED_VENDOR_ORDER_STATUSES, type VendorOrderStatus } from '../../contract';
import { callIdentity, callLogistics } from '../service-calls';
import { getVendorOrder } from './read-orders';

const CLOSED: readonly VendorOrderStatus[] = CLOSED_VENDOR_ORDER_STATUSES;

/**
 * One of the vendor's orders with its destination in words: the station from logistics, the
 * shopper's address from identity — the address only while the vendor order is open, so a vendor
 * cannot keep reading where a past buyer lives.
 */
export async function vendorOrderDetail(
  env: Pick<OrdersEnv, 'DB' | 'IDENTITY' | 'LOGISTICS'>,
  vendorOrderId: string,
  vendorId: string,
) {
  const view = await getVendorOrder(env.DB, vendorOrderId, vendorId);
  const { shippingAddressId, pickupStationId } = view.shipping;
  const open = !CLOSED.includes(view.status);
  const [address, station] = await Promise.all([
    open && shippingAddressId ? buyerAddress(env, view.orderId, shippingAddressId) : null,
    pickupStationId ? stationOf(env, pickupStationId) : null,
  ]);
  return { ...view, destination: { address, station } };
}

async function buyerAddress(env: Pick<OrdersEnv, 'DB' | 'IDENTITY'>, orderId: string, addressId: string) {
  const buyer = await env.DB.prepare('SELECT user_id FROM orders WHERE id = ?').bind(orderId).first<string>('user_id');
  if (!buyer) return null;
  const address = await callIdentity(() => env.IDENTITY.address(buyer, addressId));
  // The shopper deleted it since: the vendor is told nothing rather than something stale.
  return address ? { landmark: address.landmark, city: address.city, country: address.country } : null;
}

async function stationOf(env: Pick<OrdersEnv, 'LOGISTICS'>, stationId: string) {
  const answer = await callLogistics(() => env.LOGISTICS.station(stationId));
  if (!answer.ok) return null;
  const { id, name, landmark, city } = answer.station;
  return { id, name, landmark, city };
}
