import { mintDevToken } from '@linked-all/auth/dev-keys';
import { describe, expect, it } from 'vitest';
import { get, problem } from './helpers';

describe('logistics through the gateway', () => {
  it('lists pickup stations and quotes delivery', async () => {
    const stations = await get('/v1/pickup-stations?country=GH&city=Accra');
    expect(stations.status).toBe(200);
    expect(((await stations.json()) as { items: unknown[] }).items).toHaveLength(3);
    const quote = await get(
      '/v1/delivery/quote?country=GH&city=Accra&method=station&currency=GHS&vendorId=vnd_accrashop&subtotal=10000',
    );
    expect(await quote.json()).toMatchObject({ total: { amount: 1500, currency: 'GHS' } });
  });

  it("sends an order's tracking to logistics and the order itself to orders", async () => {
    const token = await mintDevToken({ userId: 'usr_tracker', role: 'shopper' });
    const headers = { authorization: `Bearer ${token}` };
    const tracking = await problem(await get('/v1/orders/ord_0000000000abcd/tracking', { headers }), 404, 'not_found');
    expect(tracking.detail).toContain('parcels');
    const order = await problem(await get('/v1/orders/ord_0000000000abcd', { headers }), 404, 'not_found');
    expect(order.detail).not.toContain('parcels');
  });

  it('answers public tracking, the rider desk (403 for a shopper) from logistics', async () => {
    await problem(await get('/v1/track/LA-0000-0000'), 404, 'not_found');
    const shopper = await mintDevToken({ userId: 'usr_curious', role: 'shopper' });
    await problem(await get('/v1/rider/shipments', { headers: { authorization: `Bearer ${shopper}` } }), 403, 'forbidden');
  });

  it('reports logistics in /v1/health and its routes in the OpenAPI document', async () => {
    expect(await (await get('/v1/health')).json()).toMatchObject({ services: { logistics: { ok: true } } });
    const doc = (await (await get('/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/pickup-stations', '/v1/delivery/quote', '/v1/track/{trackingCode}']),
    );
  });
});
