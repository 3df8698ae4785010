import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  LAGOS_HOME_FEE,
  LAGOS_STATION_FEE,
  SKU,
  seedCatalogOnce,
  seedHomeAddress,
  VENDOR_A,
  VENDOR_B,
  vendorToken,
} from './fixtures';
import { confirmedOrder, type Placement } from './preamble';

beforeAll(seedCatalogOnce);

type VendorOrder = { id: string; shipping: Record<string, unknown> };

async function confirmed(userId: string, body: Pick<Placement, 'payment' | 'pickupStationId'>) {
  const { order } = await confirmedOrder({
    userId,
    key: `ship-${userId}`,
    lines: [{ skuId: SKU.phoneCase, quantity: 1 }],
    fund: 450_000 + LAGOS_HOME_FEE,
    ...body,
  });
  return order.vendorOrders[0].id;
}

describe("the vendor's order view carries what the vendor needs to ship", () => {
  it('a pay-on-delivery order to a pickup station: the station and the amount the rider collects', async () => {
    const id = await confirmed('usr_shipview1', {
      pickupStationId: 'pks_ng001lagos',
      payment: { method: 'pay_on_delivery', country: 'NG' },
    });
    const res = await call(`/v1/vendor/orders/${id}`, { token: await vendorToken(VENDOR_A) });
    expect(((await res.json()) as VendorOrder).shipping).toEqual({
      method: 'station',
      shippingAddressId: null,
      pickupStationId: 'pks_ng001lagos',
      payment: 'pay_on_delivery',
      collect: { amount: 450_000 + LAGOS_STATION_FEE, currency: 'NGN', formatted: expect.any(String) },
    });
  });

  it('a prepaid home delivery: the address id and nothing to collect, in the list too', async () => {
    // A real address of the shopper's in identity: checkout refuses anyone else's.
    const addressId = await seedHomeAddress('usr_shipview2');
    const id = await confirmed('usr_shipview2', { payment: { method: 'wallet' } });
    const list = await call('/v1/vendor/orders?limit=50', { token: await vendorToken(VENDOR_A) });
    const mine = ((await list.json()) as { items: VendorOrder[] }).items.find((v) => v.id === id);
    expect(mine?.shipping).toMatchObject({
      method: 'home',
      shippingAddressId: addressId,
      payment: 'prepaid',
      collect: { amount: 0 },
    });
  });

  it("shows the buyer's address, first name and phone while the vendor order is open, never once it is delivered", async () => {
    const id = await confirmed('usr_shipview3', { payment: { method: 'wallet' } });
    const vendor = await vendorToken(VENDOR_A);
    const detail = async () =>
      (await (await call(`/v1/vendor/orders/${id}`, { token: vendor })).json()) as { destination: unknown; buyer: unknown };
    expect((await detail()).buyer).toEqual({ firstName: 'Shopper', phone: expect.stringMatching(/^\+\d{10,15}$/) });
    expect((await detail()).destination).toEqual({
      address: { landmark: 'Blue gate after the market', city: 'Lagos', country: 'NG' },
      station: null,
    });
    for (const step of ['accept', 'ready']) {
      expect((await call(`/v1/vendor/orders/${id}/${step}`, { method: 'POST', token: vendor })).status).toBe(200);
    }
    expect(await exports.default.markShipped(id)).toMatchObject({ ok: true });
    expect((await detail()).destination).toMatchObject({ address: { city: 'Lagos' } });
    expect(await exports.default.markDelivered(id)).toMatchObject({ ok: true });
    expect((await detail()).destination).toEqual({ address: null, station: null });
    expect((await detail()).buyer).toBeNull();
  });

  it('names the pickup station (a public place) and hides the vendor order from another vendor', async () => {
    const id = await confirmed('usr_shipview4', {
      pickupStationId: 'pks_ng001lagos',
      payment: { method: 'pay_on_delivery', country: 'NG' },
    });
    const res = await call(`/v1/vendor/orders/${id}`, { token: await vendorToken(VENDOR_A) });
    expect(((await res.json()) as { destination: unknown }).destination).toEqual({
      address: null,
      station: { id: 'pks_ng001lagos', name: expect.any(String), landmark: expect.any(String), city: 'Lagos' },
    });
    const other = await call(`/v1/vendor/orders/${id}`, { token: await vendorToken(VENDOR_B) });
    expect(other.status).toBe(404);
  });
});
