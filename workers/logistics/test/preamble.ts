import { env } from 'cloudflare:test';
import { beforeAll, expect } from 'vitest';
import { adminToken, assign, call, confirmedOrder, LAGOS_STATION, riderToken, seedCatalogOnce, vendorReady } from './fixtures';

// The lines the logistics tests open with: an agent at the Lagos station, a shopper's home
// address, a parcel a rider has picked up, and the few reads of where a parcel stands.

/** Posts a station agent (an admin's PUT /v1/admin/station-agents/:userId). */
export async function postAgent(userId: string, stationId = LAGOS_STATION) {
  const res = await call(`/v1/admin/station-agents/${userId}`, { method: 'PUT', token: await adminToken(), json: { stationId } });
  expect(res.status).toBe(200);
}

/** Before the file's tests: the catalog seeded and `agentId` posted at the Lagos station (storage is per file). */
export function withLagosAgent(agentId: string) {
  beforeAll(async () => {
    await seedCatalogOnce();
    await postAgent(agentId);
  });
}

/** Each shopper's own home address (identity): checkout refuses anyone else's. */
export const home = (userId: string) => ({ shippingAddressId: `adr_${userId.slice(4)}home` });

type Tracking = {
  orderId: string;
  shipments: { id: string; status: string; trackingCode: string; kind: string; collectionCode: string | null }[];
};

/** The shopper's own tracking of an order (GET /v1/orders/:id/tracking, 200). */
export async function tracking(orderId: string, token: string): Promise<Tracking> {
  const res = await call(`/v1/orders/${orderId}/tracking`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as Tracking;
}

/**
 * A confirmed order's parcel given to `riderId`, ready at the vendor, and picked up by the rider
 * (orders: shipped). Answers the order and the rider's token.
 */
export async function pickedUp(
  userId: string,
  where: Parameters<typeof confirmedOrder>[1],
  riderId: string,
  method?: Parameters<typeof confirmedOrder>[2],
) {
  const order = await confirmedOrder(userId, where, method);
  const rider = await riderToken(riderId);
  await assign(order.shipmentId, riderId);
  await vendorReady(order.vendorOrderId);
  expect((await call(`/v1/rider/shipments/${order.shipmentId}/pickup`, { method: 'POST', token: rider })).status).toBe(200);
  return { ...order, rider };
}

/** Where a shipment stands now. */
export const shipmentStatus = async (shipmentId: string) =>
  (await env.DB.prepare('SELECT status FROM shipments WHERE id = ?').bind(shipmentId).first<{ status: string }>())?.status;

/** The statuses a shipment passed, oldest first (its audit rows). */
export const transitions = async (shipmentId: string) =>
  (
    await env.DB.prepare('SELECT to_status FROM shipment_transitions WHERE shipment_id = ? ORDER BY created_at, id')
      .bind(shipmentId)
      .all<{ to_status: string }>()
  ).results.map((r) => r.to_status);

/** Where orders says the vendor order stands. */
export const vendorOrderStatus = async (vendorOrderId: string) =>
  (await env.ORDERS_DB.prepare('SELECT status FROM vendor_orders WHERE id = ?').bind(vendorOrderId).first<{ status: string }>())
    ?.status;

/** How many `type` events of this worker's outbox name `id`. */
export const eventsNaming = async (type: string, id: string) =>
  (
    await env.DB.prepare('SELECT count(*) AS n FROM outbox WHERE type = ? AND body LIKE ?')
      .bind(type, `%${id}%`)
      .first<{ n: number }>()
  )?.n;
