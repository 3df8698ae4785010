import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxWebhook } from '../src/couriers/sandbox';
import { adminToken, call, confirmedOrder, LAGOS_STATION, problem, seedCatalogOnce, vendorReady } from './fixtures';
import { eventsNaming, transitions, vendorOrderStatus } from './preamble';

type Booked = { carrier: string; carrierRef: string };

beforeAll(seedCatalogOnce);

/** A prepaid station order, ready at the vendor and booked with the sandbox carrier. */
async function bookedShipment(userId: string) {
  const order = await confirmedOrder(userId, { pickupStationId: LAGOS_STATION }, 'wallet');
  await vendorReady(order.vendorOrderId);
  const res = await call(`/v1/admin/shipments/${order.shipmentId}/courier`, {
    method: 'POST',
    token: await adminToken(),
    json: { carrier: 'sendy' },
  });
  expect(res.status).toBe(200);
  const booked = (await res.json()) as Booked;
  const trackingCode =
    (await env.DB.prepare('SELECT tracking_code AS t FROM shipments WHERE id = ?').bind(order.shipmentId).first<{ t: string }>())
      ?.t ?? '';
  return { ...order, ...booked, trackingCode };
}

const post = (body: string, headers: Record<string, string>) =>
  call('/v1/webhooks/courier/sendy', { method: 'POST', body, headers });

describe('POST /v1/webhooks/courier/:carrier', () => {
  it('books over the carrier API, then moves the shipment with each signed status (pickup tells orders)', async () => {
    const s = await bookedShipment('usr_courier1');
    expect(s.carrierRef).toMatch(/^SND[0-9A-F]{10}$/);
    for (const status of ['picked', 'in_transit', 'arrived_at_station'] as const) {
      const hook = await sandboxWebhook(env, { order_no: s.carrierRef, external_reference: s.trackingCode, status });
      const res = await post(hook.body, hook.headers);
      expect(await res.json()).toEqual({ received: true, duplicate: false, applied: true });
    }
    expect(await transitions(s.shipmentId)).toEqual(['awaiting_pickup', 'picked_up', 'in_transit', 'at_station']);
    expect(await vendorOrderStatus(s.vendorOrderId)).toBe('shipped');
  });

  it('moves once when the same webhook is replayed 5 times', async () => {
    const s = await bookedShipment('usr_courier2');
    const hook = await sandboxWebhook(env, { order_no: s.carrierRef, external_reference: s.trackingCode, status: 'picked' });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await (await post(hook.body, hook.headers)).json());
    expect(answers[0]).toMatchObject({ duplicate: false, applied: true });
    expect(answers.slice(1).every((a) => (a as { duplicate: boolean }).duplicate)).toBe(true);
    expect(await transitions(s.shipmentId)).toEqual(['awaiting_pickup', 'picked_up']);
    expect(await eventsNaming('shipment.picked_up', s.shipmentId)).toBe(1);
  });

  it('refuses a forged or unsigned webhook with 401 and moves nothing', async () => {
    const s = await bookedShipment('usr_courier3');
    const hook = await sandboxWebhook(env, { order_no: s.carrierRef, external_reference: s.trackingCode, status: 'picked' });
    const forged = { ...hook.headers, 'x-sendy-signature': `sha256=${'0'.repeat(64)}` };
    await problem(await post(hook.body, forged), 401, 'unauthenticated');
    // The right signature over a different body (the status changed in flight).
    await problem(await post(hook.body.replace('"picked"', '"delivered"'), hook.headers), 401, 'unauthenticated');
    await problem(await post(hook.body, { 'content-type': 'application/json' }), 401, 'unauthenticated');
    expect(await transitions(s.shipmentId)).toEqual(['awaiting_pickup']);
    const recorded = await env.DB.prepare('SELECT count(*) AS n FROM courier_events WHERE shipment_id = ?')
      .bind(s.shipmentId)
      .first<{ n: number }>();
    expect(recorded?.n).toBe(0);
  });

  it('answers 400 naming the field for a signed body of the wrong shape, 404 for an unknown carrier or order', async () => {
    const { signHex } = await import('../src/couriers/hmac');
    const body = JSON.stringify({
      event_id: 'evt_12345678',
      event: 'order.status_changed',
      order_no: 'SND1',
      status: 'teleported',
    });
    const signed = {
      'content-type': 'application/json',
      'x-sendy-signature': `sha256=${await signHex(env.COURIER_SENDY_WEBHOOK_SECRET ?? '', body)}`,
    };
    const bad = await problem(await post(body, signed), 400, 'validation_failed');
    expect((bad.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['external_reference', 'status', 'timestamp']);
    await problem(
      await call('/v1/webhooks/courier/dhl', { method: 'POST', body: '{}', headers: signed }),
      400,
      'validation_failed',
    );
    const unknown = await sandboxWebhook(env, { order_no: 'SNDUNKNOWN00', external_reference: 'LA-0000-0000', status: 'picked' });
    await problem(await post(unknown.body, unknown.headers), 404, 'not_found');
  });

  it('refuses to book a pay-on-delivery parcel with a carrier (409)', async () => {
    const { shipmentId } = await confirmedOrder('usr_courier4', { pickupStationId: LAGOS_STATION });
    await problem(
      await call(`/v1/admin/shipments/${shipmentId}/courier`, {
        method: 'POST',
        token: await adminToken(),
        json: { carrier: 'sendy' },
      }),
      409,
      'conflict',
    );
  });
});
