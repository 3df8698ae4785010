// Fulfilment end to end, through the gateway of the real dev stack: a shopper buys, pay on delivery,
// once to a pickup station and once to their door; the vendor accepts and packs; an admin makes
// two users a rider and a station agent (identity), posts the agent and assigns the parcels; the
// rider picks up (orders: shipped), the agent receives the station parcel and hands it over against
// the shopper's collection code, the rider delivers the other at the door with its code, the cash is
// collected both times (payments); both orders end delivered and the books stay balanced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ products: 200 });
});
afterAll(async () => {
  await stack?.stop();
});

type Json = Record<string, unknown>;

async function api(
  path: string,
  init: { method?: string; token?: string; json?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json, text };
}

async function ok(path: string, init: Parameters<typeof api>[1] = {}) {
  const res = await api(path, init);
  if (res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${res.text}`);
  return res.body;
}

async function login(email: string) {
  return String((await ok('/v1/auth/login', { method: 'POST', json: { email, password: 'demo-password' } })).accessToken);
}

async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A new user who becomes `role` by an admin's hand, signed in again to carry it. */
async function staff(admin: string, role: 'rider' | 'station_agent', phone: string) {
  const registered = await ok('/v1/auth/register', {
    method: 'POST',
    json: { phone, password: 'a-long-enough-password', name: role === 'rider' ? 'Kofi Rider' : 'Ama Agent' },
  });
  const userId = String((registered.user as Json).id);
  await ok(`/v1/admin/users/${userId}/role`, { method: 'PUT', token: admin, json: { role } });
  const tokens = await ok('/v1/auth/login', { method: 'POST', json: { phone, password: 'a-long-enough-password' } });
  return { userId, token: String(tokens.accessToken) };
}

describe('from paid to delivered', { timeout: 240_000 }, () => {
  it('delivers a station parcel and a door parcel against their codes, with the cash collected', async () => {
    const [shopper, vendor, admin] = await Promise.all([
      login('shopper1@demo.test'),
      login('vendor1@demo.test'),
      login('admin@demo.test'),
    ]);
    // vendor1 owns the first active shop (scripts/seed.mjs gives each active shop an owner in order).
    const shop = stack.manifest.vendors.filter((v) => v.status === 'active')[0];
    const country = shop.country;
    // A cheap in-stock product of vendor1's shop (pay on delivery has a per-order limit).
    const listing = await ok(`/v1/products?vendor=${shop.id}&inStock=true&sort=price_asc&limit=5`);
    const product = await ok(`/v1/products/${String(((listing.items as Json[])[0] as Json).id)}`);
    const sku = (product.skus as { id: string; available: number }[]).find((s) => s.available >= 2);
    expect(sku).toBeDefined();
    const stations = (await ok(`/v1/pickup-stations?country=${country}`)).items as { id: string; name: string; city: string }[];
    const station = stations[0];

    const buy = async (key: string, where: Json) => {
      const cart = await ok('/v1/carts', { method: 'POST', token: shopper });
      await ok(`/v1/carts/${String(cart.id)}/items`, { method: 'POST', token: shopper, json: { skuId: sku?.id, quantity: 1 } });
      const started = await ok('/v1/checkout', {
        method: 'POST',
        token: shopper,
        headers: { 'idempotency-key': key },
        json: { cartId: cart.id, ...where, payment: { method: 'pay_on_delivery', country } },
      });
      const orderId = String(started.orderId);
      const order = await until(async () => {
        const o = await ok(`/v1/orders/${orderId}`, { token: shopper });
        return o.status === 'confirmed' ? o : undefined;
      }, 'the order to be confirmed');
      const vendorOrderId = String(((order.vendorOrders as Json[])[0] as Json).id);
      const tracking = await until(async () => {
        const t = await api(`/v1/orders/${orderId}/tracking`, { token: shopper });
        return t.status === 200 ? t.body : undefined;
      }, 'the shipment');
      const shipment = (tracking.shipments as Json[])[0] as { id: string; trackingCode: string; collectionCode: string };
      await ok(`/v1/vendor/orders/${vendorOrderId}/accept`, { method: 'POST', token: vendor });
      await ok(`/v1/vendor/orders/${vendorOrderId}/ready`, { method: 'POST', token: vendor });
      return { orderId, vendorOrderId, shipment };
    };
    const atStation = await buy(`e2e-station-${Date.now()}`, { pickupStationId: station.id });
    // The door: an address of the shopper's own (checkout refuses anyone else's).
    const address = await ok('/v1/me/addresses', {
      method: 'POST',
      token: shopper,
      json: { landmark: 'Green gate opposite the chemist', city: station.city, country },
    });
    const atDoor = await buy(`e2e-door-${Date.now()}`, { shippingAddressId: String(address.id) });

    const rider = await staff(admin, 'rider', `+2547${String(Date.now()).slice(-8)}`);
    const agent = await staff(admin, 'station_agent', `+2547${String(Date.now() + 1).slice(-8)}`);
    await ok(`/v1/admin/station-agents/${agent.userId}`, { method: 'PUT', token: admin, json: { stationId: station.id } });
    for (const s of [atStation, atDoor]) {
      await ok(`/v1/admin/shipments/${s.shipment.id}/assign`, { method: 'POST', token: admin, json: { riderId: rider.userId } });
      await ok(`/v1/rider/shipments/${s.shipment.id}/pickup`, { method: 'POST', token: rider.token });
    }

    // The station parcel: received, paid at the counter, handed over against the code.
    const desk = `/v1/station/shipments/${atStation.shipment.id}`;
    await ok(`${desk}/receive`, { method: 'POST', token: agent.token });
    await ok(`${desk}/collect`, { method: 'POST', token: agent.token, json: { method: 'cash' } });
    const handed = await ok(`${desk}/hand-over`, {
      method: 'POST',
      token: agent.token,
      json: { code: atStation.shipment.collectionCode },
    });
    expect(handed.status).toBe('delivered');

    // The door parcel: out for delivery, cash, delivered against the code.
    const run = `/v1/rider/shipments/${atDoor.shipment.id}`;
    await ok(`${run}/out-for-delivery`, { method: 'POST', token: rider.token });
    await ok(`${run}/collect`, { method: 'POST', token: rider.token, json: { method: 'cash' } });
    const delivered = await ok(`${run}/deliver`, {
      method: 'POST',
      token: rider.token,
      json: { code: atDoor.shipment.collectionCode },
    });
    expect(delivered.status).toBe('delivered');

    for (const s of [atStation, atDoor]) {
      expect((await ok(`/v1/orders/${s.orderId}`, { token: shopper })).status).toBe('delivered');
      const pub = await api(`/v1/track/${s.shipment.trackingCode}`);
      expect(pub.body.status).toBe('delivered');
      for (const secret of [s.orderId, s.shipment.collectionCode, 'shopper1', '+2547']) expect(pub.text).not.toContain(secret);
    }
    const balance = await ok('/v1/admin/ledger/trial-balance', { token: admin });
    expect(balance.balanced).toBe(true);
  });
});
